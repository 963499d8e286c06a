import type { MutationResolvers } from '../generated/resolvers-types.js';
import { payload } from '../payload.js';

export const controlCreate: MutationResolvers['controlCreate'] = async (_, { input }, ctx) =>
  payload(await ctx.services.controls.create(ctx.actor, input), 'control');
