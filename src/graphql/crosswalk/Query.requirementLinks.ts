import type { QueryResolvers } from '../generated/resolvers-types.js';
import { requirementLinkSortKey } from '../../domain/list-orders.js';
import { pageRequest, toConnection } from '../connection.js';
import { optionalInputId } from '../ids.js';

export const requirementLinks: QueryResolvers['requirementLinks'] = async (_, { filter, first, after }, ctx) => {
  const f = {
    sourceFrameworkId: optionalInputId(filter?.sourceFrameworkId, 'Framework'),
    targetFrameworkId: optionalInputId(filter?.targetFrameworkId, 'Framework'),
    relationships: filter?.relationships,
    includeRetired: filter?.includeRetired,
  };
  const page = await ctx.services.requirementLinks.list(ctx.actor, f, pageRequest(first, after));
  return toConnection(page, requirementLinkSortKey, () => ctx.services.requirementLinks.count(ctx.actor, f));
};
