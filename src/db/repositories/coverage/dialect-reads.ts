/**
 * The coverage graph's reads, written once for both backends. A read is a generator
 * ({@link Read}) that yields each step and gets its result back; the steps that differ between
 * the dialects are the methods of {@link GraphReads}. On SQLite a read runs synchronously
 * ({@link runSync}), so a whole snapshot is still read inside one better-sqlite3 read transaction
 * with nothing else interleaved (and the worker's prepared statements and JSON columns stay as
 * they were); on PostgreSQL every step is awaited ({@link runAsync}), in a REPEATABLE READ READ
 * ONLY transaction on one pooled client ({@link inReadTransaction}); reads grouped with
 * {@link together} may run there on a few more connections that share the transaction's snapshot.
 * The bundle and export repositories write their one-commit reads the same way, with
 * {@link select} steps.
 */
import { and, is, sql, SQL } from 'drizzle-orm';
import type { Logger } from 'drizzle-orm/logger';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import * as pgSchema from '../../schema-pg/index.js';
import type { Db } from '../../store.js';
import { dialectOf, prepared, rows, sqlOf } from '../../dialect.js';
import { preparedPerConnection } from '../sql-helpers.js';
import { copyColumns, copyStatement } from '../../pg-copy-columns.js';
import { tableColumns, REVISION_SQL, SCHEMA_VERSION_SQL } from '../json-number-column.cjs';
import { COVERAGE_CHANGE_TABLES, SOURCES, type Source } from './inputs.js';

/** A value now (SQLite) or later (PostgreSQL). */
export type Maybe<T> = T | Promise<T>;

/** Columns of a table as read: one Float64Array per column, NULL as NaN (see columnar-reads.ts). */
export interface TableColumns {
  readonly n: number;
  /** In the order of the source's columns; NULL as NaN. */
  readonly columns: readonly Float64Array[];
}

/** Which rows of a source a read chooses: those matching every constant condition (SQL) and, with `keys`, having one of them. */
export interface RowFilter {
  readonly conditions: readonly string[];
  readonly keys?: readonly number[];
  /** About how many rows that is, when known: room for them is made at once (PostgreSQL). */
  readonly about?: number;
}

/** What one graph-version statement reads (see graph-version.ts). */
export interface VersionRow {
  /** The change log's last sequence number. */
  revision: number;
  /** Changes with any change of the schema. */
  schema: number;
  /** Differs after any commit (what untracked versions compare). */
  data: string;
}

/** What the trigger check reads along with the version. */
export interface TrackingRow {
  /** How many of the change-log triggers exist. */
  triggers: number;
  /** Largest evidence and review ids (the parallel read's size; 0 where there is no parallel read). */
  evidence: number;
  reviews: number;
}

/** The change log after a revision: how many entries, and the keys they name by table. */
export interface ChangesSince {
  count: number;
  keys: [table: string, keys: number[]][];
}

/**
 * The columns of the graph-version statement, to read the version along with another single-row
 * lookup in one statement (token-repository.ts); {@link GraphReads.versionOf} reads them back.
 */
export type VersionColumns = Record<string, SQL.Aliased | SQL>;

/** The steps whose SQL or driver calls differ between the dialects. */
export interface GraphReads {
  version(db: Db): Maybe<VersionRow>;
  /** What {@link version} selects (see {@link VersionColumns}). */
  readonly versionColumns: VersionColumns;
  /** The version in a row that selected {@link versionColumns}. */
  versionOf(row: Record<string, unknown>): VersionRow;
  tracking(db: Db): Maybe<TrackingRow>;
  /** About how many rows each table read holds, by table (PostgreSQL's statistics; none on SQLite, without a statement): see {@link RowFilter}. */
  rowsAbout(db: Db): Maybe<ReadonlyMap<string, number>>;
  /** A source's columns of the rows `filter` chooses, in one statement. */
  columns(db: Db, source: Source, filter: RowFilter): Maybe<TableColumns>;
  /**
   * How many log entries follow `since` and the keys they name, by table; null when the log no
   * longer reaches back to `since` (pruned): then the rows changed since cannot all be named.
   */
  changesSince(db: Db, since: number, revision: number): Maybe<ChangesSince | null>;
  /** Rows of a query builder or of raw SQL. */
  select<T>(db: Db, query: PromiseLike<T[]> | SQL): Maybe<T[]>;
  /** Runs independent reads, each on the handle it is given (see {@link together}); results in order. */
  together<T>(db: Db, reads: readonly ((db: Db) => Read<T>)[]): Maybe<T[]>;
}

