import type { Contribution } from '../../domain/coverage/index.js';
import type { RequirementCoverageResolvers } from '../generated/resolvers-types.js';
import type { GapReasonModel } from './models.js';
import { present } from './request.js';

export const RequirementCoverage: RequirementCoverageResolvers = {
  requirement: async (c, _, ctx) => present(await ctx.loaders.requirementById.load(c.requirementId), 'requirement'),
  status: (c) => c.status,
  leaf: (c) => c.leaf,
  inferred: (c) => c.inferred,
  via: (c) => c.via,
  contributions: (c) => [...c.contributions],
  summary: (c) => c.summary,
  /** Each control a reason names, with its whole contribution (mapping, path). */
  reasons: (c): GapReasonModel[] => {
    if (c.reasons.length === 0) return [];
    const byControl = new Map<number, Contribution>(c.contributions.map((x) => [x.controlId, x]));
    return c.reasons.map((r) => ({ code: r.code, controls: r.controlIds.map((id) => byControl.get(id)!).filter(Boolean) }));
  },
};
