import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const frameworkUpdate: MutationResolvers['frameworkUpdate'] = async (_, { input }, ctx) =>
  payload(
    await ctx.services.frameworks.update(ctx.actor, { ...input, id: inputId(input.id, 'Framework') }),
    'framework',
  );
