import type { RequirementResolvers } from '../generated/resolvers-types.js';
import { lazyConnection, pageRequest } from '../connection.js';
import { mappingSortKey, type MappingListOptions } from '../../domain/list-orders.js';

/** One page per requirement, cut in SQL. */
export const mappings: RequirementResolvers['mappings'] = (row, { includeRetired, first, after }, ctx) => {
  const options: MappingListOptions = { includeRetired: includeRetired ?? false };
  const page = pageRequest(first, after);
  return lazyConnection(
    () => ctx.loaders.requirementMappingPages.load({ parent: row.id, options, page }),
    mappingSortKey,
    () => ctx.loaders.requirementMappingCounts.load({ parent: row.id, options }),
  );
};
