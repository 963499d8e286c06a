import type { QueryResolvers } from '../generated/resolvers-types.js';
import { pageRequest, toConnection } from '../connection.js';
import { controlSortKey } from '../../domain/list-orders.js';

export const controls: QueryResolvers['controls'] = async (_, { filter, first, after }, ctx) => {
  const f = {
    domain: filter?.domain,
    domains: filter?.domains,
    types: filter?.types,
    statuses: filter?.statuses,
    search: filter?.search,
  };
  const page = await ctx.services.controls.list(ctx.actor, f, pageRequest(first, after));
  return toConnection(page, controlSortKey, () => ctx.services.controls.count(ctx.actor, f));
};
