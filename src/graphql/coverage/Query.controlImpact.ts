import type { QueryResolvers } from '../generated/resolvers-types.js';
import { fromGlobalId } from '../global-id.js';
import { coverageAnswer } from './request.js';

/** null for an unknown control or AI system. */
export const controlImpact: QueryResolvers['controlImpact'] = async (_, { controlId, ...args }, ctx) => {
  const answer = await coverageAnswer(ctx, args);
  const id = fromGlobalId(controlId, 'Control');
  const impact = answer && id !== null ? answer.impact(id) : null;
  return impact && { ...impact, at: answer!.at };
};
