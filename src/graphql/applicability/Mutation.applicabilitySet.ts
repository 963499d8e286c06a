import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId, optionalInputId } from '../ids.js';

export const applicabilitySet: MutationResolvers['applicabilitySet'] = async (_, { input }, ctx) => {
  const result = await ctx.services.applicability.set(ctx.actor, {
    requirementId: inputId(input.requirementId, 'Requirement'),
    aiSystemId: optionalInputId(input.aiSystemId, 'AISystem'),
    applicable: input.applicable,
    justification: input.justification,
  });
  return result.ok
    ? { requirement: result.value.requirement, notApplicableMark: result.value.mark, userErrors: [] }
    : { requirement: null, notApplicableMark: null, userErrors: result.errors };
};
