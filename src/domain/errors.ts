/**
 * The one catalogue of error codes a client can see. Domain errors travel as `userErrors` in
 * mutation payloads; HTTP routes answer with the same codes in JSON bodies.
 */
export const USER_ERROR_CODES = {
  NOT_FOUND: 'The referenced object does not exist (or is not visible to the caller).',
  DUPLICATE: 'An object with the same unique key already exists.',
  INVALID: 'A value is malformed or out of range.',
  IN_USE: 'Other objects depend on this one; it cannot be deleted or changed that way.',
  CONFLICT: 'The object is not in a state that allows this change.',
  FORBIDDEN: 'The caller is not allowed to perform this action.',
  BLOB_NOT_FOUND: 'No stored file has this SHA-256 (or its stored copy is missing or corrupt): upload the file first.',
} as const;

export type UserErrorCode = keyof typeof USER_ERROR_CODES;

/**
 * Codes of top-level errors saying the service cannot do the work now, through no fault of the
 * request: on /graphql `errors[].extensions.code` (the field is null), elsewhere `error.code`;
 * each with its HTTP status and a `Retry-After` header.
 */
export const SERVICE_ERROR_CODES = {
  DATABASE_BUSY:
    'HTTP 503: another writer (a CLI import, a backup, any other process) held the database lock longer than a write may wait (CROSSWALK_LOCK_WAIT_MS). The refused operation changed nothing: send it again after Retry-After seconds.',
  DATABASE_UNAVAILABLE:
    'HTTP 503: the PostgreSQL server cannot be reached (connection refused or lost, server restarting, no free connection in time). The operation did not complete; send it again after Retry-After seconds (a write whose answer was lost may have been applied: read it back first). The service recovers by itself when the server is back.',
} as const;

/** Codes of errors a query (not a mutation's userErrors) answers with, besides GraphQL's own. */
export const QUERY_ERROR_CODES = {
  AS_OF_BEFORE_HISTORY:
    'The instant asked for (`asOf`) is before the earliest recorded instant of the database, named in `extensions.earliest`: nothing is known about that time. Ask for that instant or a later one.',
} as const;

/**
 * Rule 10: an `asOf` before the earliest recorded instant of the database (its earliest history
 * row) is refused rather than answered with an invented history.
 */
export class AsOfBeforeHistoryError extends Error {
  readonly code = 'AS_OF_BEFORE_HISTORY';
  constructor(
    readonly asOf: Date,
    readonly earliest: Date,
  ) {
    super(
      `asOf ${asOf.toISOString()} is before the earliest recorded instant of the database, ${earliest.toISOString()}: ask for that instant or a later one`,
    );
  }
}

export interface UserError {
  /** Path to the offending input field, e.g. ['input', 'refId']; null when not field-specific. */
  field: string[] | null;
  message: string;
  code: UserErrorCode;
}

/** Outcome of a service operation: a value, or the user errors that prevented it. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: UserError[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(errors: UserError | UserError[]): Result<T> => ({
  ok: false,
  errors: Array.isArray(errors) ? errors : [errors],
});

export function userError(code: UserErrorCode, message: string, field: string[] | null = null): UserError {
  return { code, message, field };
}

export const notFound = (what: string, field: string[] | null = null): UserError =>
  userError('NOT_FOUND', `${what} not found`, field);
