import type { CoverageReportResolvers } from '../generated/resolvers-types.js';

export const CoverageReport: CoverageReportResolvers = {
  asOf: (answer) => new Date(answer.at),
  aiSystem: (answer, _, ctx) => (answer.aiSystemId === null ? null : ctx.loaders.aiSystemById.load(answer.aiSystemId)),
  viaCrosswalks: (answer) => answer.viaCrosswalks,
  maxCrosswalkDepth: (answer) => answer.maxDepth,
  frameworks: (answer) => [...answer.frameworks],
  totals: (answer) => answer.totals(),
};
