/**
 * A statement the database cancelled (PostgreSQL SQLSTATE 57014: it ran longer than the
 * configured statement timeout, CROSSWALK_DATABASE_STATEMENT_TIMEOUT_MS, or was cancelled by an
 * operator). The transaction it ran in was rolled back, so nothing was changed; the same request
 * will time out again, so it is not answered as busy: the client asks for less, or the operator
 * raises the timeout.
 */
export class StatementTimeoutError extends Error {
  readonly code = 'QUERY_TIMEOUT';

  constructor(options?: { cause?: unknown }) {
    super(
      'the database cancelled the query: it ran longer than the statement timeout (CROSSWALK_DATABASE_STATEMENT_TIMEOUT_MS); nothing was changed. Ask for less (a smaller page, a narrower filter or scope) or have the operator raise the timeout',
      options,
    );
  }
}

/** SQLSTATE query_canceled. */
const QUERY_CANCELED = '57014';

/** `error` (or an error it wraps as `cause`) as a StatementTimeoutError when the database cancelled the statement, else null. */
export function statementTimedOut(error: unknown): StatementTimeoutError | null {
  if (error instanceof StatementTimeoutError) return error;
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === QUERY_CANCELED) return new StatementTimeoutError({ cause: error });
  }
  return null;
}
