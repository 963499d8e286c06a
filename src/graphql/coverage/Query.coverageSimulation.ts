import { GraphQLError } from 'graphql';
import { MAX_PAGE_SIZE } from '../../domain/paging.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { coverageAnswer } from './request.js';

/**
 * Writes nothing. Ids are checked before (check-ids.ts: NOT_FOUND for an unknown control or AI
 * system); a control that did not exist at the instant has no state to change: BAD_USER_INPUT
 * naming it.
 */
export const coverageSimulation: QueryResolvers['coverageSimulation'] = async (_, { changes, ...args }, ctx) => {
  if (changes.length > MAX_PAGE_SIZE) {
    throw new GraphQLError(`"changes" may hold at most ${MAX_PAGE_SIZE} items`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const answer = await coverageAnswer(ctx, args);
  if (!answer) return null;
  const overrides = changes.map((c) => ({ controlId: inputId(c.controlId, 'Control'), state: c.state }));
  for (const [i, { controlId }] of overrides.entries()) {
    if (answer.knowsControl(controlId) && answer.controlState(controlId) !== null) continue;
    const control = await ctx.loaders.controlById.load(controlId);
    const at = new Date(answer.at).toISOString();
    throw new GraphQLError(
      `changes[${i}].controlId: control ${control ? JSON.stringify(control.refId) : changes[i]!.controlId} did not exist at ${at}, so it has no state to assume`,
      { extensions: { code: 'BAD_USER_INPUT', argument: `changes[${i}].controlId` } },
    );
  }
  return { ...answer.simulate(overrides), at: answer.at };
};
