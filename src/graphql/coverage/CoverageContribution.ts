import type { CoverageContributionResolvers } from '../generated/resolvers-types.js';
import { present, presentRows } from './request.js';

export const CoverageContribution: CoverageContributionResolvers = {
  // The loader's own promise (no async wrapper): a gap page names many controls.
  control: (c, _, ctx) => ctx.loaders.controlById.load(c.controlId).then((row) => present(row, 'control')),
  state: (c) => c.state,
  kind: (c) => c.kind,
  inferred: (c) => c.inferred,
  path: async (c, _, ctx) => presentRows(await ctx.loaders.requirementById.loadMany(c.path)),
  steps: (c) => [...c.steps],
  mappedRequirement: async (c, _, ctx) => present(await ctx.loaders.requirementById.load(c.mappedRequirementId), 'requirement'),
  mapping: async (c, _, ctx) => present(await ctx.loaders.mappingById.load(c.mappingId), 'mapping'),
};
