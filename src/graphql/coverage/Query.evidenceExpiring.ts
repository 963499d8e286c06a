import { GraphQLError } from 'graphql';
import { parseWindow, WINDOW_RULE } from '../../domain/expiry-window.js';
import { pageArray } from '../../domain/paging.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { pageRequest, toConnection } from '../connection.js';
import { coverageAnswer } from './request.js';
import type { ExpiringEvidenceItem } from '../../services/coverage-answer.js';

/** Order and cursor: (validUntil, evidence id). */
const expiringKey = (item: ExpiringEvidenceItem) => [item.validUntil, item.evidenceId];

/**
 * Evidence current now whose validUntil is within the window, from the request's evaluation of
 * the scope "now" (check-ids.ts answers NOT_FOUND for an unknown AI system first).
 */
export const evidenceExpiring: QueryResolvers['evidenceExpiring'] = async (_, { within, scope, first, after }, ctx) => {
  const windowMs = parseWindow(within);
  if (windowMs === null) {
    throw new GraphQLError(`"within" must be ${WINDOW_RULE}; got ${JSON.stringify(within)}`, {
      extensions: { code: 'BAD_USER_INPUT', argument: 'within' },
    });
  }
  const request = pageRequest(first, after);
  const answer = await coverageAnswer(ctx, { scope });
  const items = answer ? answer.expiringEvidence(answer.at + windowMs) : [];
  return toConnection(pageArray(items, expiringKey, request), expiringKey, () => items.length);
};
