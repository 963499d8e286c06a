import type { ControlImpactResolvers } from '../generated/resolvers-types.js';
import { present } from './request.js';

export const ControlImpact: ControlImpactResolvers = {
  control: async (i, _, ctx) => present(await ctx.loaders.controlById.load(i.controlId), 'control'),
  asOf: (i) => new Date(i.at),
  stateBefore: (i) => i.stateBefore,
  stateAfter: (i) => i.stateAfter,
  requirements: (i) => i.requirements,
  threats: (i) => i.threats,
  frameworks: (i) => i.frameworks,
};
