/**
 * The data store: one read connection and one write connection to the same SQLite file.
 *
 * Rules:
 * - Reads outside a transaction use `read`; in WAL mode they only ever see committed data.
 * - Every write happens inside `transaction(fn)`: writes are serialised by a mutex and run as
 *   `BEGIN IMMEDIATE … COMMIT` on the write connection; an exception rolls everything back.
 * - `fn` is async so repositories stay async (a PostgreSQL store can offer the same API).
 */
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { Logger } from 'drizzle-orm/logger';
import * as schema from './schema/index.js';
import { openSqlite, type SqliteDatabase } from './connection.js';
import { runMigrations, migrationsApplied } from './migrate.js';
import { Mutex } from './mutex.js';

export type Db = BetterSQLite3Database<typeof schema>;

export interface StoreOptions {
  /** Called with every SQL statement issued through drizzle (tests count them). */
  onQuery?: (sql: string) => void;
}

export class Store {
  readonly read: Db;
  private readonly writer: Db;
  private readonly mutex = new Mutex();
  private closed = false;

  private constructor(
    private readonly readConnection: SqliteDatabase,
    private readonly writeConnection: SqliteDatabase,
    options: StoreOptions,
  ) {
    const logger: Logger | undefined = options.onQuery
      ? { logQuery: (query) => options.onQuery?.(query) }
      : undefined;
    this.read = drizzle(readConnection, { schema, logger });
    this.writer = drizzle(writeConnection, { schema, logger });
  }

  /** Opens (creating if needed) the database file and applies pending migrations. */
  static open(file: string, options: StoreOptions = {}): Store {
    const writeConnection = openSqlite(file);
    runMigrations(writeConnection);
    const readConnection = file === ':memory:' ? writeConnection : openSqlite(file);
    return new Store(readConnection, writeConnection, options);
  }

  /** Runs `fn` in one serialised write transaction and returns its result after COMMIT. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      if (this.closed) throw new Error('store is closed');
      this.writeConnection.exec('BEGIN IMMEDIATE');
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
  isReady(): boolean {
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
