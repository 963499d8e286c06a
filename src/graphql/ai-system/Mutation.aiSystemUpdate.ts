import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const aiSystemUpdate: MutationResolvers['aiSystemUpdate'] = async (_, { input }, ctx) =>
  payload(
    await ctx.services.aiSystems.update(ctx.actor, { ...input, id: inputId(input.id, 'AISystem') }),
    'aiSystem',
  );
