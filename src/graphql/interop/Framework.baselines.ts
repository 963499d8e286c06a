import type { FrameworkResolvers } from '../generated/resolvers-types.js';

export const baselines: FrameworkResolvers['baselines'] = (row, _, ctx) => ctx.loaders.baselinesByFramework.load(row.id);
