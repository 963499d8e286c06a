import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const tokenCreate: MutationResolvers['tokenCreate'] = async (_, { input }, ctx) => {
  const result = await ctx.services.tokens.create(ctx.actor, {
    name: input.name,
    role: input.role,
    expiresAt: input.expiresAt ?? null,
    expiresIn: input.expiresIn ?? null,
    aiSystemIds: input.aiSystemIds?.map((id) => inputId(id, 'AISystem')),
    controlIds: input.controlIds?.map((id) => inputId(id, 'Control')),
  });
  return { ...payload(result, 'token', (v) => v.token), secret: result.ok ? result.value.secret : null };
};
