import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';

export const threatRequirementLink: MutationResolvers['threatRequirementLink'] = async (_, { input }, ctx) => {
  const result = await ctx.services.threats.setRequirementLink(ctx.actor, {
    threatId: inputId(input.threatId, 'Threat'),
    requirementId: inputId(input.requirementId, 'Requirement'),
    linked: input.linked,
  });
  return result.ok
    ? { ...result.value, userErrors: [] }
    : { threat: null, requirement: null, userErrors: result.errors };
};
