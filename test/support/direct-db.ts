/**
 * A second connection to a test server's database, as someone with direct access to it has (the
 * SQLite file in the data directory, or the PostgreSQL database at `server.databaseUrl`): tests
 * that tamper with rows, plant triggers or read tables behind the API's back use it on both
 * backends. Parameters are written `?` (turned into `$1, $2, …` on PostgreSQL; never put a `?`
 * inside a string literal). Rows come back with the database's own column names.
 */
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';

export interface DirectDb {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs statements without parameters (several at once allowed). */
  exec(sql: string): Promise<void>;
  /** The rows of one statement. */
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs one statement; returns the number of rows it changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** Runs `fn` in one transaction on this connection. */
  transaction(fn: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** Where a test server keeps its data: the data directory (SQLite) or the database URL (PostgreSQL). */
export interface DatabaseLocation {
  dataDir: string;
  databaseUrl: string | null;
}

export async function openDirectDb(server: DatabaseLocation): Promise<DirectDb> {
  return server.databaseUrl ? openPostgres(server.databaseUrl) : openSqlite(join(server.dataDir, 'crosswalk.db'));
}

function openSqlite(file: string): DirectDb {
  const db = new Sqlite(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return {
    dialect: 'sqlite',
    exec: async (sql) => void db.exec(sql),
    all: async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as T[],
    run: async (sql, params = []) => db.prepare(sql).run(...params).changes,
    async transaction(fn) {
      db.exec('BEGIN IMMEDIATE');
      try {
        await fn();
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    close: async () => void db.close(),
  };
}

async function openPostgres(url: string): Promise<DirectDb> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    dialect: 'postgres',
    exec: async (sql) => void (await client.query(sql)),
    all: async <T>(sql: string, params: unknown[] = []) => (await client.query(numbered(sql), params)).rows as T[],
    run: async (sql, params = []) => (await client.query(numbered(sql), params)).rowCount ?? 0,
    async transaction(fn) {
      await client.query('BEGIN');
      try {
        await fn();
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
    close: () => client.end(),
  };
}

/** A row trigger a test plants: `when` is a condition on NEW; it either raises `raise` or runs `sql` (one statement). */
export interface PlantedTrigger {
  name: string;
  timing: 'BEFORE' | 'AFTER';
  table: string;
  when?: string;
  action: { raise: string } | { sql: string };
}

/** Creates the INSERT trigger `t` on either backend (on PostgreSQL with a function of the same name). */
export async function plantInsertTrigger(db: DirectDb, t: PlantedTrigger): Promise<void> {
  const raise = 'raise' in t.action ? t.action.raise.replaceAll("'", "''") : null;
  if (db.dialect === 'sqlite') {
    const body = raise !== null ? `SELECT RAISE(ABORT, '${raise}')` : (t.action as { sql: string }).sql;
    await db.exec(`CREATE TRIGGER ${t.name} ${t.timing} INSERT ON ${t.table}${t.when ? ` WHEN ${t.when}` : ''} BEGIN ${body}; END`);
    return;
  }
  const body = raise !== null ? `RAISE EXCEPTION '${raise}'` : (t.action as { sql: string }).sql;
  await db.exec(
    `CREATE FUNCTION ${t.name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body}; RETURN NEW; END $$;
     CREATE TRIGGER ${t.name} ${t.timing} INSERT ON ${t.table} FOR EACH ROW${t.when ? ` WHEN (${t.when})` : ''} EXECUTE FUNCTION ${t.name}();`,
  );
}

/** Drops a trigger planted by plantInsertTrigger (nothing when there is none). */
export async function dropPlantedTrigger(db: DirectDb, name: string, table: string): Promise<void> {
  await db.exec(db.dialect === 'sqlite' ? `DROP TRIGGER IF EXISTS ${name}` : `DROP TRIGGER IF EXISTS ${name} ON ${table}; DROP FUNCTION IF EXISTS ${name}()`);
}
