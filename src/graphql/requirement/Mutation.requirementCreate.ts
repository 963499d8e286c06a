import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId, optionalInputId } from '../ids.js';
import { payload } from '../payload.js';

export const requirementCreate: MutationResolvers['requirementCreate'] = async (_, { input }, ctx) =>
  payload(
    await ctx.services.requirements.create(ctx.actor, {
      ...input,
      frameworkId: inputId(input.frameworkId, 'Framework'),
      parentId: optionalInputId(input.parentId, 'Requirement'),
    }),
    'requirement',
  );
