import type { RequirementStatusChangeResolvers } from '../generated/resolvers-types.js';
import { present } from './request.js';

export const RequirementStatusChange: RequirementStatusChangeResolvers = {
  requirement: async (c, _, ctx) => present(await ctx.loaders.requirementById.load(c.requirementId), 'requirement'),
  leaf: (c) => c.leaf,
  before: (c) => c.before,
  after: (c) => c.after,
};
