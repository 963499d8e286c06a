import type { AiSystemResolvers } from '../generated/resolvers-types.js';
import { arrayConnection, lazyConnection, pageRequest } from '../connection.js';
import { fromGlobalId, toGlobalId } from '../global-id.js';
import { frameworkSortKey, statusChangeSortKey } from '../../domain/list-orders.js';
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
  controlStatusHistory: async (row, { controlId, ...args }, ctx) => {
    const all = await ctx.loaders.aiSystemStatusChanges.load(row.id);
    const only = controlId == null ? undefined : (fromGlobalId(controlId, 'Control') ?? 0);
    const items = only === undefined ? all : all.filter((change) => change.controlId === only);
    return arrayConnection(items, statusChangeSortKey, args);
  },
};
