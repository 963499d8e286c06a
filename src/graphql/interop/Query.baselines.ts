import type { QueryResolvers } from '../generated/resolvers-types.js';
import { baselineSortKey } from '../../domain/list-orders.js';
import { arrayConnection, pageRequest } from '../connection.js';
import { optionalInputId } from '../ids.js';

/** Baselines are few (one per imported profile): listed whole, then paged. */
export const baselines: QueryResolvers['baselines'] = async (_, { frameworkId, first, after }, ctx) => {
  pageRequest(first, after);
  return arrayConnection(await ctx.services.baselines.list(ctx.actor, optionalInputId(frameworkId, 'Framework')), baselineSortKey, { first, after });
};
