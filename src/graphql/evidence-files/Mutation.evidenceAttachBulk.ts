import type { MutationResolvers } from '../generated/resolvers-types.js';
import { attachFields } from './attach-input.js';

export const evidenceAttachBulk: MutationResolvers['evidenceAttachBulk'] = async (_, { input }, ctx) => {
  const result = await ctx.services.evidenceFiles.attachBulk(ctx.actor, input.items.map(attachFields));
  if (!result.ok) return { results: null, createdCount: null, replayedCount: null, failedCount: null, userErrors: result.errors };
  const results = result.value;
  return {
    results,
    createdCount: results.filter((r) => r.created).length,
    replayedCount: results.filter((r) => r.evidence && !r.created).length,
    failedCount: results.filter((r) => !r.evidence).length,
    userErrors: [],
  };
};
