import type { MutationResolvers } from '../generated/resolvers-types.js';

export const catalogImport: MutationResolvers['catalogImport'] = async (_, { input }, ctx) => {
  const { report, errors } = await ctx.services.imports.import(ctx.actor, {
    format: input.format,
    content: input.content,
    sha256: input.sha256,
    frameworkRefId: input.frameworkRefId,
    targetFrameworkRefId: input.targetFrameworkRefId,
    baselineRefId: input.baselineRefId,
    mode: input.mode,
    dryRun: input.dryRun,
    strict: input.strict,
    sourceName: input.sourceName,
    replaceSource: input.replaceSource,
  });
  return { report, userErrors: errors };
};
