import type { FrameworkCoverageResolvers } from '../generated/resolvers-types.js';
import { present } from './request.js';

export const FrameworkCoverage: FrameworkCoverageResolvers = {
  // The row read with the coverage graph: no statement and no promise per framework.
  framework: (f, _, ctx) => f.frameworkRow ?? ctx.loaders.frameworkById.load(f.frameworkId).then((row) => present(row, 'framework')),
  status: (f) => f.status,
  total: (f) => f.summary.total,
  covered: (f) => f.summary.covered,
  partial: (f) => f.summary.partial,
  uncovered: (f) => f.summary.uncovered,
  notApplicable: (f) => f.summary.notApplicable,
  coverageRatio: (f) => f.summary.coverageRatio,
  summary: (f) => f.summary,
};
