import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const aiSystemCreate: MutationResolvers['aiSystemCreate'] = async (_, { input }, ctx) =>
  payload(
    await ctx.services.aiSystems.create(ctx.actor, {
      ...input,
      frameworkIds: input.frameworkIds?.map((id) => inputId(id, 'Framework')),
    }),
    'aiSystem',
  );
