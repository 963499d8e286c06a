import type { FrameworkResolvers } from '../generated/resolvers-types.js';
import { baselineSortKey } from '../../domain/list-orders.js';
import { groupConnection } from '../connection.js';

/** One page per framework, cut in SQL: at most `first` + 1 rows per framework are read. */
export const baselines: FrameworkResolvers['baselines'] = (row, { first, after }, ctx) => {
  return groupConnection({ pages: ctx.loaders.frameworkBaselinePages, counts: ctx.loaders.frameworkBaselineCounts }, { parent: row.id, options: null }, { first, after }, baselineSortKey);
};