/** One step of a read: run against the dialect's reads. */
export interface Step<T = unknown> {
  readonly run: (reads: GraphReads) => Maybe<T>;
}

/** A read written once: yields steps, returns its result. */
export type Read<T> = Generator<Step, T, unknown>;

/** `yield* step((r) => r.…)`: one step, typed. */
export function* step<T>(run: (reads: GraphReads) => Maybe<T>): Generator<Step, T, unknown> {
  return (yield { run } as Step) as T;
}

/** Rows of a query builder or raw SQL, as a step. */
export const select = <T>(db: Db, query: PromiseLike<T[]> | SQL): Generator<Step, T[], unknown> => step((r) => r.select(db, query));

/**
 * Independent reads of one commit, as one step; each reads with the handle it is given. On SQLite
 * they run one after another on `tx`. On PostgreSQL, in a transaction that {@link inReadTransaction}
 * opened with lanes, they run at once on up to that many connections sharing the transaction's
 * snapshot (pulled in the order given: put the biggest first); otherwise one after another.
 */
export function* together<T>(tx: Db, reads: readonly ((db: Db) => Read<T>)[]): Read<T[]> {
  return yield* step((r) => r.together(tx, reads));
}

// --- SQLite: synchronous, better-sqlite3 ----------------------------------------------------------

/**
 * The graph version; reading sqlite_sequence also starts a read transaction's snapshot. Every
 * coverage read runs it, so it is prepared once per connection (compiling it cost more than
 * running it); in a transaction it reads the transaction's snapshot.
 */
const SQLITE_VERSION = {
  r: sql<number>`${sql.raw(REVISION_SQL)}`,
  s: sql<number>`${sql.raw(SCHEMA_VERSION_SQL)}`,
  d: sql<number>`(SELECT data_version FROM pragma_data_version())`,
  c: sql<number>`total_changes()`,
};

const sqliteVersionStatement = preparedPerConnection((db: Db) => db.select(SQLITE_VERSION).from(sql`(SELECT 1)`).prepare());

const sqliteVersionOf = (row: Record<string, unknown>): VersionRow => ({ revision: row.r as number, schema: row.s as number, data: `${row.d}:${row.c}` });

const TRIGGER_NAMES = COVERAGE_CHANGE_TABLES.flatMap((t) => ['insert', 'update', 'delete'].map((op) => `coverage_changes_${t}_${op}`));
/** The tables the graph is read from. */
const SOURCE_TABLES = [...new Set(SOURCES.map((s) => s.table))];

/** How many change-log triggers the schema has when the graph is tracked. */
export const TRIGGER_COUNT = TRIGGER_NAMES.length;

const SQLITE_TRACKING = sql.raw(
  `SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (${TRIGGER_NAMES.map((n) => `'${n}'`).join(', ')})) AS n,
  (SELECT coalesce(max(rowid), 0) FROM evidence) AS e, (SELECT coalesce(max(id), 0) FROM evidence_reviews) AS rv`,
);

/**
 * SQLite aggregates each column into a JSON array of numbers, as a BLOB of its text (measured at
 * M: 25 % less time in SQLite and better-sqlite3 than as text, and a third less to parse), parsed
 * straight into a Float64Array (json-number-column.cjs).
 */
export function sqliteColumnsSql(table: string, names: readonly string[], where: string): string {
  const select = names.map((n) => `CAST(json_group_array(${n}) AS BLOB)`).join(', ');
  return `SELECT ${select} FROM ${table}${where ? ` WHERE ${where}` : ''}`;
}

