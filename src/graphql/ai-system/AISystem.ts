import type { AiSystemResolvers } from '../generated/resolvers-types.js';
import { arrayConnection } from '../connection.js';
import { fromGlobalId, toGlobalId } from '../global-id.js';
import { frameworkSortKey, statusChangeSortKey } from '../../domain/list-orders.js';
import type { AiSystemControlStatusListRow } from '../../services/rows.js';

/** Overrides of one system are ordered by control refId, then control id. */
const byControl = (row: AiSystemControlStatusListRow) => [row.controlRefId, row.controlId];

export const AISystem: AiSystemResolvers = {
  id: (row) => toGlobalId('AISystem', row.id),
  frameworks: async (row, args, ctx) =>
    arrayConnection(await ctx.loaders.aiSystemFrameworks.load(row.id), frameworkSortKey, args),
  controlStatuses: async (row, args, ctx) =>
    arrayConnection(await ctx.loaders.aiSystemControlStatusesBySystem.load(row.id), byControl, args),
  controlStatusHistory: async (row, { controlId, ...args }, ctx) => {
    const all = await ctx.loaders.aiSystemStatusChanges.load(row.id);
    const only = controlId == null ? undefined : (fromGlobalId(controlId, 'Control') ?? 0);
    const items = only === undefined ? all : all.filter((change) => change.controlId === only);
    return arrayConnection(items, statusChangeSortKey, args);
  },
};
