import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId, optionalInputId } from '../ids.js';
import { payload } from '../payload.js';

export const baselineApply: MutationResolvers['baselineApply'] = async (_, { input }, ctx) =>
  payload(
    await ctx.services.baselines.apply(ctx.actor, {
      baselineId: inputId(input.baselineId, 'Baseline'),
      aiSystemId: optionalInputId(input.aiSystemId, 'AISystem'),
      applied: input.applied,
    }),
    'baseline',
    (value) => value.baseline,
  );
