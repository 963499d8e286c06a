import type { AiSystemResolvers } from '../generated/resolvers-types.js';
import { arrayConnection, lazyConnection, pageRequest } from '../connection.js';
import { fromGlobalId, toGlobalId } from '../global-id.js';
import { frameworkSortKey, statusChangeSortKey, type SystemStatusHistoryOptions } from '../../domain/list-orders.js';
import type { AiSystemControlStatusListRow } from '../../services/rows.js';

/** Overrides of one system are ordered by control refId, then control id. */
const byControl = (row: AiSystemControlStatusListRow) => [row.controlRefId, row.controlId];

export const AISystem: AiSystemResolvers = {
  id: (row) => toGlobalId('AISystem', row.id),
  /** One page per system, cut in SQL: at most `first` + 1 rows per system are read. */
  frameworks: (row, { first, after }, ctx) => {
    const page = pageRequest(first, after);
    return lazyConnection(
      () => ctx.loaders.aiSystemFrameworkPages.load({ parent: row.id, options: null, page }),
      frameworkSortKey,
      () => ctx.loaders.aiSystemFrameworkCounts.load({ parent: row.id, options: null }),
    );
  },
  controlStatuses: async (row, args, ctx) =>
    arrayConnection(await ctx.loaders.aiSystemControlStatusesBySystem.load(row.id), byControl, args),
  /** One page per system, newest first, cut in SQL. */
  controlStatusHistory: (row, { controlId, first, after }, ctx) => {
    const page = pageRequest(first, after);
    const options: SystemStatusHistoryOptions = { controlId: controlId == null ? null : (fromGlobalId(controlId, 'Control') ?? 0) };
    return lazyConnection(
      () => ctx.loaders.aiSystemStatusHistoryPages.load({ parent: row.id, options, page }),
      statusChangeSortKey,
      () => ctx.loaders.aiSystemStatusHistoryCounts.load({ parent: row.id, options }),
    );
  },
};
