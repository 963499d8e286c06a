import type { RequirementResolvers } from '../generated/resolvers-types.js';
import { requirementLinkSortKey } from '../../domain/list-orders.js';
import { arrayConnection, pageRequest } from '../connection.js';

export const links: RequirementResolvers['links'] = async (row, { direction, includeRetired, first, after }, ctx) => {
  pageRequest(first, after);
  const all = await ctx.loaders.requirementLinksByRequirement.load(row.id);
  const wanted = direction ?? 'BOTH';
  const items = all.filter(
    (link) =>
      (includeRetired || link.retiredAt === null) &&
      (wanted === 'BOTH' ||
        (wanted === 'OUTGOING' ? link.sourceRequirementId === row.id : link.targetRequirementId === row.id)),
  );
  return arrayConnection(items, requirementLinkSortKey, { first, after });
};
