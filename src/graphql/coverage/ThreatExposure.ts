import type { ThreatExposureResolvers } from '../generated/resolvers-types.js';
import { present, presentRows } from './request.js';

export const ThreatExposure: ThreatExposureResolvers = {
  threat: async (t, _, ctx) => present(await ctx.loaders.threatById.load(t.threatId), 'threat'),
  exposure: (t) => t.exposure,
  requirements: async (t, _, ctx) => presentRows(await ctx.loaders.requirementById.loadMany(t.requirementIds)),
  coveredRequirements: async (t, _, ctx) => presentRows(await ctx.loaders.requirementById.loadMany(t.coveredRequirementIds)),
  partialRequirements: async (t, _, ctx) => presentRows(await ctx.loaders.requirementById.loadMany(t.partialRequirementIds)),
};
