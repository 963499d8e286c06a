import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const requirementLinkRetire: MutationResolvers['requirementLinkRetire'] = async (_, { input }, ctx) =>
  payload(
    await ctx.services.requirementLinks.retire(ctx.actor, inputId(input.id, 'RequirementLink')),
    'requirementLink',
  );
