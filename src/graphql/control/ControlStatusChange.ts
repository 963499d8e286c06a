import type { ControlStatusChangeResolvers } from '../generated/resolvers-types.js';
import { toGlobalId } from '../global-id.js';

export const ControlStatusChange: ControlStatusChangeResolvers = {
  id: (row) => toGlobalId('ControlStatusChange', row.id),
  aiSystem: (row, _, ctx) => (row.aiSystemId == null ? null : ctx.loaders.aiSystemById.load(row.aiSystemId)),
};
