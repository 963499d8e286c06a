/**
 * Error shaping for HTTP and GraphQL. Clients see codes from one catalogue; anything
 * unexpected becomes a generic message with the request id, never SQL, parameters or stacks.
 */
import type { GraphQLFormattedError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { PagingError } from '../domain/paging.js';
import { QUERY_COST_EXCEEDED } from '../graphql/cost.js';
import { limitViolation } from '../graphql/limits.js';
import { ForbiddenError } from '../services/read-guard.js';
import { BusyError } from '../services/export-gate.js';

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

export function formatGraphQLError() {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof PagingError) {
      return { ...formatted, message: original.message, extensions: { code: 'BAD_USER_INPUT' } };
    }
    if (original instanceof ForbiddenError) {
      return { ...formatted, message: original.message, extensions: { code: 'FORBIDDEN' } };
    }
    if (original instanceof BusyError) {
      return { ...formatted, message: original.message, extensions: { code: 'BUSY', retryAfterSeconds: original.retryAfterSeconds } };
    }
    const limit = limitViolation(formatted, error);
    if (limit) return limit;
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const masked: GraphQLFormattedError = {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
    maskedErrors.set(masked, original);
    return masked;
  };
}

/**
 * Errors masked by formatGraphQLError, with what they hide. Apollo's formatError knows nothing of
 * the request, so {@link requestIdInErrors} names the request and logs the real error when the
 * response is about to be sent.
 */
const maskedErrors = new WeakMap<GraphQLFormattedError, unknown>();

/**
 * Every masked error of a response gets the request id (the X-Request-Id header) in its message
 * and extensions, and the hidden error is logged under that id. A fault outside the normal
 * pipeline (Apollo answers a bare 500) is logged too.
 */
export function requestIdInErrors<C extends { requestId: string }>(log: ErrorLog): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const { requestId } = contextValue;
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const result = response.body.singleResult;
          result.errors = result.errors!.map((error) => {
            if (!maskedErrors.has(error)) return error;
            log({ requestId, error: maskedErrors.get(error) });
            return {
              ...error,
              message: `Internal server error (request id ${requestId})`,
              extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
            };
          });
        },
      };
    },
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      log({ requestId: requestContext.contextValue.requestId, error });
    },
    async contextCreationDidFail({ error }) {
      log({ requestId: undefined, error });
    },
  };
}

/** The JSON body of every non-GraphQL HTTP error. */
export function httpErrorBody(code: string, message: string, requestId?: string) {
  return { error: { code, message, ...(requestId ? { requestId } : {}) } };
}
