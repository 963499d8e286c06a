import type { FrameworkResolvers } from '../generated/resolvers-types.js';
import { frameworkRequirementKey, type FrameworkRequirementOptions } from '../../domain/list-orders.js';
import { groupConnection } from '../connection.js';

/** One page per framework, cut in SQL: at most `first` + 1 rows per framework are read. */
export const requirements: FrameworkResolvers['requirements'] = (row, { topLevelOnly, includeWithdrawn, first, after }, ctx) => {
  const options: FrameworkRequirementOptions = { topLevelOnly: topLevelOnly ?? false, includeWithdrawn: includeWithdrawn ?? false };
  return groupConnection({ pages: ctx.loaders.frameworkRequirementPages, counts: ctx.loaders.frameworkRequirementCounts }, { parent: row.id, options }, { first, after }, frameworkRequirementKey(options));
};
