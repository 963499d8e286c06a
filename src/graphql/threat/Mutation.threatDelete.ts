import type { MutationResolvers } from '../generated/resolvers-types.js';
import { toGlobalId } from '../global-id.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const threatDelete: MutationResolvers['threatDelete'] = async (_, { input }, ctx) =>
  payload(await ctx.services.threats.delete(ctx.actor, inputId(input.id, 'Threat')), 'deletedId', (row) =>
    toGlobalId('Threat', row.id),
  );
