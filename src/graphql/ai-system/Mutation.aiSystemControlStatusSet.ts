import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';

export const aiSystemControlStatusSet: MutationResolvers['aiSystemControlStatusSet'] = async (_, { input }, ctx) => {
  const result = await ctx.services.aiSystems.setControlStatus(ctx.actor, {
    aiSystemId: inputId(input.aiSystemId, 'AISystem'),
    controlId: inputId(input.controlId, 'Control'),
    status: input.status ?? null,
    comment: input.comment,
  });
  if (!result.ok) return { controlStatus: null, aiSystem: null, control: null, change: null, userErrors: result.errors };
  return { ...result.value, userErrors: [] };
};
