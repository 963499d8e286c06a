import type { QueryResolvers } from '../generated/resolvers-types.js';
import { pageRequest, toConnection } from '../connection.js';
import { frameworkSortKey } from '../../domain/list-orders.js';

export const frameworks: QueryResolvers['frameworks'] = async (_, { filter, first, after }, ctx) => {
  const f = { kinds: filter?.kinds, search: filter?.search };
  const page = await ctx.services.frameworks.list(ctx.actor, f, pageRequest(first, after));
  return toConnection(page, frameworkSortKey, () => ctx.services.frameworks.count(ctx.actor, f));
};
