import type { Contribution } from '../../domain/coverage/index.js';
import type { RequirementCoverageResolvers } from '../generated/resolvers-types.js';
import type { GapReasonModel, RequirementCoverageModel } from './models.js';
import { present } from './request.js';

export const RequirementCoverage: RequirementCoverageResolvers = {
  requirement: async (c, _, ctx) => present(await ctx.loaders.requirementById.load(c.requirementId), 'requirement'),
  status: (c) => c.status,
  leaf: (c) => c.leaf,
  inferred: (c) => c.inferred,
  via: (c) => c.via,
  contributions: (c) => [...c.contributions],
  summary: (c) => c.summary,
  reasons: (c) => reasonsOf(c),
};

/**
 * Reasons of a requirement's details as the API lists them, kept with the details (which the
 * cached evaluation memoises and never changes), so a page read again does not rebuild them.
 */
const reasonModels = new WeakMap<RequirementCoverageModel, GapReasonModel[]>();

/** Each control a reason names, with its whole contribution (mapping, path). */
function reasonsOf(c: RequirementCoverageModel): GapReasonModel[] {
  if (c.reasons.length === 0) return [];
  let models = reasonModels.get(c);
  if (!models) {
    const byControl = new Map<number, Contribution>(c.contributions.map((x) => [x.controlId, x]));
    models = c.reasons.map((r) => ({ code: r.code, controls: r.controlIds.map((id) => byControl.get(id)!).filter(Boolean) }));
    reasonModels.set(c, models);
  }
  return models;
}
