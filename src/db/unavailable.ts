/**
 * The database server cannot be reached (PostgreSQL: refused or lost connections, a server
 * shutting down or starting). No free connection in the pool within the wait is busy, not down
 * (`poolExhausted`: DATABASE_BUSY). Requests fail fast with
 * DATABASE_UNAVAILABLE (HTTP 503) instead of hanging; the pool reconnects by itself once the
 * server answers again, so no restart is needed.
 */

/** Seconds after which a retry is sensible while the database is unreachable (`Retry-After`). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  readonly retryAfterSeconds = UNAVAILABLE_RETRY_AFTER_SECONDS;

  constructor(
    /** What failed, without addresses or SQL: a socket error code, an SQLSTATE or a short phrase. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `the database cannot be reached (${reason}): the operation did not complete; retry in ${UNAVAILABLE_RETRY_AFTER_SECONDS} s (a write whose answer was lost may have been applied: read it back before sending it again)`,
      options,
    );
  }
}

/** Socket errors of a connection that cannot be made or was lost. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATEs of a server that is going away or not accepting connections (class 08: connection exceptions). */
const SERVER_GONE = new Set(['57P01', '57P02', '57P03', '53300']);
/** node-postgres reports these without a code. */
const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
];

/**
 * The reason `error` (or an error it wraps as `cause`, as drizzle's query errors do) is a failed
 * or lost connection to the database server; null when it is something else.
 */
export function connectionFailure(error: unknown): string | null {
  if (error instanceof DatabaseUnavailableError) return error.reason;
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (SOCKET_CODES.has(code)) return code;
      if (SERVER_GONE.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return `SQLSTATE ${code}`;
    }
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && DRIVER_MESSAGES.some((pattern) => pattern.test(message))) return message.toLowerCase();
  }
  return null;
}

/** `error` as a DatabaseUnavailableError when it is a connection failure, else null. */
export function databaseUnavailable(error: unknown): DatabaseUnavailableError | null {
  if (error instanceof DatabaseUnavailableError) return error;
  const reason = connectionFailure(error);
  return reason === null ? null : new DatabaseUnavailableError(reason, { cause: error });
}

/** node-postgres' error when no connection of the pool became free within its wait (all are in use: busy, not down). */
const POOL_WAIT_MESSAGE = 'timeout exceeded when trying to connect';

/** True when `error` (or an error it wraps) is the pool giving up waiting for a free connection. */
export function poolExhausted(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { message?: unknown }).message === POOL_WAIT_MESSAGE) return true;
  }
  return false;
}
