/**
 * Loads a generated organisation (the SQLite file of generate.ts) into a migrated PostgreSQL
 * database, so both backends of `npm run bench -- --backend …` answer over the same rows.
 *
 * Every table the two catalogs share is copied row for row with the same ids (the schemas are
 * twins: same tables, same column names; docs/postgresql.md "Type mapping"): 0/1 become booleans,
 * JSON text becomes jsonb. Like the generator, the load runs with triggers off
 * (`session_replication_role = replica`, so neither the change log nor the history triggers fire
 * and foreign keys are not re-checked: the generator already checked them on SQLite). Afterwards
 * every identity sequence is moved past the copied ids and the database is vacuumed and analysed
 * (a freshly written SQLite file is compact too; PostgreSQL's planner needs the statistics).
 */
import Sqlite from 'better-sqlite3';
import pg from 'pg';

/** Rows per INSERT … SELECT FROM unnest(…) (one array parameter per column). */
const BATCH = 10_000;

/** SQLite bookkeeping not copied (PostgreSQL has its own migrations table). */
const SKIP = new Set(['__drizzle_migrations']);

interface Column {
  name: string;
  /** PostgreSQL type name (udt_name): int8, int4, text, bool, jsonb, bytea. */
  type: string;
}

/** Copies every shared table; returns the rows copied per table and the time taken. */
export async function copySqliteToPostgres(sqliteFile: string, url: string): Promise<{ rows: Record<string, number>; ms: number }> {
  const started = performance.now();
  const source = new Sqlite(sqliteFile, { readonly: true, fileMustExist: true });
  const target = new pg.Client({ connectionString: url });
  await target.connect();
  const rows: Record<string, number> = {};
  try {
    const sqliteTables = new Set(
      (source.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((t) => t.name),
    );
    const columns = new Map<string, Column[]>();
    for (const c of (
      await target.query<{ table_name: string; column_name: string; udt_name: string }>(
        `SELECT table_name, column_name, udt_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
      )
    ).rows) {
      if (!sqliteTables.has(c.table_name) || SKIP.has(c.table_name)) continue;
      columns.set(c.table_name, [...(columns.get(c.table_name) ?? []), { name: c.column_name, type: c.udt_name }]);
    }
    await target.query(`SET session_replication_role = replica`);
    for (const [table, cols] of columns) {
      const already = (await target.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0]!.n;
      if (already) throw new Error(`${table} already holds ${already} rows: the bench loads into a freshly migrated database`);
      const names = cols.map((c) => `"${c.name}"`).join(', ');
      // jsonb travels as text and is cast per element (a text[] of JSON documents).
      const arrays = cols.map((c, i) => `$${i + 1}::${c.type === 'jsonb' ? 'text' : c.type}[]`).join(', ');
      const select = cols.map((c, i) => (c.type === 'jsonb' ? `c${i}::jsonb` : `c${i}`)).join(', ');
      const insert = `INSERT INTO "${table}" (${names}) SELECT ${select} FROM unnest(${arrays}) AS u(${cols.map((_, i) => `c${i}`).join(', ')})`;
      const convert = cols.map((c) => (c.type === 'bool' ? (v: unknown) => (v === null ? null : Boolean(v)) : (v: unknown) => v));
      let batch: unknown[][] = cols.map(() => []);
      let count = 0;
      const flush = async () => {
        if (batch[0]!.length) await target.query(insert, batch);
        batch = cols.map(() => []);
      };
      for (const row of source.prepare(`SELECT ${names} FROM "${table}"`).raw().iterate() as Iterable<unknown[]>) {
        for (let i = 0; i < cols.length; i++) batch[i]!.push(convert[i]!(row[i]));
        if (++count % BATCH === 0) await flush();
      }
      await flush();
      rows[table] = count;
    }
    await target.query(`SET session_replication_role = origin`);
    const identities = await target.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'`,
    );
    for (const { table_name: table, column_name: column } of identities.rows) {
      await target.query(`SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max("${column}") FROM "${table}"), 0) + 1, false)`, [
        `"${table}"`,
        column,
      ]);
    }
    await target.query('VACUUM ANALYZE');
  } finally {
    source.close();
    await target.end();
  }
  return { rows, ms: performance.now() - started };
}
