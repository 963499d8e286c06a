import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const mappingCreate: MutationResolvers['mappingCreate'] = async (_, { input }, ctx) =>
  payload(
    await ctx.services.mappings.create(ctx.actor, {
      ...input,
      requirementId: inputId(input.requirementId, 'Requirement'),
      controlId: inputId(input.controlId, 'Control'),
    }),
    'mapping',
  );
