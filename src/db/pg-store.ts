/**
 * The PostgreSQL store (store.ts says what every store does): a connection pool, drizzle's
 * node-postgres driver over the schema of src/db/schema-pg.
 *
 * Rules:
 * - Reads outside a transaction run on the pool (any free connection; committed data only).
 * - A write transaction runs on one connection: BEGIN, `lock_timeout` for what is left of
 *   `lockWaitMs`, then `pg_advisory_xact_lock(WRITE_LOCK)`: one writer at a time across every
 *   instance on the database, as SQLite has one writer at a time. The audit hash chain reads
 *   the last hash and the change log numbers its entries under that lock, so both stay in commit
 *   order. Inside one process writers also queue on a mutex first, so waiting writers hold no
 *   connection that reads need. The lock is released by COMMIT or ROLLBACK.
 * - Lock timeout (SQLSTATE 55P03), or no free connection of the pool within `lockWaitMs` →
 *   DatabaseBusyError (DATABASE_BUSY); a connection refused or lost → DatabaseUnavailableError
 *   (DATABASE_UNAVAILABLE); a statement cancelled (SQLSTATE 57014, the statement timeout) →
 *   StatementTimeoutError (QUERY_TIMEOUT). The pool drops
 *   broken connections and opens new ones on demand: the store recovers when the server is back.
 * - bigint (int8) values are read as numbers, also in raw SQL results (values stay below 2^53:
 *   docs/postgresql.md).
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Logger } from 'drizzle-orm/logger';
import * as pgSchema from './schema-pg/index.js';
import { DEFAULT_LOCK_WAIT_MS, DatabaseBusyError, retryAfterFor } from './busy.js';
import { Mutex } from './mutex.js';
import { createPool } from './pg-pool.js';
import { postgresMigrationsApplied, runPostgresMigrations } from './migrate-postgres.js';
import { statementTimedOut } from './statement-timeout.js';
import { databaseUnavailable, poolExhausted } from './unavailable.js';
import { DEFAULT_POOL_SIZE, type Db, type Store, type StoreOptions } from './store.js';

/** The advisory lock every write transaction of every instance takes (migrations use another key). */
export const WRITE_LOCK = `hashtext('crosswalk writes')`;

export interface PostgresStoreOptions extends StoreOptions {
  /** Connections in the pool (CROSSWALK_DATABASE_POOL_SIZE; default 10). */
  poolSize?: number;
  /** Server-side cap on one statement, in ms (CROSSWALK_DATABASE_STATEMENT_TIMEOUT_MS); 0 (default): none. */
  statementTimeoutMs?: number;
}

/**
 * int8 (bigint) and int8[] values are read as numbers everywhere in the process: drizzle's
 * node-postgres driver gives every query its own type parsers, which fall back to pg's global
 * table, so a pool's own `types` would never be asked.
 */
const INT8 = pg.types.builtins.INT8;
const INT8_ARRAY = 1016 as typeof INT8;
const parseInt8Array = pg.types.getTypeParser(INT8_ARRAY) as (value: string) => (string | null)[];
pg.types.setTypeParser(INT8, (value: string) => Number(value));
pg.types.setTypeParser(INT8_ARRAY, (value: string) => parseInt8Array(value).map((v) => (v === null ? null : Number(v))));

