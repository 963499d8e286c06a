/**
 * Adds the weight of one coverage evaluation (graphql/cost.ts) to the data weights, from the rows
 * the engine walks at the data's current version (CoverageService.evaluationRows).
 */
import { coverageEvaluationWeight, type DataWeights } from '../cost.js';
import type { Services } from '../../services/index.js';

export function withCoverageEvaluationWeight(
  weights: () => Promise<DataWeights>,
  services: Pick<Services, 'coverage'>,
  rowsPerUnit?: number,
): () => Promise<DataWeights> {
  return async () => {
    const [base, { rows }] = await Promise.all([weights(), services.coverage.evaluationRows()]);
    const coverageEvaluation = coverageEvaluationWeight(rows, rowsPerUnit);
    // The evaluation weight is part of the version: the cost memo never mixes two of them.
    return { version: `${base.version}|c${coverageEvaluation}`, of: (field, args) => base.of(field, args), coverageEvaluation };
  };
}
