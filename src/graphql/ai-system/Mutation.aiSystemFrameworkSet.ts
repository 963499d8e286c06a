import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const aiSystemFrameworkSet: MutationResolvers['aiSystemFrameworkSet'] = async (_, { input }, ctx) =>
  payload(
    await ctx.services.aiSystems.setFrameworks(ctx.actor, {
      aiSystemId: inputId(input.aiSystemId, 'AISystem'),
      frameworkIds: input.frameworkIds.map((id) => inputId(id, 'Framework')),
    }),
    'aiSystem',
  );
