import type { QueryResolvers } from '../generated/resolvers-types.js';

export const viewer: QueryResolvers['viewer'] = (_, __, ctx) => ctx.actor;
