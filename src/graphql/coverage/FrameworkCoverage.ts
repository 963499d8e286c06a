import type { FrameworkCoverageResolvers } from '../generated/resolvers-types.js';
import { present } from './request.js';

export const FrameworkCoverage: FrameworkCoverageResolvers = {
  framework: async (f, _, ctx) => present(await ctx.loaders.frameworkById.load(f.frameworkId), 'framework'),
  status: (f) => f.status,
  total: (f) => f.summary.total,
  covered: (f) => f.summary.covered,
  partial: (f) => f.summary.partial,
  uncovered: (f) => f.summary.uncovered,
  notApplicable: (f) => f.summary.notApplicable,
  coverageRatio: (f) => f.summary.coverageRatio,
  summary: (f) => f.summary,
};
