import type { QueryResolvers } from '../generated/resolvers-types.js';
import { gapSortKey } from '../../services/coverage-service.js';
import { pageRequest, toConnection } from '../connection.js';
import { optionalInputId } from '../ids.js';
import { coverageAnswer } from './request.js';

/** Ordered by (framework id, requirement id); ids and keys are checked before (check-ids.ts). */
export const gaps: QueryResolvers['gaps'] = async (_, { filter, asOf, viaCrosswalks, maxCrosswalkDepth, first, after }, ctx) => {
  const page = pageRequest(first, after);
  const answer = await coverageAnswer(ctx, { scope: { aiSystemId: filter?.aiSystemId }, asOf, viaCrosswalks, maxCrosswalkDepth });
  if (!answer) return toConnection({ items: [], hasNextPage: false }, gapSortKey, () => 0);
  const gapFilter = await ctx.services.coverage.gapFilter({
    frameworkId: optionalInputId(filter?.frameworkId, 'Framework'),
    reasons: filter?.reasons,
    controlId: optionalInputId(filter?.controlId, 'Control'),
    domain: filter?.domain,
  });
  const result = answer.gaps(gapFilter, page.first, page.after);
  return toConnection(result, gapSortKey, result.totalCount);
};