const sqliteReads: GraphReads = {
  version: (db) => sqliteVersionOf(sqliteVersionStatement(db).get()!),
  versionColumns: SQLITE_VERSION,
  versionOf: (row) => sqliteVersionOf(row),
  tracking(db) {
    const row = db.get<{ n: number; e: number; rv: number }>(SQLITE_TRACKING);
    return { triggers: row.n, evidence: row.e, reviews: row.rv };
  },
  rowsAbout: () => new Map(),
  columns(db, source, { conditions, keys }) {
    const select = sql.raw(sqliteColumnsSql(source.table, source.columns.map((c) => c.sql), ''));
    const where = and(...conditions.map((c) => sql.raw(`(${c})`)), keys ? sqlOf(db).inList(sql.raw(source.key), keys) : undefined);
    const [row] = db.values<Uint8Array[]>(where ? sql`${select} WHERE ${where}` : select);
    return tableColumns(row!);
  },
  changesSince(db, since, revision) {
    // Committed sequence numbers have no gaps (a rolled-back transaction gives its numbers back),
    // so fewer rows than that means the log was pruned past `since`.
    const found = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM coverage_changes WHERE seq > ${since}`).n;
    if (found !== revision - since) return null;
    const changed = db.values<[string, string]>(
      sql`SELECT table_name, json_group_array(DISTINCT row_key) FROM coverage_changes WHERE seq > ${since} GROUP BY table_name`,
    );
    return { count: found, keys: changed.map(([table, json]) => [table, JSON.parse(json) as number[]]) };
  },
  select<T>(db: Db, query: PromiseLike<T[]> | SQL): T[] {
    return is(query, SQL) ? db.all<T>(query) : (query as unknown as { all(): T[] }).all();
  },
  together<T>(db: Db, reads: readonly ((db: Db) => Read<T>)[]): T[] {
    return reads.map((read) => runSync(db, read(db)));
  },
};

// --- PostgreSQL: awaited, node-postgres ------------------------------------------------------------

/**
 * The change log's newest sequence number as of the transaction's snapshot (exact when writers
 * commit in sequence order: one writer at a time, docs/postgresql.md), the schema's version and
 * the snapshot itself, whose text differs after any commit (and, conservatively, when a write
 * transaction began). The schema's version counts the applied migrations and, as SQLite's
 * `schema_version` does, changes when a trigger is dropped, created, disabled or enabled outside
 * them: it adds, times 1024 (fewer migrations than that), the sum of the triggers' oids (a
 * re-created trigger gets a new oid) and of their rows' xmin (any change to a trigger's row, as
 * `ALTER TABLE … DISABLE TRIGGER` and `ENABLE`, writes a new row version with a newer
 * transaction id: the sum only grows, even when the trigger is back as it was). The sum is taken
 * modulo 2^40, so that times 1024 it stays below 2^53 however many triggers the database holds.
 */
const PG_VERSION = {
  r: sql<number>`(SELECT coalesce(max(seq), 0) FROM coverage_changes)`,
  s: sql<number>`(SELECT count(*) FROM drizzle.__drizzle_migrations) + 1024 * (SELECT mod(coalesce(sum(oid::int8 + xmin::text::int8), 0), 1099511627776) FROM pg_trigger WHERE NOT tgisinternal)`,
  d: sql<string>`pg_current_snapshot()::text`,
};

/**
 * Every coverage read runs it first, so it is a named prepared statement on each pooled
 * connection: parsing and planning it cost twice its execution (measured: about 1.2 ms a read
 * unprepared, 0.4 ms prepared, 0.45 ms for the same read without the trigger sum, unprepared).
 */
const pgVersionStatement = preparedPerConnection((db: Db) =>
  prepared<{ r: number; s: number; d: string }>(
    db.select(PG_VERSION).from(sql`(SELECT 1) AS one`),
    'crosswalk_graph_version',
  ),
);

const pgVersionOf = (row: Record<string, unknown>): VersionRow => ({ revision: Number(row.r), schema: Number(row.s), data: row.d as string });

/**
 * A column as the copy reads it (pg-copy-columns.ts): its value as a double (booleans as 0/1),
 * NULL as NULL (NaN when read). Every value read is an integer below 2^53 (ids, codes, instants in
 * ms), so its double is exact.
 */
const pgCopyColumnSql = (c: Source['columns'][number]): string => (c.column.dataType === 'boolean' ? `(${c.sql})::int::float8` : `(${c.sql})::float8`);

/** The condition choosing the rows with the given keys, the keys written out (COPY takes no parameters). */
function pgKeysSql(column: string, keys: readonly number[]): string {
  if (!keys.every((k) => Number.isSafeInteger(k))) throw new Error(`coverage read: a key of ${column} is not an integer`);
  return `${column} = ANY('{${keys.join(',')}}'::int8[])`;
}

/** The node-postgres connection a PostgreSQL handle (a transaction, or a lane's client) runs its statements on, and its query logger. */
function sessionOf(db: Db): { client: pg.ClientBase; logger?: Logger } {
  const session = (db as unknown as { session?: { client?: pg.ClientBase; logger?: Logger } }).session;
  const client = session?.client;
  if (!client || 'totalCount' in client) throw new Error('coverage read: a column read needs a read transaction (inReadTransaction), not the pool');
  return { client, logger: session.logger };
}

const postgresReads: GraphReads = {
  async version(db) {
    const [row] = await pgVersionStatement(db).execute();
    return pgVersionOf(row!);
  },
  versionColumns: PG_VERSION,
  versionOf: (row) => pgVersionOf(row),
  async tracking(db) {
    // Only the triggers that fire in an ordinary session count: enabled (O) or always (A), not
    // disabled (D) nor replica-only (R).
    const [row] = await rows<{ n: number }>(
      db,
      sql`SELECT count(*) AS n FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
          WHERE NOT t.tgisinternal AND t.tgenabled IN ('O', 'A') AND c.relnamespace = 'public'::regnamespace
            AND ${sqlOf(db).inList(sql`t.tgname::text`, TRIGGER_NAMES)}`,
    );
    return { triggers: Number(row!.n), evidence: 0, reviews: 0 };
  },
  async rowsAbout(db) {
    // reltuples: -1 before the first ANALYZE.
    const [row] = await rows<{ about: Record<string, number> }>(
      db,
      sql`SELECT coalesce(json_object_agg(relname, greatest(reltuples, 0)), '{}') AS about FROM pg_class
          WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND ${sqlOf(db).inList(sql`relname::text`, SOURCE_TABLES)}`,
    );
    return new Map(Object.entries(row!.about).map(([t, n]) => [t, Number(n)]));
  },
  async columns(db, source, { conditions, keys, about }) {
    // One COPY of the rows: the columns line up by construction.
    const where = [...conditions.map((c) => `(${c})`), ...(keys ? [pgKeysSql(source.key, keys)] : [])];
    const select = `SELECT ${source.columns.map(pgCopyColumnSql).join(', ')} FROM ${source.table}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    const { client, logger } = sessionOf(db);
    logger?.logQuery(copyStatement(select), []);
    return copyColumns(client, select, source.columns.length, about);
  },
  async changesSince(db, since) {
    // Sequence numbers of rolled-back transactions are never used, so the log has gaps: it
    // reaches back to `since` while an entry at or before it is kept (pruning drops the oldest).
    // Since 0 (a graph read before anything was logged): while the first entry, 1, is kept.
    // One round trip: the count, whether the log reaches back, and the keys by table.
    const [row] = await rows<{ n: number; reaches: boolean; k: string }>(
      db,
      sql`SELECT (SELECT count(*) FROM coverage_changes WHERE seq > ${since}) AS n,
        EXISTS (SELECT 1 FROM coverage_changes WHERE seq <= ${Math.max(since, 1)}) AS reaches,
        (SELECT coalesce(json_agg(json_build_array(t, k))::text, '[]')
          FROM (SELECT table_name AS t, array_agg(DISTINCT row_key) AS k FROM coverage_changes WHERE seq > ${since} GROUP BY table_name) AS changed) AS k`,
    );
    return row!.reaches ? { count: Number(row!.n), keys: JSON.parse(row!.k) as [string, number[]][] } : null;
  },
  async select<T>(db: Db, query: PromiseLike<T[]> | SQL): Promise<T[]> {
    return is(query, SQL) ? rows<T>(db, query) : await query;
  },
  async together<T>(db: Db, reads: readonly ((db: Db) => Read<T>)[]): Promise<T[]> {
    const more = reads.length > 1 ? await lanes.get(db)?.() : undefined;
    const handles = [db, ...(more ?? [])];
    const results: T[] = new Array<T>(reads.length);
    let next = 0;
    let failure: { error: unknown } | null = null;
    // Each connection takes the next read when it is done with one; after a failure none starts another.
    await Promise.all(
      handles.map(async (handle) => {
        while (next < reads.length && !failure) {
          const i = next++;
          try {
            results[i] = await runAsync(handle, reads[i]!(handle));
          } catch (error) {
            failure ??= { error };
          }
        }
      }),
    );
    if (failure) throw (failure as { error: unknown }).error;
    return results;
  },
};

