import type { RequirementResolvers } from '../generated/resolvers-types.js';
import { requirementLinkSortKey, type RequirementLinkListOptions } from '../../domain/list-orders.js';
import { lazyConnection, pageRequest } from '../connection.js';

/** One page per requirement, cut in SQL: at most `first` + 1 links per requirement are read. */
export const links: RequirementResolvers['links'] = (row, { direction, includeRetired, first, after }, ctx) => {
  const page = pageRequest(first, after);
  const options: RequirementLinkListOptions = { direction: direction ?? 'BOTH', includeRetired: includeRetired ?? false };
  return lazyConnection(
    () => ctx.loaders.requirementLinkPages.load({ parent: row.id, options, page }),
    requirementLinkSortKey,
    () => ctx.loaders.requirementLinkCounts.load({ parent: row.id, options }),
  );
};
