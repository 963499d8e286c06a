import { GraphQLError } from 'graphql';
import { MAX_PAGE_SIZE } from '../../domain/paging.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { fromGlobalId } from '../global-id.js';
import { coverageAnswer } from './request.js';

/** Writes nothing. null for an unknown control or AI system. */
export const coverageSimulation: QueryResolvers['coverageSimulation'] = async (_, { changes, ...args }, ctx) => {
  if (changes.length > MAX_PAGE_SIZE) {
    throw new GraphQLError(`"changes" may hold at most ${MAX_PAGE_SIZE} items`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const answer = await coverageAnswer(ctx, args);
  const overrides = changes.map((c) => ({ controlId: fromGlobalId(c.controlId, 'Control'), state: c.state }));
  if (!answer || overrides.some((o) => o.controlId === null || !answer.knowsControl(o.controlId))) return null;
  return { ...answer.simulate(overrides as { controlId: number; state: (typeof overrides)[number]['state'] }[]), at: answer.at };
};
