/**
 * SQL fragments shared by repositories.
 *
 * No size limit hides in SQL: a lookup by a list of keys binds the whole list as one parameter
 * (`sqlOf(db).inList`, dialect.ts; never `inArray` over values), and a statement that must bind
 * one variable per item (a multi-row INSERT) runs in {@link batches}.
 *
 * Everything here is common SQL (TRUE/FALSE, aliased derived tables); what differs between the
 * dialects comes in as the handle's `DialectSql`.
 */
import { and, asc, Column, getTableColumns, is, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { PageRequest, SortKey } from '../../domain/paging.js';
import type { DialectSql } from '../dialect.js';

/**
 * Most variables one statement of this code binds. SQLite allows 32,766
 * (SQLITE_MAX_VARIABLE_NUMBER since 3.32) and PostgreSQL 65,535; staying far below leaves room
 * for a statement's other parameters.
 */
export const MAX_BOUND_VARIABLES = 10_000;

/**
 * `items` in consecutive batches small enough that a statement binding `perItem` variables per
 * item stays within MAX_BOUND_VARIABLES (at least one item per batch).
 */
export function batches<T>(items: readonly T[], perItem = 1): T[][] {
  const size = Math.max(1, Math.floor(MAX_BOUND_VARIABLES / Math.max(1, perItem)));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Variables a multi-row INSERT into `table` binds per row, at most (one per column). */
export const variablesPerRow = (table: SQLiteTable): number => Object.keys(getTableColumns(table)).length;

/** Keyset condition `(c1, c2, …) > (k1, k2, …)` for forward paging in ascending order. */
export function afterKey(columns: readonly (Column | SQL)[], key: SortKey | null): SQL | undefined {
  if (key === null) return undefined;
  // A cursor from another list matches nothing: another length, or a part that cannot be a value
  // of its column (PostgreSQL would reject the comparison; SQLite would compare across types).
  if (key.length !== columns.length || key.some((part, i) => !fitsColumn(columns[i]!, part))) return sql`FALSE`;
  const left = sql.join(columns.map((c) => sql`${c}`), sql`, `);
  const right = sql.join(key.map((k) => sql`${k}`), sql`, `);
  return sql`(${left}) > (${right})`;
}

/** Whether a cursor's part can be a value of the column (expressions: not known, so yes). */
function fitsColumn(column: Column | SQL, part: string | number): boolean {
  if (!is(column, Column)) return true;
  if (column.dataType === 'string') return typeof part === 'string';
  if (column.dataType !== 'number') return true;
  return typeof part === 'number' && (!/int|serial/i.test(column.columnType) || Number.isSafeInteger(part));
}

/** Case-insensitive substring match on any of the columns (LIKE with escaped wildcards). */
export function textSearch(d: DialectSql, columns: readonly Column[], term: string | null | undefined): SQL | undefined {
  if (!term) return undefined;
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const matches = columns.map((c) => d.likeAnyCase(c, pattern));
  return sql`(${sql.join(matches, sql` OR `)})`;
}

/**
 * `key IN (the keys of the first `limit` rows of every group, in the given order, among the rows
 * of `source` matching `where`)`: pages a nested list for many parents in one statement, reading
 * at most `limit` rows per parent (ROW_NUMBER() OVER (PARTITION BY group ORDER BY order)).
 * `source` is a table or a join (`a INNER JOIN b ON …`); `key` identifies one row of it: a
 * column, or several (a row value, for a link table where one item belongs to several parents).
 */
export function firstRowsPerGroup(
  source: SQLiteTable | SQL,
  key: Column | readonly Column[],
  group: Column,
  order: readonly (Column | SQL)[],
  where: SQL | undefined,
  limit: number,
): SQL {
  const keys = Array.isArray(key) ? (key as readonly Column[]) : [key as Column];
  const orderBy = sql.join(order.map((c) => sql`${c}`), sql`, `);
  const left = keys.length === 1 ? sql`${keys[0]}` : sql`(${sql.join(keys.map((c) => sql`${c}`), sql`, `)})`;
  const names = sql.raw(keys.map((_, i) => `ranked_k${i}`).join(', '));
  const ranked = sql.join(keys.map((c, i) => sql`${c} AS ${sql.raw(`ranked_k${i}`)}`), sql`, `);
  return sql`${left} IN (SELECT ${names} FROM (
    SELECT ${ranked}, ROW_NUMBER() OVER (PARTITION BY ${group} ORDER BY ${orderBy}) AS ranked_n
    FROM ${source} WHERE ${where ?? sql`TRUE`}) AS ranked WHERE ranked_n <= ${limit})`;
}

/** A nested list paged per parent: its rows (`source`, one row by `key`), the parent column and the list order. */
export interface GroupedList {
  readonly source: SQLiteTable | SQL;
  readonly key: Column | readonly Column[];
  readonly parent: Column;
  /** Ascending, ending in a unique column (the cursor is the row's values of these); an expression such as `-changed_at` lists newest first. */
  readonly order: readonly (Column | SQL)[];
}

/**
 * The WHERE and ORDER BY of one page (plus one row, to tell whether more follow) of `list` for
 * every parent, rows matching `where`, after `page.after`: at most `page.first + 1` rows per
 * parent are read, in one statement ({@link firstRowsPerGroup}). `where` holds in the outer
 * query too: a row key may name several rows of which only some match (a retired link beside
 * the live one).
 */
export function groupPage(d: DialectSql, list: GroupedList, parents: readonly number[], where: SQL | undefined, page: PageRequest): { where: SQL; orderBy: SQL[] } {
  const ofParents = d.inList(list.parent, parents);
  const ranked = and(ofParents, where, afterKey(list.order, page.after));
  return {
    where: and(ofParents, where, firstRowsPerGroup(list.source, list.key, list.parent, list.order, ranked, page.first + 1))!,
    orderBy: [asc(list.parent), ...list.order.map((c) => asc(c))],
  };
}

/**
 * A statement prepared once per connection and reused: for lookups on every request's path,
 * where building the query and preparing it each time costs more than running it. The statement
 * still reads the rows on every call, so nothing is cached but the compiled SQL.
 */
export function preparedPerConnection<D extends object, S>(build: (db: D) => S): (db: D) => S {
  const statements = new WeakMap<D, S>();
  return (db) => {
    let statement = statements.get(db);
    if (!statement) statements.set(db, (statement = build(db)));
    return statement;
  };
}
