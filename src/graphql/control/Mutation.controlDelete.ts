import type { MutationResolvers } from '../generated/resolvers-types.js';
import { toGlobalId } from '../global-id.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const controlDelete: MutationResolvers['controlDelete'] = async (_, { input }, ctx) =>
  payload(await ctx.services.controls.delete(ctx.actor, inputId(input.id, 'Control')), 'deletedId', (row) =>
    toGlobalId('Control', row.id),
  );
