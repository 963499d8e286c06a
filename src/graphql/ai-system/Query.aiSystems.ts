import type { QueryResolvers } from '../generated/resolvers-types.js';
import { pageRequest, toConnection } from '../connection.js';
import { aiSystemSortKey } from '../../domain/list-orders.js';

export const aiSystems: QueryResolvers['aiSystems'] = async (_, { filter, first, after }, ctx) => {
  const f = { riskLevels: filter?.riskLevels, roles: filter?.roles, search: filter?.search };
  const page = await ctx.services.aiSystems.list(ctx.actor, f, pageRequest(first, after));
  return toConnection(page, aiSystemSortKey, () => ctx.services.aiSystems.count(ctx.actor, f));
};
