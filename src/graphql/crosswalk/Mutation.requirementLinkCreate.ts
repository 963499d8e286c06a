import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const requirementLinkCreate: MutationResolvers['requirementLinkCreate'] = async (_, { input }, ctx) =>
  payload(
    await ctx.services.requirementLinks.create(ctx.actor, {
      ...input,
      sourceRequirementId: inputId(input.sourceRequirementId, 'Requirement'),
      targetRequirementId: inputId(input.targetRequirementId, 'Requirement'),
    }),
    'requirementLink',
  );
