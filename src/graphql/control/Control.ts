import type { ControlResolvers } from '../generated/resolvers-types.js';
import { groupConnection } from '../connection.js';
import { fromGlobalId, toGlobalId } from '../global-id.js';
import { statusChangeSortKey, type ControlStatusHistoryOptions } from '../../domain/list-orders.js';

export const Control: ControlResolvers = {
  id: (row) => toGlobalId('Control', row.id),
  /** One page per control, newest first, cut in SQL: at most `first` + 1 rows per control are read. */
  statusHistory: (row, { aiSystemId, first, after }, ctx) => {
    // An id that names no AI system lists nothing (ids start at 1).
    const options: ControlStatusHistoryOptions = { aiSystemId: aiSystemId == null ? null : (fromGlobalId(aiSystemId, 'AISystem') ?? 0) };
    return groupConnection({ pages: ctx.loaders.controlStatusHistoryPages, counts: ctx.loaders.controlStatusHistoryCounts }, { parent: row.id, options }, { first, after }, statusChangeSortKey);
  },
};
