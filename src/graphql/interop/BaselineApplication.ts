import type { BaselineApplicationResolvers } from '../generated/resolvers-types.js';
import { toGlobalId } from '../global-id.js';

export const BaselineApplication: BaselineApplicationResolvers = {
  aiSystemId: (row) => (row.aiSystemId === null ? null : toGlobalId('AISystem', row.aiSystemId)),
  aiSystem: (row, _, ctx) => (row.aiSystemId === null ? null : ctx.loaders.aiSystemById.load(row.aiSystemId)),
};
