/**
 * Adds the weight of one coverage evaluation (graphql/cost.ts) to the data weights, from the rows
 * the engine walks at the data's current version (CoverageService.evaluationRows). Each part is
 * read only when the operation selects fields it weighs. A query's rows are those of the graph
 * version its evaluations then read (its CoveragePin); a mutation's evaluations follow its writes.
 */
import { coverageEvaluationWeight, type DataWeights, type WeighedFields } from '../cost.js';
import type { Services } from '../../services/index.js';
import type { GraphQLContext } from '../context.js';
import { pinCoverage } from './request.js';

const NO_EXPORTS: DataWeights = { version: '', of: () => undefined };

export function withCoverageEvaluationWeight(
  exportWeights: () => Promise<DataWeights>,
  services: Pick<Services, 'coverage'>,
  rowsPerUnit?: number,
): (needed: WeighedFields, ctx: GraphQLContext, kind: string) => Promise<DataWeights> {
  return async (needed, ctx, kind) => {
    const [base, rows] = await Promise.all([
      needed.exports ? exportWeights() : NO_EXPORTS,
      needed.coverage ? services.coverage.evaluationRows(kind === 'query' ? pinCoverage(ctx) : undefined) : null,
    ]);
    if (!rows) return base;
    const coverageEvaluation = coverageEvaluationWeight(rows.rows, rowsPerUnit);
    // The evaluation weight is part of the version: the cost memo never mixes two of them.
    return { version: `${base.version}|c${coverageEvaluation}`, of: (field, args) => base.of(field, args), coverageEvaluation };
  };
}
