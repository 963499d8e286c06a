import type { QueryResolvers } from '../generated/resolvers-types.js';
import { threatSortKey } from '../../domain/list-orders.js';
import { pageRequest, toConnection } from '../connection.js';
import { optionalInputId } from '../ids.js';

export const threats: QueryResolvers['threats'] = async (_, { filter, first, after }, ctx) => {
  const f = {
    frameworkId: optionalInputId(filter?.frameworkId, 'Framework'),
    search: filter?.search,
    topLevelOnly: filter?.topLevelOnly,
  };
  const page = await ctx.services.threats.list(ctx.actor, f, pageRequest(first, after));
  return toConnection(page, threatSortKey, () => ctx.services.threats.count(ctx.actor, f));
};
