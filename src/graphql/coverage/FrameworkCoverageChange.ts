import type { FrameworkCoverageChangeResolvers } from '../generated/resolvers-types.js';
import { present } from './request.js';

export const FrameworkCoverageChange: FrameworkCoverageChangeResolvers = {
  framework: async (c, _, ctx) => present(await ctx.loaders.frameworkById.load(c.frameworkId), 'framework'),
  before: (c) => c.before,
  after: (c) => c.after,
  changed: (c) => c.changed,
};
