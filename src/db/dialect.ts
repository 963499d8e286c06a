/**
 * One repository code for both backends. Repositories are written once, typed against the SQLite
 * schema (the PostgreSQL schema, src/db/schema-pg, has the same row types), and take from the
 * handle they are given everything that differs between the two dialects:
 * - the tables (`tablesOf`): a query builder only accepts tables of its own dialect;
 * - the SQL fragments that have no common spelling (`sqlOf`): a key list bound as one parameter,
 *   and whatever a later port adds here (never `if (dialect === …)` inside a repository);
 * - how a statement's result is read (`first`, `rows`, `affected`): drizzle's synchronous
 *   `.get()`, `.all()`, `.run()` and `.values()` exist on SQLite only. Every statement is awaited.
 */
import { is, sql, type Column, type Placeholder, type SQL } from 'drizzle-orm';
import { PgDatabase } from 'drizzle-orm/pg-core';
import * as sqliteTables from './schema/index.js';
import * as pgTables from './schema-pg/index.js';
import type { Db } from './store.js';

export type Dialect = 'sqlite' | 'postgres';

/** The tables of either dialect, under SQLite's types (the row types are the same). */
export type Tables = typeof sqliteTables;

/** The dialect a drizzle handle (a database or a transaction) speaks. */
export function dialectOf(db: Db): Dialect {
  return is(db, PgDatabase) ? 'postgres' : 'sqlite';
}

/**
 * The SQLite file the handle reads, which another connection or thread can open too; null on
 * PostgreSQL and for an in-memory database.
 */
export function sqliteFileOf(db: Db): string | null {
  if (dialectOf(db) === 'postgres') return null;
  const client = (db as { $client?: { name?: string; memory?: boolean } }).$client;
  if (!client?.name || client.memory || client.name === ':memory:') return null;
  return client.name;
}

/** The tables of the handle's dialect. */
export function tablesOf(db: Db): Tables {
  return dialectOf(db) === 'postgres' ? (pgTables as unknown as Tables) : sqliteTables;
}

/** SQL fragments whose spelling differs between the dialects. */
export interface DialectSql {
  readonly dialect: Dialect;
  /**
   * `column IN (…)` with the whole list bound as one parameter, so a batch of any size is one
   * statement with one parameter (SQLite: a JSON array through json_each; PostgreSQL: an array
   * through `= ANY`). A placeholder of a prepared statement takes the list the same way: its
   * JSON text on SQLite, the array itself on PostgreSQL.
   */
  inList(column: Column | SQL, values: readonly (number | string)[] | Placeholder): SQL;
  /** The value to bind to an {@link inList} placeholder of a prepared statement. */
  listParam(values: readonly (number | string)[]): unknown;
  /**
   * Case-insensitive `column LIKE pattern` with `\` as the escape character. Only ASCII letters
   * fold on both (SQLite's LIKE; PostgreSQL's ILIKE on the schema's "C"-collated text columns).
   */
  likeAnyCase(column: Column | SQL, pattern: string): SQL;
  /** True when the JSON array of strings stored as text in `column` holds `value`. */
  jsonArrayHas(column: Column | SQL, value: string): SQL;
  /**
   * A FROM item of the rows of a JSON array bound as one parameter (bulk writes of any size in
   * one statement): `value` is one row, read with `value ->> i` (text on PostgreSQL: CAST numbers),
   * and `key` its position, to keep the input's order.
   */
  jsonRows(rows: readonly unknown[]): SQL;
}

const sqliteSql: DialectSql = {
  dialect: 'sqlite',
  inList: (column, values) => sql`${column} IN (SELECT value FROM json_each(${Array.isArray(values) ? JSON.stringify(values) : values}))`,
  listParam: (values) => JSON.stringify(values),
  likeAnyCase: (column, pattern) => sql`${column} LIKE ${pattern} ESCAPE '\\'`,
  jsonArrayHas: (column, value) => sql`EXISTS (SELECT 1 FROM json_each(${column}) WHERE value = ${value})`,
  jsonRows: (rows) => sql`json_each(${JSON.stringify(rows)})`,
};

const postgresSql: DialectSql = {
  dialect: 'postgres',
  inList: (column, values) => sql`${column} = ANY(${Array.isArray(values) ? sql.param(values) : values})`,
  listParam: (values) => values,
  likeAnyCase: (column, pattern) => sql`${column} ILIKE ${pattern} ESCAPE '\\'`,
  jsonArrayHas: (column, value) => sql`(${column})::jsonb ? ${value}`,
  jsonRows: (rows) => sql`jsonb_array_elements(${JSON.stringify(rows)}::jsonb) WITH ORDINALITY AS json_rows(value, key)`,
};

/** The dialect's fragments for the handle. */
export function sqlOf(db: Db): DialectSql {
  return dialectOf(db) === 'postgres' ? postgresSql : sqliteSql;
}

/** The first row of an awaited statement (SQLite's `.get()`), undefined when there is none. */
export async function first<T>(statement: PromiseLike<T[]>): Promise<T | undefined> {
  return (await statement)[0];
}

/** The row a write with RETURNING wrote (SQLite's `.returning().get()`); undefined when none matched. */
export async function returned<T>(statement: PromiseLike<T[]>): Promise<T> {
  return (await statement)[0] as T;
}

/** The rows of a raw SQL statement on either dialect. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  if (dialectOf(db) === 'postgres') {
    const result = (await (db as unknown as PgDatabase<never>).execute(query)) as unknown as { rows: T[] };
    return result.rows;
  }
  return db.all<T>(query);
}

/** Runs a raw SQL statement that returns no rows, on either dialect. */
export async function execute(db: Db, statement: SQL): Promise<void> {
  if (dialectOf(db) === 'postgres') await (db as unknown as PgDatabase<never>).execute(statement);
  else db.run(statement);
}

/** How many rows a write changed, from an awaited INSERT/UPDATE/DELETE without RETURNING. */
export function affected(result: unknown): number {
  const r = result as { changes?: number; rowCount?: number | null };
  return Number(r.changes ?? r.rowCount ?? 0);
}

/** A statement prepared on either dialect; `execute` reads its rows. */
export interface Prepared<T> {
  execute(values?: Record<string, unknown>): PromiseLike<T[]>;
}

/**
 * Prepares a SELECT builder on its dialect. `name` names the statement on PostgreSQL (prepared
 * once per pooled connection under that name; unique in the process); SQLite prepares it on its
 * connection and ignores the name.
 */
export function prepared<T>(query: { prepare(): unknown }, name: string): Prepared<T> {
  return (query as unknown as { prepare(name: string): Prepared<T> }).prepare(name);
}
