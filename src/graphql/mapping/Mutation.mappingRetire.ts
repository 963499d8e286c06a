import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const mappingRetire: MutationResolvers['mappingRetire'] = async (_, { input }, ctx) =>
  payload(await ctx.services.mappings.retire(ctx.actor, inputId(input.id, 'Mapping')), 'mapping');
