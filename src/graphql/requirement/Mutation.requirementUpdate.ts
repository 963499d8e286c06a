import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId, optionalInputId } from '../ids.js';
import { payload } from '../payload.js';

export const requirementUpdate: MutationResolvers['requirementUpdate'] = async (_, { input }, ctx) =>
  payload(
    await ctx.services.requirements.update(ctx.actor, {
      ...input,
      id: inputId(input.id, 'Requirement'),
      parentId: optionalInputId(input.parentId, 'Requirement'),
    }),
    'requirement',
  );
