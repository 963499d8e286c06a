import type { ExpiringEvidenceControlResolvers, ExpiringEvidenceResolvers } from '../generated/resolvers-types.js';
import { present } from './request.js';

export const ExpiringEvidence: ExpiringEvidenceResolvers = {
  evidence: async (i, _, ctx) => present(await ctx.loaders.evidenceById.load(i.evidenceId), 'evidence'),
  validUntil: (i) => new Date(i.validUntil),
  controls: (i) => i.effect().controls,
  requirements: (i) => i.effect().requirements,
  threats: (i) => i.effect().threats,
  frameworks: (i) => i.effect().frameworks,
};

export const ExpiringEvidenceControl: ExpiringEvidenceControlResolvers = {
  control: async (c, _, ctx) => present(await ctx.loaders.controlById.load(c.controlId), 'control'),
  before: (c) => c.before,
  after: (c) => c.after,
};
