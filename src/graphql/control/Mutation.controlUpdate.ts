import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const controlUpdate: MutationResolvers['controlUpdate'] = async (_, { input }, ctx) =>
  payload(await ctx.services.controls.update(ctx.actor, { ...input, id: inputId(input.id, 'Control') }), 'control');
