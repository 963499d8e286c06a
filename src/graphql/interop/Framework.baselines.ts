import type { FrameworkResolvers } from '../generated/resolvers-types.js';
import { baselineSortKey } from '../../domain/list-orders.js';
import { lazyConnection, pageRequest } from '../connection.js';

/** One page per framework, cut in SQL: at most `first` + 1 rows per framework are read. */
export const baselines: FrameworkResolvers['baselines'] = (row, { first, after }, ctx) => {
  const page = pageRequest(first, after);
  return lazyConnection(
    () => ctx.loaders.frameworkBaselinePages.load({ parent: row.id, options: null, page }),
    baselineSortKey,
    () => ctx.loaders.frameworkBaselineCounts.load({ parent: row.id, options: null }),
  );
};
