/**
 * Error shaping for HTTP and GraphQL. Clients see codes from one catalogue; anything
 * unexpected becomes a generic message with the request id, never SQL, parameters or stacks.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { PagingError } from '../domain/paging.js';
import { QUERY_COST_EXCEEDED } from '../graphql/cost.js';
import { limitViolation } from '../graphql/limits.js';
import { ForbiddenError } from '../services/read-guard.js';

/** GraphQL error codes that describe the client's request and are safe to pass through. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  QUERY_COST_EXCEEDED,
]);

export interface ErrorLog {
  (details: { requestId: string | undefined; error: unknown }): void;
}

export function formatGraphQLError(log: ErrorLog) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof PagingError) {
      return { ...formatted, message: original.message, extensions: { code: 'BAD_USER_INPUT' } };
    }
    if (original instanceof ForbiddenError) {
      return { ...formatted, message: original.message, extensions: { code: 'FORBIDDEN' } };
    }
    const limit = limitViolation(formatted, error);
    if (limit) return limit;
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const requestId = currentRequestId(error);
    log({ requestId, error: original });
    return {
      message: `Internal server error (request id ${requestId ?? 'unknown'})`,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    };
  };
}

/** Apollo's formatError has no context; the request id travels on an AsyncLocalStorage. */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();
function currentRequestId(_error: unknown): string | undefined {
  return requestScope.getStore()?.requestId;
}

/** The JSON body of every non-GraphQL HTTP error. */
export function httpErrorBody(code: string, message: string, requestId?: string) {
  return { error: { code, message, ...(requestId ? { requestId } : {}) } };
}
