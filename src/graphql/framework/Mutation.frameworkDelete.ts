import type { MutationResolvers } from '../generated/resolvers-types.js';
import { toGlobalId } from '../global-id.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const frameworkDelete: MutationResolvers['frameworkDelete'] = async (_, { input }, ctx) =>
  payload(
    await ctx.services.frameworks.delete(ctx.actor, inputId(input.id, 'Framework')),
    'deletedId',
    (row) => toGlobalId('Framework', row.id),
  );
