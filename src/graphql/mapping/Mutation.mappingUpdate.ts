import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const mappingUpdate: MutationResolvers['mappingUpdate'] = async (_, { input }, ctx) =>
  payload(await ctx.services.mappings.update(ctx.actor, { ...input, id: inputId(input.id, 'Mapping') }), 'mapping');