export class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  readonly sqliteFile = null;
  readonly read: Db;
  private readonly db: NodePgDatabase<typeof pgSchema>;
  private readonly mutex = new Mutex();
  private readonly lockWaitMs: number;
  private closed = false;
  /** Backend pids of the pool's open connections (see ownsSession). */
  private readonly sessions = new Set<number>();

  private constructor(
    private readonly pool: pg.Pool,
    options: StoreOptions,
  ) {
    const logger: Logger | undefined = options.onQuery
      ? { logQuery: (query, params) => options.onQuery?.(query, params) }
      : undefined;
    this.db = drizzle(pool, { schema: pgSchema, logger });
    this.read = this.db as unknown as Db;
    this.lockWaitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
    // node-postgres sets a client's processID (not in its types) from the server's BackendKeyData.
    const pid = (client: pg.PoolClient) => (client as unknown as { processID: number | null }).processID;
    pool.on('connect', (client) => {
      const id = pid(client);
      if (id !== null) this.sessions.add(id);
    });
    pool.on('remove', (client) => {
      const id = pid(client);
      if (id !== null) this.sessions.delete(id);
    });
  }

  ownsSession(processId: number): boolean {
    return this.sessions.has(processId);
  }

  /**
   * A store on the database at `url`, not yet migrated: connections are made on first use, so
   * this never fails for an unreachable server (isReady() says false until `migrate()` ran).
   */
  static connect(url: string, options: PostgresStoreOptions = {}): PostgresStore {
    // A request waits for a free connection as long as a write waits for the lock: busy, not down.
    const pool = createPool(url, {
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      statementTimeoutMs: options.statementTimeoutMs,
      applicationName: 'crosswalk',
      connectionWaitMs: options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
    });
    return new PostgresStore(pool, options);
  }

  /** Connects to the database at `url` and applies pending migrations (runPostgresMigrations). */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const store = PostgresStore.connect(url, options);
    try {
      await store.migrate();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  /** Applies pending migrations (under their own advisory lock: instances starting together migrate once). */
  async migrate(): Promise<void> {
    try {
      const client = await this.pool.connect();
      try {
        await runPostgresMigrations(client);
      } finally {
        client.release();
      }
    } catch (error) {
      throw databaseUnavailable(error) ?? error;
    }
  }

  transaction<T>(fn: (tx: Db) => Promise<T>, options: { lockWaitMs?: number } = {}): Promise<T> {
    const lockWaitMs = options.lockWaitMs ?? this.lockWaitMs;
    const deadline = Date.now() + lockWaitMs;
    return this.mutex.run(async () => {
      if (this.closed) throw new Error('store is closed');
      try {
        return await this.db.transaction(async (tx) => {
          await takeWriteLock(tx, deadline - Date.now(), lockWaitMs);
          return fn(tx as unknown as Db);
        });
      } catch (error) {
        throw storeError(error, lockWaitMs);
      }
    });
  }

  async isReady(): Promise<boolean> {
    if (this.closed) return false;
    try {
      return await postgresMigrationsApplied(this.pool);
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.mutex.run(async () => {
      if (this.closed) return;
      this.closed = true;
      await this.pool.end();
    });
  }
}

/**
 * Takes the write lock in the transaction `tx` began, waiting at most `leftMs`; with no time
 * left it is still tried once (as SQLite's BEGIN at the head of the queue). One round trip.
 */
async function takeWriteLock(tx: { execute(query: ReturnType<typeof sql.raw>): Promise<unknown> }, leftMs: number, lockWaitMs: number): Promise<void> {
  if (leftMs < 1) {
    const result = (await tx.execute(sql.raw(`SELECT pg_try_advisory_xact_lock(${WRITE_LOCK}) AS locked`))) as { rows: { locked: boolean }[] };
    if (!result.rows[0]?.locked) throw new DatabaseBusyError(retryAfterFor(lockWaitMs));
    return;
  }
  // No parameters: sent as one simple query, three statements in one round trip. The timeout
  // bounds the wait for the write lock only: reset once it is held, a later lock wait in the
  // work is not reported as DATABASE_BUSY after the work ran (the store's rule: busy, never run).
  await tx.execute(sql.raw(`SET LOCAL lock_timeout = ${Math.ceil(leftMs)}; SELECT pg_advisory_xact_lock(${WRITE_LOCK}); SET LOCAL lock_timeout = DEFAULT`));
}

/** SQLSTATE lock_not_available: `lock_timeout` ran out. */
const LOCK_NOT_AVAILABLE = '55P03';

function hasSqlState(error: unknown, state: string): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === state) return true;
  }
  return false;
}

/** The store's error for a failed transaction: busy, unavailable, timed out, or the error itself. */
function storeError(error: unknown, lockWaitMs: number): unknown {
  if (error instanceof DatabaseBusyError) return error;
  if (hasSqlState(error, LOCK_NOT_AVAILABLE) || poolExhausted(error)) return new DatabaseBusyError(retryAfterFor(lockWaitMs));
  return databaseUnavailable(error) ?? statementTimedOut(error) ?? error;
}
