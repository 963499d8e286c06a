import type { NotApplicableMarkResolvers } from '../generated/resolvers-types.js';
import { toGlobalId } from '../global-id.js';

export const NotApplicableMark: NotApplicableMarkResolvers = {
  id: (row) => toGlobalId('NotApplicableMark', row.id),
  requirement: async (row, _, ctx) => {
    const requirement = await ctx.loaders.requirementById.load(row.requirementId);
    if (!requirement) throw new Error(`requirement ${row.requirementId} of a not-applicable mark is missing`);
    return requirement;
  },
  aiSystemId: (row) => (row.aiSystemId === null ? null : toGlobalId('AISystem', row.aiSystemId)),
  aiSystem: (row, _, ctx) => (row.aiSystemId === null ? null : ctx.loaders.aiSystemById.load(row.aiSystemId)),
};
