import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId, optionalInputId } from '../ids.js';
import { payload } from '../payload.js';

export const evidenceCreate: MutationResolvers['evidenceCreate'] = async (_, { input }, ctx) =>
  payload(
    await ctx.services.evidence.create(ctx.actor, {
      ...input,
      controlIds: input.controlIds.map((id) => inputId(id, 'Control')),
      aiSystemId: optionalInputId(input.aiSystemId, 'AISystem'),
    }),
    'evidence',
  );
