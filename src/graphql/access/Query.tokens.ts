import type { QueryResolvers } from '../generated/resolvers-types.js';
import { pageRequest, toConnection } from '../connection.js';
import { tokenSortKey } from '../../domain/list-orders.js';

export const tokens: QueryResolvers['tokens'] = async (_, { includeRevoked, first, after }, ctx) => {
  const filter = { includeRevoked };
  const page = await ctx.services.tokens.list(ctx.actor, filter, pageRequest(first, after));
  return toConnection(page, tokenSortKey, () => ctx.services.tokens.count(ctx.actor, filter));
};
