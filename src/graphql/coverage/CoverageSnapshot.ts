import { summaryOf } from '../../domain/coverage/index.js';
import type { CoverageSnapshotResolvers } from '../generated/resolvers-types.js';
import { present } from './request.js';

export const CoverageSnapshot: CoverageSnapshotResolvers = {
  framework: async (s, _, ctx) => present(await ctx.loaders.frameworkById.load(s.frameworkId), 'framework'),
  aiSystem: (s, _, ctx) => (s.aiSystemId === null ? null : ctx.loaders.aiSystemById.load(s.aiSystemId)),
  at: (s) => s.at,
  viaCrosswalks: (s) => s.viaCrosswalks,
  summary: (s) => summaryOf(s.covered, s.partial, s.uncovered, s.notApplicable),
  createdBy: (s) => s.createdBy,
};
