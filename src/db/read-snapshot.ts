/**
 * A read snapshot for a long export (PostgreSQL: PostgresReadSnapshot, below): its own read-only
 * connection to the database file, in one read transaction from `open` to `close`, so that pages read one after another (while the
 * document is written, across turns of the event loop) all see the same commit, whatever is
 * written meanwhile. Nothing else uses the connection. While it is open, SQLite cannot checkpoint
 * the WAL past it, so it is held only while one document is written.
 */
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { Pool, PoolClient } from 'pg';
import * as schema from './schema/index.js';
import * as pgSchema from './schema-pg/index.js';
import { openSqlite, type SqliteDatabase } from './connection.js';
import type { Db } from './store.js';

/** Synchronous wait of the snapshot's connection: covers SQLite's WAL recovery, never a writer. */
const SNAPSHOT_BUSY_TIMEOUT_MS = 100;

export class ReadSnapshot {
  readonly db: Db;

  private constructor(private readonly connection: SqliteDatabase) {
    this.db = drizzle(connection, { schema });
  }

  /** Opens a connection to `file` and begins its snapshot (the first read fixes it). */
  static open(file: string): ReadSnapshot {
    const connection = openSqlite(file, { readonly: true, busyTimeoutMs: SNAPSHOT_BUSY_TIMEOUT_MS });
    try {
      connection.exec('BEGIN');
      connection.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      connection.close();
      throw error;
    }
    return new ReadSnapshot(connection);
  }

  /** Ends the snapshot and closes the connection; idempotent. */
  close(): void {
    if (!this.connection.open) return;
    if (this.connection.inTransaction) this.connection.exec('COMMIT');
    this.connection.close();
  }
}

/**
 * The same on PostgreSQL: one client of the pool, held from `open` to `close` in a REPEATABLE
 * READ READ ONLY transaction, whose first statement fixes the snapshot every later read sees.
 * The client goes back to the pool at `close`; hold it only while one document is written.
 */
export class PostgresReadSnapshot {
  private released = false;

  private constructor(
    readonly db: Db,
    private readonly client: PoolClient,
  ) {}

  /** A snapshot on the pool of the PostgreSQL handle `db` (a store's `read`). */
  static openOn(db: Db): Promise<PostgresReadSnapshot> {
    const pool = (db as unknown as { $client?: Pool }).$client;
    if (!pool || typeof pool.connect !== 'function') throw new Error('PostgresReadSnapshot: the handle has no connection pool');
    return PostgresReadSnapshot.open(pool);
  }

  /** Takes a client from `pool` and begins its snapshot. */
  static async open(pool: Pool): Promise<PostgresReadSnapshot> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query('SELECT 1');
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
    return new PostgresReadSnapshot(drizzlePostgres(client, { schema: pgSchema }) as unknown as Db, client);
  }

  /** Ends the snapshot and gives the client back; idempotent. */
  async close(): Promise<void> {
    if (this.released) return;
    this.released = true;
    try {
      await this.client.query('COMMIT');
      this.client.release();
    } catch (error) {
      this.client.release(error instanceof Error ? error : true);
    }
  }
}
