/**
 * The data store every layer above the database is given: SQLite (sqlite-store.ts, the default)
 * or PostgreSQL (pg-store.ts), chosen by open-store.ts from the configuration.
 *
 * Rules both backends keep:
 * - Reads outside a transaction use `read`; they only ever see committed data.
 * - Every write happens inside `transaction(fn)`, one writer at a time (SQLite: a mutex and
 *   `BEGIN IMMEDIATE`; PostgreSQL: a mutex and an advisory lock every instance takes), so the
 *   audit hash chain and the change log's order see writes in commit order. An exception rolls
 *   everything back.
 * - A write that cannot get the lock within `lockWaitMs` fails with DatabaseBusyError
 *   (DATABASE_BUSY) and changes nothing; a database that cannot be reached fails with
 *   DatabaseUnavailableError (DATABASE_UNAVAILABLE).
 * - Repositories are typed against SQLite's schema (`Db`); the PostgreSQL handle has the same
 *   row types and is given under that type (src/db/dialect.ts says what differs).
 */
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from './schema/index.js';

export type Db = BetterSQLite3Database<typeof schema>;

/** Connections per instance to PostgreSQL unless CROSSWALK_DATABASE_POOL_SIZE says otherwise. */
export const DEFAULT_POOL_SIZE = 10;

export interface StoreOptions {
  /** Called with every SQL statement issued through drizzle (tests count them). */
  onQuery?: (sql: string, params: unknown[]) => void;
  /** How long a write waits for the database lock before DATABASE_BUSY (default 10 s). */
  lockWaitMs?: number;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** The handle for reads outside a transaction. */
  readonly read: Db;
  /**
   * The SQLite database file (`:memory:` for an in-memory database); null on PostgreSQL. Only
   * code that opens the file itself (the export worker, the data directory of evidence files)
   * asks for it.
   */
  readonly sqliteFile: string | null;
  /**
   * Runs `fn` in one serialised write transaction and returns its result after COMMIT. Throws
   * DatabaseBusyError, without running `fn`, when the lock is still held by another writer
   * `lockWaitMs` (the store's unless given) after the call.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>, options?: { lockWaitMs?: number }): Promise<T>;
  /** True when the database answers and every migration is applied (/readyz). */
  isReady(): Promise<boolean>;
  /**
   * PostgreSQL: whether a server process (backend pid) is one of this store's open connections,
   * i.e. a change notification it sent was caused by this instance's own commit.
   */
  ownsSession?(processId: number): boolean;
  /** Waits for the transaction in progress, then closes the connections. */
  close(): Promise<void>;
}
