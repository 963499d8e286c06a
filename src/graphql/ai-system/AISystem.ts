import type { AiSystemResolvers } from '../generated/resolvers-types.js';
import { arrayConnection, groupConnection } from '../connection.js';
import { fromGlobalId, toGlobalId } from '../global-id.js';
import { frameworkSortKey, statusChangeSortKey, type SystemStatusHistoryOptions } from '../../domain/list-orders.js';
import type { AiSystemControlStatusListRow } from '../../services/rows.js';

/** Overrides of one system are ordered by control refId, then control id. */
const byControl = (row: AiSystemControlStatusListRow) => [row.controlRefId, row.controlId];

export const AISystem: AiSystemResolvers = {
  id: (row) => toGlobalId('AISystem', row.id),
  /** One page per system, cut in SQL: at most `first` + 1 rows per system are read. */
  frameworks: (row, { first, after }, ctx) => {
    return groupConnection({ pages: ctx.loaders.aiSystemFrameworkPages, counts: ctx.loaders.aiSystemFrameworkCounts }, { parent: row.id, options: null }, { first, after }, frameworkSortKey);
  },
  controlStatuses: async (row, args, ctx) =>
    arrayConnection(await ctx.loaders.aiSystemControlStatusesBySystem.load(row.id), byControl, args),
  /** One page per system, newest first, cut in SQL. */
  controlStatusHistory: (row, { controlId, first, after }, ctx) => {
    const options: SystemStatusHistoryOptions = { controlId: controlId == null ? null : (fromGlobalId(controlId, 'Control') ?? 0) };
    return groupConnection({ pages: ctx.loaders.aiSystemStatusHistoryPages, counts: ctx.loaders.aiSystemStatusHistoryCounts }, { parent: row.id, options }, { first, after }, statusChangeSortKey);
  },
};
