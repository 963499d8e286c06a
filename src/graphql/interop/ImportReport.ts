import type { ImportReportResolvers } from '../generated/resolvers-types.js';

/** Rows that loaded (a row deleted since the import is left out). */
const loaded = <T extends object>(rows: (T | null | Error)[]): T[] => rows.filter((row): row is T => row !== null && !(row instanceof Error));

export const ImportReport: ImportReportResolvers = {
  frameworks: async (report, _, ctx) => loaded(await ctx.loaders.frameworkById.loadMany(report.frameworkIds)),
  baselines: async (report, _, ctx) => loaded(await ctx.loaders.baselineById.loadMany(report.baselineIds)),
};