/**
 * Per PostgreSQL read transaction opened with lanes: opens (once, when {@link together} first
 * needs them) the extra connections that read the transaction's snapshot.
 */
const lanes = new WeakMap<Db, () => Promise<Db[]>>();

/**
 * Up to `wanted` more connections from the pool: only connections the pool can give at once,
 * leaving one for others; none when that is too few or any cannot be had. Every connection taken
 * is in `opened` (to be given back) before this settles.
 */
async function takeConnections(pool: pg.Pool, wanted: number, opened: pg.PoolClient[]): Promise<pg.PoolClient[]> {
  const free = pool.idleCount + Math.max(0, (pool.options.max ?? 10) - pool.totalCount);
  const count = Math.min(wanted, free - 1);
  if (count < 1) return [];
  // Settled, not Promise.all: every connection taken is in `opened` before any is given back.
  const taken = await Promise.allSettled(
    Array.from({ length: count }, async () => {
      const client = await pool.connect();
      opened.push(client);
      return client;
    }),
  );
  return taken.every((t) => t.status === 'fulfilled') ? [...opened] : [];
}

/**
 * The connections of `taking` in REPEATABLE READ READ ONLY transactions that import the snapshot
 * of `tx` (pg_export_snapshot / SET TRANSACTION SNAPSHOT), so that they read exactly what `tx`
 * reads; none when anything fails (the reads then run on `tx` alone). These transactions, and
 * `tx`, run their statements without PostgreSQL's own parallel workers: the connections already
 * read at once, and on few cores the workers' extra processes and the copying of their partial
 * results cost more CPU than they save (measured at the benchmark's M size on 2 cores).
 */
