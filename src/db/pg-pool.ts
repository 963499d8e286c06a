/**
 * A connection pool to PostgreSQL as Crosswalk uses it (the store's, and the evidence files' own
 * small one): connections made on first use, a bounded wait for a free connection, and lost
 * connections dropped without ending the process.
 */
import pg from 'pg';

/** How long a request waits for a free connection of the pool (or a new one to be made) unless the pool says otherwise. */
export const CONNECT_TIMEOUT_MS = 5_000;

export interface PoolSettings {
  /** Connections in the pool. */
  max: number;
  /** Server-side cap on one statement, in ms; 0 or absent: none. */
  statementTimeoutMs?: number;
  /** Shown in pg_stat_activity. */
  applicationName: string;
  /** How long a request waits for a free connection, or for a new one to be made (default CONNECT_TIMEOUT_MS). */
  connectionWaitMs?: number;
}

export function createPool(url: string, settings: PoolSettings): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: settings.max,
    connectionTimeoutMillis: settings.connectionWaitMs ?? CONNECT_TIMEOUT_MS,
    ...(settings.statementTimeoutMs ? { statement_timeout: settings.statementTimeoutMs } : {}),
    application_name: settings.applicationName,
  });
  // A connection lost while idle in the pool, or while checked out between two statements,
  // is reported as an event; without a listener Node would end the process. The pool drops
  // the connection; the next statement on it fails and is mapped like any lost connection.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
