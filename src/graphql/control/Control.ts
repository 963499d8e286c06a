import type { ControlResolvers } from '../generated/resolvers-types.js';
import { arrayConnection } from '../connection.js';
import { fromGlobalId, toGlobalId } from '../global-id.js';
import { statusChangeSortKey } from '../../domain/list-orders.js';
import { controlSystemKey } from './loaders.js';

export const Control: ControlResolvers = {
  id: (row) => toGlobalId('Control', row.id),
  statusHistory: async (row, { aiSystemId, first, after }, ctx) => {
    if (aiSystemId == null) {
      const changes = await ctx.loaders.controlStatusChangesByControl.load(row.id);
      return arrayConnection(changes, statusChangeSortKey, { first, after });
    }
    const systemId = fromGlobalId(aiSystemId, 'AISystem');
    const changes =
      systemId === null ? [] : await ctx.loaders.controlStatusChangesByControlAndAiSystem.load(controlSystemKey(row.id, systemId));
    return arrayConnection(changes, statusChangeSortKey, { first, after });
  },
};