async function openLanes(tx: Db, taking: Promise<pg.PoolClient[]>, logger: Logger | undefined, opened: pg.PoolClient[]): Promise<Db[]> {
  try {
    const clients = await taking;
    if (!clients.length) return [];
    const [row] = await rows<{ id: string }>(tx, sql`SELECT pg_export_snapshot() AS id, set_config('max_parallel_workers_per_gather', '0', true)`);
    const id = row!.id;
    if (!/^[0-9A-F-]+$/i.test(id)) throw new Error('unexpected snapshot id');
    const begun = await Promise.allSettled(
      clients.map(async (client) => {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await client.query(`SET TRANSACTION SNAPSHOT '${id}'; SET LOCAL max_parallel_workers_per_gather = 0`);
      }),
    );
    if (begun.some((b) => b.status === 'rejected')) throw new Error('a connection could not import the snapshot');
    return clients.map((client) => drizzle(client, { schema: pgSchema, logger }) as unknown as Db);
  } catch {
    await closeLanes(opened);
    opened.length = 0;
    return [];
  }
}

/** Ends the extra connections' transactions and gives them back to the pool (a broken one is discarded). */
async function closeLanes(opened: readonly pg.PoolClient[]): Promise<void> {
  await Promise.all(
    opened.map(async (client) => {
      try {
        await client.query('COMMIT');
        client.release();
      } catch (error) {
        client.release(error instanceof Error ? error : new Error(String(error)));
      }
    }),
  );
}

