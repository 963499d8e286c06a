/**
 * Error shaping for HTTP and GraphQL. Clients see codes from one catalogue; anything
 * unexpected becomes a generic message with the request id, never SQL, parameters or stacks.
 */
import type { Request, Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { DatabaseBusyError, isSqliteBusy } from '../db/busy.js';
import { statementTimedOut } from '../db/statement-timeout.js';
import { NUL_NOT_STORABLE_MESSAGE, nulInText } from '../db/text-not-storable.js';
import { databaseUnavailable, poolExhausted, type DatabaseUnavailableError } from '../db/unavailable.js';
import { AsOfBeforeHistoryError } from '../domain/errors.js';
import { PagingError } from '../domain/paging.js';
import { QUERY_COST_EXCEEDED } from '../graphql/cost.js';
import { limitViolation } from '../graphql/limits.js';
import { ForbiddenError } from '../services/read-guard.js';
import { BusyError } from '../services/export-gate.js';
import { ExportTooLargeError } from '../services/export-offload.js';
import { ExportContentTooLargeError, ExportExpiredError } from '../services/export-service.js';
import { recordOf } from './access-log.js';

/** GraphQL error codes that describe the client's request and are safe to pass through. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  // A well-formed id or key of a scope or filter that names nothing (src/graphql/check-ids.ts).
  'NOT_FOUND',
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

/**
 * `error` as a DatabaseBusyError when it is the database being busy (the store gave up waiting
 * for the lock, or, rarely, a read found it locked, or found no free PostgreSQL connection within
 * the lock wait; never SQL in the message), else null.
 */
export function databaseBusy(error: unknown): DatabaseBusyError | null {
  if (error instanceof DatabaseBusyError) return error;
  return isSqliteBusy(error) || poolExhausted(error) ? new DatabaseBusyError(1) : null;
}

/**
 * `error` as the reason the database cannot serve now: busy (DATABASE_BUSY) or unreachable
 * (DATABASE_UNAVAILABLE: a PostgreSQL connection refused or lost; never an address or SQL in the
 * message); null for anything else. Both are answered with 503 and `Retry-After`.
 */
export function databaseCannotServe(error: unknown): DatabaseBusyError | DatabaseUnavailableError | null {
  return databaseBusy(error) ?? databaseUnavailable(error);
}

/** DATABASE_BUSY and DATABASE_UNAVAILABLE errors of a GraphQL response, with their Retry-After seconds. */
const busyErrors = new WeakMap<GraphQLFormattedError, number>();

export function formatGraphQLError() {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const busyError = databaseCannotServe(original);
    if (busyError) {
      const busy: GraphQLFormattedError = {
        message: busyError.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: busyError.code },
      };
      busyErrors.set(busy, busyError.retryAfterSeconds);
      return busy;
    }
    const timedOut = statementTimedOut(original);
    if (timedOut) {
      return { ...formatted, message: timedOut.message, extensions: { code: timedOut.code } };
    }
    if (nulInText(original)) {
      return { ...formatted, message: NUL_NOT_STORABLE_MESSAGE, extensions: { code: 'BAD_USER_INPUT' } };
    }
    if (original instanceof PagingError) {
      return { ...formatted, message: original.message, extensions: { code: 'BAD_USER_INPUT' } };
    }
    if (original instanceof AsOfBeforeHistoryError) {
      return { ...formatted, message: original.message, extensions: { code: original.code, earliest: original.earliest.toISOString() } };
    }
    if (original instanceof ForbiddenError) {
      return { ...formatted, message: original.message, extensions: { code: 'FORBIDDEN' } };
    }
    if (original instanceof BusyError) {
      return { ...formatted, message: original.message, extensions: { code: 'BUSY', retryAfterSeconds: original.retryAfterSeconds } };
    }
    if (original instanceof ExportTooLargeError) {
      return { ...formatted, message: original.message, extensions: { code: original.code, limitMib: original.limitMib } };
    }
    if (original instanceof ExportContentTooLargeError) {
      return { ...formatted, message: original.message, extensions: { code: original.code, byteLength: original.byteLength, limitBytes: original.limitBytes } };
    }
    if (original instanceof ExportExpiredError) {
      return { ...formatted, message: original.message, extensions: { code: original.code } };
    }
    const limit = limitViolation(formatted, error);
    if (limit) return limit;
    const persisted = persistedQueryRefusal(formatted);
    if (persisted) return persisted;
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
 * Apollo refuses a malformed automatic persisted query with a bare error (no code), which would
 * be masked and logged as an internal error: a hash that is not the query's answers
 * PERSISTED_QUERY_NOT_FOUND, an unknown protocol version BAD_REQUEST, neither logged.
 */
function persistedQueryRefusal(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  if (formatted.path) return null;
  if (formatted.message === 'provided sha does not match query') {
    return {
      message: 'PersistedQueryNotFound: extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent (send the hex SHA-256 of the exact query text)',
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
    };
  }
  if (formatted.message === 'Unsupported persisted query version') {
    return { message: 'extensions.persistedQuery.version must be 1', extensions: { code: 'BAD_REQUEST' } };
  }
  return null;
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

/**
 * A response with a DATABASE_BUSY or DATABASE_UNAVAILABLE error is a 503 with `Retry-After` (the longest asked for), so
 * that clients and proxies retry it like any temporarily unavailable service. Other root fields
 * of the same operation may have been answered (and, for mutations, committed) before it.
 */
export function databaseBusyStatus<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const seconds = response.body.singleResult.errors.map((e) => busyErrors.get(e) ?? 0);
          const retryAfter = Math.max(0, ...seconds);
          if (retryAfter === 0) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(retryAfter));
        },
      };
    },
  };
}

/** The JSON body of every non-GraphQL HTTP error. */
export function httpErrorBody(code: string, message: string, requestId?: string) {
  return { error: { code, message, ...(requestId ? { requestId } : {}) } };
}

/** One GraphQL error: the shape of every refusal on /graphql, whoever answers it. */
export function graphqlError(code: string, message: string, requestId?: string, extensions: Record<string, unknown> = {}): GraphQLFormattedError {
  return { message, extensions: { code, ...extensions, ...(requestId ? { requestId } : {}) } };
}

/** True for requests to the GraphQL endpoint (`/graphql` and anything under it, as Express routes them). */
export const isGraphQLRequest = (req: Request): boolean => /^\/graphql(\/|$)/i.test(req.originalUrl.split('?')[0] ?? '');

/**
 * Answers an error outside the GraphQL pipeline (authentication, body parsing, deadlines, busy
 * database). On /graphql the body is a GraphQL response (`{"errors":[{"message","extensions":
 * {"code"}}]}`, as the GraphQL-over-HTTP spec describes, so every GraphQL client sees the code),
 * sent as `application/graphql-response+json` when the client prefers it; on other routes it is
 * {@link httpErrorBody}. The status is the same either way.
 */
export function sendError(req: Request, res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  const requestId = res.locals.requestId as string | undefined;
  // The access line and the refusal counter (src/http/access-log.ts) name the code.
  recordOf(res).errorCode = code;
  res.status(status);
  if (!isGraphQLRequest(req)) {
    res.json(httpErrorBody(code, message, requestId));
    return;
  }
  const body = JSON.stringify({ errors: [graphqlError(code, message, requestId, extensions)] });
  const type = req.accepts(['application/json', 'application/graphql-response+json']) || 'application/json';
  res.setHeader('Content-Type', `${type}; charset=utf-8`);
  res.send(body);
}
