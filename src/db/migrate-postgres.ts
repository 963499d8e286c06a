/**
 * Brings a PostgreSQL database to the schema of src/db/schema-pg: the drizzle-kit migrations of
 * migrations/postgres, then the coverage change-log triggers created from their declaration
 * (repositories/coverage/change-triggers-pg.ts; change-log triggers the declaration no longer
 * lists are dropped). Everything runs under a session advisory lock, so instances starting
 * together migrate once, one after the other; each step is one transaction.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Client, Pool, PoolClient } from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { CHANGE_TRIGGER_NAMES, changeTriggersPgSql } from './repositories/coverage/change-triggers-pg.js';

export const POSTGRES_MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations/postgres', import.meta.url));

/** The advisory lock key migrations hold (any instance of Crosswalk on the database). */
const MIGRATION_LOCK = `hashtext('crosswalk migrations')`;

/** Migrates the database `client` is connected to (one session: the advisory lock is the session's). */
export async function runPostgresMigrations(client: Client | PoolClient, migrationsFolder = POSTGRES_MIGRATIONS_FOLDER): Promise<void> {
  await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
  try {
    await migrate(drizzle({ client }), { migrationsFolder });
    await inTransaction(client, async () => {
      const existing = await client.query<{ name: string; table: string }>(
        `SELECT t.tgname AS name, c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
          WHERE NOT t.tgisinternal AND t.tgname LIKE 'coverage\\_changes\\_%' AND c.relname <> 'coverage_changes'
            AND c.relnamespace = 'public'::regnamespace`,
      );
      const wanted = new Set(CHANGE_TRIGGER_NAMES);
      for (const { name, table } of existing.rows) {
        if (!wanted.has(name)) await client.query(`DROP TRIGGER "${name}" ON "${table}"`);
      }
      for (const statement of changeTriggersPgSql()) await client.query(statement);
    });
  } finally {
    await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
  }
}

async function inTransaction(client: Client | PoolClient, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * True when every migration in the folder's journal is recorded as applied in the database
 * (readiness; the change-log triggers are re-created in the same start, after the migrations).
 */
export async function postgresMigrationsApplied(client: Client | PoolClient | Pool, migrationsFolder = POSTGRES_MIGRATIONS_FOLDER): Promise<boolean> {
  const wanted = journalLength(migrationsFolder);
  const table = await client.query<{ present: boolean }>(`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`);
  if (!table.rows[0]?.present) return wanted === 0;
  const applied = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
  return (applied.rows[0]?.n ?? 0) >= wanted;
}

const journalLengths = new Map<string, number>();

function journalLength(folder: string): number {
  let length = journalLengths.get(folder);
  if (length === undefined) {
    const journal = JSON.parse(readFileSync(`${folder}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
    journalLengths.set(folder, (length = journal.entries.length));
  }
  return length;
}
