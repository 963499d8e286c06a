import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { toIntegrity } from './integrity.js';

export const evidenceVerify: MutationResolvers['evidenceVerify'] = async (_, { input }, ctx) => {
  const result = await ctx.services.evidenceFiles.verify(ctx.actor, inputId(input.evidenceId, 'Evidence'));
  return result.ok
    ? { evidence: result.value.evidence, integrity: toIntegrity(result.value.integrity), userErrors: [] }
    : { evidence: null, integrity: null, userErrors: result.errors };
};
