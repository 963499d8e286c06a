import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId, optionalInputId } from '../ids.js';
import { payload } from '../payload.js';

export const threatCreate: MutationResolvers['threatCreate'] = async (_, { input }, ctx) =>
  payload(
    await ctx.services.threats.create(ctx.actor, {
      ...input,
      frameworkId: inputId(input.frameworkId, 'Framework'),
      parentId: optionalInputId(input.parentId, 'Threat'),
    }),
    'threat',
  );
