import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';
import { fail, userError } from '../../domain/errors.js';
import { parseExpiry } from '../../domain/tokens.js';

export const tokenCreate: MutationResolvers['tokenCreate'] = async (_, { input }, ctx) => {
  let expiresAt = input.expiresAt ?? null;
  if (input.expiresIn != null) {
    expiresAt = input.expiresAt ? null : parseExpiry(input.expiresIn, new Date());
    if (!expiresAt) {
      const message = input.expiresAt ? 'give expiresAt or expiresIn, not both' : 'use a lifetime like 90d, 12h or 30m';
      return { secret: null, ...payload(fail(userError('INVALID', message, ['input', 'expiresIn'])), 'token') };
    }
  }
  const result = await ctx.services.tokens.create(ctx.actor, {
    name: input.name,
    role: input.role,
    expiresAt,
    aiSystemIds: input.aiSystemIds?.map((id) => inputId(id, 'AISystem')),
    controlIds: input.controlIds?.map((id) => inputId(id, 'Control')),
  });
  return { ...payload(result, 'token', (v) => v.token), secret: result.ok ? result.value.secret : null };
};
