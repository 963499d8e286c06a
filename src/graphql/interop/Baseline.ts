import type { BaselineResolvers } from '../generated/resolvers-types.js';
import { baselineApplicationSortKey, baselineMemberSortKey, type BaselineApplicationOptions } from '../../domain/list-orders.js';
import { lazyConnection, pageRequest } from '../connection.js';
import { toGlobalId } from '../global-id.js';

export const Baseline: BaselineResolvers = {
  id: (row) => toGlobalId('Baseline', row.id),
  framework: async (row, _, ctx) => {
    const framework = await ctx.loaders.frameworkById.load(row.frameworkId);
    if (!framework) throw new Error(`framework ${row.frameworkId} of baseline ${row.id} is missing`);
    return framework;
  },
  requirementCount: (row, _, ctx) => ctx.loaders.baselineMemberCounts.load({ parent: row.id, options: null }),
  /** One page per baseline, cut in SQL: at most `first` + 1 rows per baseline are read. */
  requirements: (row, { first, after }, ctx) => {
    const page = pageRequest(first, after);
    return lazyConnection(
      () => ctx.loaders.baselineMemberPages.load({ parent: row.id, options: null, page }),
      baselineMemberSortKey,
      () => ctx.loaders.baselineMemberCounts.load({ parent: row.id, options: null }),
    );
  },
  /** One page per baseline, cut in SQL. */
  applications: (row, { includeRetired, first, after }, ctx) => {
    const page = pageRequest(first, after);
    const options: BaselineApplicationOptions = { includeRetired: includeRetired ?? false };
    return lazyConnection(
      () => ctx.loaders.baselineApplicationPages.load({ parent: row.id, options, page }),
      baselineApplicationSortKey,
      () => ctx.loaders.baselineApplicationCounts.load({ parent: row.id, options }),
    );
  },
};
