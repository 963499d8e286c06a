import type { CoverageSnapshotResolvers } from '../generated/resolvers-types.js';
import { present } from './request.js';

export const CoverageSnapshot: CoverageSnapshotResolvers = {
  framework: async (s, _, ctx) => present(await ctx.loaders.frameworkById.load(s.frameworkId), 'framework'),
  aiSystem: (s, _, ctx) => (s.aiSystemId === null ? null : ctx.loaders.aiSystemById.load(s.aiSystemId)),
  at: (s) => s.at,
  viaCrosswalks: (s) => s.viaCrosswalks,
  summary: (s) => {
    const applicable = s.total - s.notApplicable;
    return {
      total: s.total,
      covered: s.covered,
      partial: s.partial,
      uncovered: s.uncovered,
      notApplicable: s.notApplicable,
      coverageRatio: applicable === 0 ? null : s.covered / applicable,
    };
  },
  createdBy: (s) => s.createdBy,
};
