import type { CoverageSimulationResolvers, SimulatedControlStateResolvers } from '../generated/resolvers-types.js';
import { present } from './request.js';

export const CoverageSimulation: CoverageSimulationResolvers = {
  asOf: (s) => new Date(s.at),
  controls: (s) => s.controls,
  frameworks: (s) => s.frameworks,
  requirements: (s) => s.requirements,
  threats: (s) => s.threats,
};

export const SimulatedControlState: SimulatedControlStateResolvers = {
  control: async (c, _, ctx) => present(await ctx.loaders.controlById.load(c.controlId), 'control'),
  before: (c) => c.before,
  after: (c) => c.after,
};
