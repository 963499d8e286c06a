import type { ControlResolvers } from '../generated/resolvers-types.js';
import { lazyConnection, pageRequest } from '../connection.js';
import { mappedRequirementSortKey, mappingSortKey, type MappingListOptions } from '../../domain/list-orders.js';

/** One page per control, cut in SQL. */
export const mappings: ControlResolvers['mappings'] = (row, { includeRetired, first, after }, ctx) => {
  const options: MappingListOptions = { includeRetired: includeRetired ?? false };
  const page = pageRequest(first, after);
  return lazyConnection(
    () => ctx.loaders.controlMappingPages.load({ parent: row.id, options, page }),
    mappingSortKey,
    () => ctx.loaders.controlMappingCounts.load({ parent: row.id, options }),
  );
};

/** One page per control, cut in SQL. */
export const requirements: ControlResolvers['requirements'] = (row, { first, after }, ctx) => {
  const page = pageRequest(first, after);
  return lazyConnection(
    () => ctx.loaders.controlRequirementPages.load({ parent: row.id, options: null, page }),
    mappedRequirementSortKey,
    () => ctx.loaders.controlRequirementCounts.load({ parent: row.id, options: null }),
  );
};
