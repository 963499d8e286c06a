import type { BaselineResolvers } from '../generated/resolvers-types.js';
import { baselineApplicationSortKey, baselineMemberSortKey, type BaselineApplicationOptions } from '../../domain/list-orders.js';
import { groupConnection } from '../connection.js';
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
    return groupConnection({ pages: ctx.loaders.baselineMemberPages, counts: ctx.loaders.baselineMemberCounts }, { parent: row.id, options: null }, { first, after }, baselineMemberSortKey);
  },
  /** One page per baseline, cut in SQL. */
  applications: (row, { includeRetired, first, after }, ctx) => {
    const options: BaselineApplicationOptions = { includeRetired: includeRetired ?? false };
    return groupConnection({ pages: ctx.loaders.baselineApplicationPages, counts: ctx.loaders.baselineApplicationCounts }, { parent: row.id, options }, { first, after }, baselineApplicationSortKey);
  },
};
