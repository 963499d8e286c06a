import type { MutationResolvers } from '../generated/resolvers-types.js';
import { toGlobalId } from '../global-id.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const requirementDelete: MutationResolvers['requirementDelete'] = async (_, { input }, ctx) =>
  payload(
    await ctx.services.requirements.delete(ctx.actor, inputId(input.id, 'Requirement')),
    'deletedId',
    (row) => toGlobalId('Requirement', row.id),
  );
