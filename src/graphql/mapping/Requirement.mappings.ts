import type { RequirementResolvers } from '../generated/resolvers-types.js';
import { groupConnection } from '../connection.js';
import { mappingSortKey, type MappingListOptions } from '../../domain/list-orders.js';

/** One page per requirement, cut in SQL. */
export const mappings: RequirementResolvers['mappings'] = (row, { includeRetired, first, after }, ctx) => {
  const options: MappingListOptions = { includeRetired: includeRetired ?? false };
  return groupConnection({ pages: ctx.loaders.requirementMappingPages, counts: ctx.loaders.requirementMappingCounts }, { parent: row.id, options }, { first, after }, mappingSortKey);
};
