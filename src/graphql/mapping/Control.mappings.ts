import type { ControlResolvers } from '../generated/resolvers-types.js';
import { groupConnection } from '../connection.js';
import { mappedRequirementSortKey, mappingSortKey, type MappingListOptions } from '../../domain/list-orders.js';

/** One page per control, cut in SQL. */
export const mappings: ControlResolvers['mappings'] = (row, { includeRetired, first, after }, ctx) => {
  const options: MappingListOptions = { includeRetired: includeRetired ?? false };
  return groupConnection({ pages: ctx.loaders.controlMappingPages, counts: ctx.loaders.controlMappingCounts }, { parent: row.id, options }, { first, after }, mappingSortKey);
};

/** One page per control, cut in SQL. */
export const requirements: ControlResolvers['requirements'] = (row, { first, after }, ctx) => {
  return groupConnection({ pages: ctx.loaders.controlRequirementPages, counts: ctx.loaders.controlRequirementCounts }, { parent: row.id, options: null }, { first, after }, mappedRequirementSortKey);
};
