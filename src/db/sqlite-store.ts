/**
 * The SQLite store (store.ts says what every store does): one read connection and one write
 * connection to the same SQLite file.
 *
 * Rules:
 * - Reads outside a transaction use `read`; in WAL mode they only ever see committed data.
 * - Every write happens inside `transaction(fn)`: writes are serialised by a mutex and run as
 *   `BEGIN IMMEDIATE … COMMIT` on the write connection; an exception rolls everything back.
 * - Waiting never blocks the event loop: the write connection has no busy timeout, and a
 *   `BEGIN IMMEDIATE` refused because another process holds the lock is retried between timers
 *   (busy.ts) until `lockWaitMs` after the transaction was asked for (time in the queue
 *   included; at the head of the queue `BEGIN` is always tried once), then fails with
 *   DatabaseBusyError before running `fn`. The read connection (WAL: readers never wait for a
 *   writer) only waits, briefly, while SQLite recovers the WAL.
 * - `fn` is async so repositories stay async (the PostgreSQL store, pg-store.ts, offers the same API).
 */
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Logger } from 'drizzle-orm/logger';
import * as schema from './schema/index.js';
import { openSqlite, type SqliteDatabase } from './connection.js';
import { runMigrations, migrationsApplied } from './migrate.js';
import { Mutex } from './mutex.js';
import { DEFAULT_LOCK_WAIT_MS, retryWhileBusy } from './busy.js';
import type { Db, Store, StoreOptions } from './store.js';

/** Synchronous wait of the read connection: covers SQLite's WAL recovery, never a writer. */
const READ_BUSY_TIMEOUT_MS = 100;
/** Synchronous wait while migrating at open (nothing is served yet). */
const OPEN_BUSY_TIMEOUT_MS = 5_000;

export class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  readonly read: Db;
  private readonly writer: Db;
  private readonly mutex = new Mutex();
  private readonly lockWaitMs: number;
  private closed = false;

  private constructor(
    private readonly readConnection: SqliteDatabase,
    private readonly writeConnection: SqliteDatabase,
    options: StoreOptions,
  ) {
    const logger: Logger | undefined = options.onQuery
      ? { logQuery: (query, params) => options.onQuery?.(query, params) }
      : undefined;
    this.read = drizzle(readConnection, { schema, logger });
    this.writer = drizzle(writeConnection, { schema, logger });
    this.lockWaitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
  }

  /** The database file's path (`:memory:` for an in-memory database). */
  get sqliteFile(): string {
    return this.writeConnection.name;
  }

  /** Opens (creating if needed) the database file and applies pending migrations. */
  static open(file: string, options: StoreOptions = {}): SqliteStore {
    const writeConnection = openSqlite(file, { busyTimeoutMs: OPEN_BUSY_TIMEOUT_MS });
    runMigrations(writeConnection);
    writeConnection.pragma('busy_timeout = 0');
    const readConnection = file === ':memory:' ? writeConnection : openSqlite(file, { busyTimeoutMs: READ_BUSY_TIMEOUT_MS });
    return new SqliteStore(readConnection, writeConnection, options);
  }

  /**
   * Runs `fn` in one serialised write transaction and returns its result after COMMIT. Throws
   * DatabaseBusyError, without running `fn`, when another process still holds the lock
   * `lockWaitMs` (the store's unless given) after the call.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>, options: { lockWaitMs?: number } = {}): Promise<T> {
    const lockWaitMs = options.lockWaitMs ?? this.lockWaitMs;
    const deadline = Date.now() + lockWaitMs;
    return this.mutex.run(async () => {
      if (this.closed) throw new Error('store is closed');
      await retryWhileBusy(() => this.writeConnection.exec('BEGIN IMMEDIATE'), deadline, lockWaitMs);
      try {
        const result = await fn(this.writer);
        this.writeConnection.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.writeConnection.inTransaction) this.writeConnection.exec('ROLLBACK');
        throw error;
      }
    });
  }

  /** True when the database answers and every migration is applied. */
  async isReady(): Promise<boolean> {
    if (this.closed) return false;
    try {
      this.readConnection.prepare('SELECT 1').get();
      return migrationsApplied(this.readConnection);
    } catch {
      return false;
    }
  }

  /** Waits for the transaction in progress, then closes both connections. */
  async close(): Promise<void> {
    await this.mutex.run(async () => {
      if (this.closed) return;
      this.closed = true;
      if (this.readConnection !== this.writeConnection) this.readConnection.close();
      this.writeConnection.close();
    });
  }
}
