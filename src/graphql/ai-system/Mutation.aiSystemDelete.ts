import type { MutationResolvers } from '../generated/resolvers-types.js';
import { toGlobalId } from '../global-id.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const aiSystemDelete: MutationResolvers['aiSystemDelete'] = async (_, { input }, ctx) =>
  payload(
    await ctx.services.aiSystems.delete(ctx.actor, inputId(input.id, 'AISystem')),
    'deletedId',
    (row) => toGlobalId('AISystem', row.id),
  );
