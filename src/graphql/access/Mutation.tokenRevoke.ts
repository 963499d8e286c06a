import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const tokenRevoke: MutationResolvers['tokenRevoke'] = async (_, { input }, ctx) =>
  payload(await ctx.services.tokens.revoke(ctx.actor, inputId(input.id, 'ApiToken')), 'token');
