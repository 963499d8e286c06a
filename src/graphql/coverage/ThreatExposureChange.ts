import type { ThreatExposureChangeResolvers } from '../generated/resolvers-types.js';
import { present } from './request.js';

export const ThreatExposureChange: ThreatExposureChangeResolvers = {
  threat: async (c, _, ctx) => present(await ctx.loaders.threatById.load(c.threatId), 'threat'),
  before: (c) => c.before,
  after: (c) => c.after,
};
