import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const threatUpdate: MutationResolvers['threatUpdate'] = async (_, { input }, ctx) =>
  payload(await ctx.services.threats.update(ctx.actor, { ...input, id: inputId(input.id, 'Threat') }), 'threat');
