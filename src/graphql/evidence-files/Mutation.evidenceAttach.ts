import type { MutationResolvers } from '../generated/resolvers-types.js';
import { attachFields } from './attach-input.js';

export const evidenceAttach: MutationResolvers['evidenceAttach'] = async (_, { input }, ctx) => {
  const result = await ctx.services.evidenceFiles.attach(ctx.actor, attachFields(input));
  return result.ok
    ? { evidence: result.value.evidence, created: result.value.created, userErrors: [] }
    : { evidence: null, created: null, userErrors: result.errors };
};
