import type { RequirementResolvers } from '../generated/resolvers-types.js';
import { requirementLinkSortKey, type RequirementLinkListOptions } from '../../domain/list-orders.js';
import { groupConnection } from '../connection.js';

/** One page per requirement, cut in SQL: at most `first` + 1 links per requirement are read. */
export const links: RequirementResolvers['links'] = (row, { direction, includeRetired, first, after }, ctx) => {
  const options: RequirementLinkListOptions = { direction: direction ?? 'BOTH', includeRetired: includeRetired ?? false };
  return groupConnection({ pages: ctx.loaders.requirementLinkPages, counts: ctx.loaders.requirementLinkCounts }, { parent: row.id, options }, { first, after }, requirementLinkSortKey);
};
