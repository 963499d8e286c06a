import { GraphQLError } from 'graphql';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { coverageAnswer } from './request.js';

/**
 * The control by `controlId` or `controlRefId` (check-ids.ts turns the refId into the id and
 * answers NOT_FOUND for an unknown control or AI system).
 */
export const controlImpact: QueryResolvers['controlImpact'] = async (_, { controlId, controlRefId: _key, ...args }, ctx) => {
  if (controlId == null) {
    throw new GraphQLError('give controlId or controlRefId', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const answer = await coverageAnswer(ctx, args);
  const impact = answer && answer.impact(inputId(controlId, 'Control'));
  return impact && { ...impact, at: answer!.at };
};
