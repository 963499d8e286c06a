import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const controlStatusSet: MutationResolvers['controlStatusSet'] = async (_, { input }, ctx) =>
  payload(
    await ctx.services.controls.setStatus(ctx.actor, { ...input, controlId: inputId(input.controlId, 'Control') }),
    'control',
  );
