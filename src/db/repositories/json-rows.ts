/**
 * Bulk writes whose rows travel as one JSON parameter (an array of arrays), in SQL common to both
 * dialects but for the row source: {@link jsonRows} is a FROM item with a `value` (one row, read
 * with `value ->> i`, which gives text on PostgreSQL: CAST numbers) and a `key` (its position,
 * to keep the input's order). {@link execute} runs a statement that returns no rows.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { Db } from '../store.js';
import { dialectOf } from '../dialect.js';

/** `FROM` item of the rows of a JSON array: SQLite json_each; PostgreSQL jsonb_array_elements WITH ORDINALITY. */
export function jsonRows(db: Db, rows: readonly unknown[]): SQL {
  const json = JSON.stringify(rows);
  return dialectOf(db) === 'postgres'
    ? sql`jsonb_array_elements(${json}::jsonb) WITH ORDINALITY AS json_rows(value, key)`
    : sql`json_each(${json})`;
}

/** Runs a statement that returns no rows. */
export async function execute(db: Db, statement: SQL): Promise<void> {
  if (dialectOf(db) === 'postgres') await (db as unknown as PgDatabase<never>).execute(statement);
  else db.run(statement);
}