/** The reads of the handle's dialect. */
export const readsOf = (db: Db): GraphReads => (dialectOf(db) === 'postgres' ? postgresReads : sqliteReads);

/** Runs a read now, on a SQLite handle (each step's result is there at once). */
export function runSync<T>(db: Db, read: Read<T>): T {
  const reads = readsOf(db);
  if (reads !== sqliteReads) throw new Error('runSync: only a SQLite handle reads synchronously');
  let next = read.next();
  while (!next.done) next = read.next(next.value.run(reads));
  return next.value;
}

/** Runs a read on either dialect: on SQLite at once (nothing interleaves), on PostgreSQL awaiting each step. */
export async function run<T>(db: Db, read: Read<T>): Promise<T> {
  return readsOf(db) === sqliteReads ? runSync(db, read) : runAsync(db, read);
}

/**
 * Runs a read so that every step sees the same commit: on SQLite synchronously on the handle
 * (nothing in this process runs between the steps), on PostgreSQL in {@link inReadTransaction}
 * (the pool would otherwise run each step on whichever connection is free). Not inside a
 * transaction: on PostgreSQL it begins one.
 */
export async function runAtOneCommit<T>(db: Db, read: (db: Db) => Read<T>): Promise<T> {
  return readsOf(db) === sqliteReads ? runSync(db, read(db)) : inReadTransaction(db, read);
}

/** Runs a read awaiting each step (PostgreSQL; on SQLite, other work may interleave between steps: use {@link run}). */
export async function runAsync<T>(db: Db, read: Read<T>): Promise<T> {
  const reads = readsOf(db);
  let next = read.next();
  while (!next.done) next = read.next(await next.value.run(reads));
  return next.value;
}

/**
 * Runs `read` in one read transaction, so that every statement sees the same commit: on SQLite
 * synchronously, in a deferred transaction of the handle's connection (nothing else runs
 * meanwhile); on PostgreSQL on one pooled client in a REPEATABLE READ READ ONLY transaction, and
 * with `lanes` above 1 the reads grouped by {@link together} on up to that many connections in
 * all (see openLanes). The extra connections are taken from the pool when `together` first needs
 * them, or with `early` (a read known to need them) as the transaction begins, so that making
 * them overlaps its first statements. `db` is the store's handle, not a transaction.
 */
export async function inReadTransaction<T>(db: Db, read: (tx: Db) => Read<T>, options: { lanes?: number; early?: boolean } = {}): Promise<T> {
  if (dialectOf(db) === 'postgres') {
    const handle = db as unknown as PgDatabase<never> & { $client?: pg.Pool; _: { session: { logger?: Logger } } };
    const pool = handle.$client;
    const wanted = (options.lanes ?? 1) - 1;
    return handle.transaction(
      async (t) => {
        const tx = t as unknown as Db;
        if (wanted < 1 || !pool || typeof pool.connect !== 'function' || !('idleCount' in pool)) return runAsync(tx, read(tx));
        const opened: pg.PoolClient[] = [];
        let taking = options.early ? takeConnections(pool, wanted, opened) : null;
        let opening: Promise<Db[]> | null = null;
        lanes.set(tx, () => (opening ??= openLanes(tx, (taking ??= takeConnections(pool, wanted, opened)), handle._.session.logger, opened)));
        try {
          return await runAsync(tx, read(tx));
        } finally {
          await Promise.all([taking, opening].map((p) => (p as Promise<unknown> | null)?.catch(() => undefined)));
          await closeLanes(opened);
        }
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }
  return db.transaction((tx) => runSync(tx as Db, read(tx as Db)), { behavior: 'deferred' });
}
