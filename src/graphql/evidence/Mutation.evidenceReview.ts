import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const evidenceReview: MutationResolvers['evidenceReview'] = async (_, { input }, ctx) =>
  payload(
    await ctx.services.evidence.review(ctx.actor, { ...input, evidenceId: inputId(input.evidenceId, 'Evidence') }),
    'evidence',
  );
