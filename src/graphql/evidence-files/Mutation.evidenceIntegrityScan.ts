import type { MutationResolvers } from '../generated/resolvers-types.js';

export const evidenceIntegrityScan: MutationResolvers['evidenceIntegrityScan'] = async (_, { input }, ctx) => {
  const result = await ctx.services.evidenceFiles.scan(ctx.actor, { sha256s: input?.sha256s });
  if (!result.ok) {
    return { checked: null, intact: null, problems: null, unrecordedFiles: null, startedAt: null, finishedAt: null, userErrors: result.errors };
  }
  return { ...result.value, userErrors: [] };
};
