/**
 * Plain SQL on a test database, whichever the backend: for tests that look at what was stored
 * (rows, counts) beside what the API answers. Parameters are written `?` on both backends; quote
 * column aliases (`AS "parentId"`): PostgreSQL folds unquoted names to lower case. Counts are
 * numbers on both (int8 is read as a number in the process: src/db/pg-store.ts).
 */
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { join } from 'node:path';

export interface TestSql {
  readonly backend: 'sqlite' | 'postgres';
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T | undefined>;
  /** The first column of every row. */
  column<T = unknown>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** The first column of the first row. */
  scalar<T = number>(sql: string, ...params: unknown[]): Promise<T>;
  /** Runs statements that write (e.g. a trigger a test adds). */
  exec(sql: string): Promise<void>;
  /** Row counts of every table of the application (migrations' bookkeeping left out). */
  tableCounts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** `?` placeholders as PostgreSQL's `$1`, `$2`, … (outside quoted text). */
function numbered(sql: string): string {
  let n = 0;
  let quoted: string | null = null;
  let out = '';
  for (const ch of sql) {
    if (quoted) {
      if (ch === quoted) quoted = null;
    } else if (ch === "'" || ch === '"') quoted = ch;
    else if (ch === '?') {
      out += `$${++n}`;
      continue;
    }
    out += ch;
  }
  return out;
}

/** A read-only SQLite connection to `file`. */
export function sqliteSql(file: string): TestSql {
  const db = new Sqlite(file, { readonly: true });
  const all = async <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
  return {
    backend: 'sqlite',
    all,
    get: async <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T | undefined,
    column: async <T>(sql: string, ...params: unknown[]) => db.prepare(sql).pluck().all(...params) as T[],
    scalar: async <T>(sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as T,
    async exec(sql: string) {
      const writer = new Sqlite(file);
      try {
        writer.exec(sql);
      } finally {
        writer.close();
      }
    },
    async tableCounts() {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").pluck().all() as string[];
      return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
    },
    async close() {
      db.close();
    },
  };
}

/** A connection to the PostgreSQL database at `url`. */
export async function postgresSql(url: string): Promise<TestSql> {
  await import('../../src/db/pg-store.js'); // int8 as numbers
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const all = async <T>(sql: string, ...params: unknown[]) => (await client.query(numbered(sql), params)).rows as T[];
  return {
    backend: 'postgres',
    all,
    get: async <T>(sql: string, ...params: unknown[]) => (await all<T>(sql, ...params))[0],
    async column<T>(sql: string, ...params: unknown[]) {
      const result = await client.query({ text: numbered(sql), values: params, rowMode: 'array' });
      return (result.rows as unknown[][]).map((row) => row[0] as T);
    },
    async scalar<T>(sql: string, ...params: unknown[]) {
      const result = await client.query({ text: numbered(sql), values: params, rowMode: 'array' });
      return (result.rows[0] as unknown[] | undefined)?.[0] as T;
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async tableCounts() {
      const tables = (await all<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")).map((t) => t.name);
      const counts: Record<string, number> = {};
      for (const t of tables.sort()) counts[t] = Number((await all<{ n: number }>(`SELECT count(*) AS n FROM "${t}"`))[0]!.n);
      return counts;
    },
    close: () => client.end(),
  };
}

/** The database of a test server (its data directory's file, or its PostgreSQL database). */
export function serverSql(server: { dataDir: string; databaseUrl: string | null }): Promise<TestSql> {
  return server.databaseUrl ? postgresSql(server.databaseUrl) : Promise.resolve(sqliteSql(join(server.dataDir, 'crosswalk.db')));
}
