import type { QueryResolvers } from '../generated/resolvers-types.js';
import { optionalInputId } from '../ids.js';

export const baselines: QueryResolvers['baselines'] = (_, { frameworkId }, ctx) =>
  ctx.services.baselines.list(ctx.actor, optionalInputId(frameworkId, 'Framework'));
