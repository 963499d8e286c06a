import type { MutationResolvers } from '../generated/resolvers-types.js';
import { payload } from '../payload.js';

export const frameworkCreate: MutationResolvers['frameworkCreate'] = async (_, { input }, ctx) =>
  payload(await ctx.services.frameworks.create(ctx.actor, input), 'framework');
