/**
 * Applies pending drizzle-kit migrations. Foreign keys are switched off first: inside a
 * transaction SQLite ignores `PRAGMA foreign_keys`, so a table rebuild (CREATE new, copy, DROP
 * old, RENAME) would otherwise cascade-delete every child row. Afterwards the whole database
 * must pass `foreign_key_check`, or start-up fails loudly.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { SqliteDatabase } from './connection.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

export class MigrationIntegrityError extends Error {}

export function runMigrations(sqlite: SqliteDatabase, migrationsFolder = MIGRATIONS_FOLDER): void {
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(drizzle(sqlite), { migrationsFolder });
    const violations = sqlite.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) {
      throw new MigrationIntegrityError(
        `migrations left ${violations.length} foreign key violation(s): ${JSON.stringify(violations.slice(0, 5))}`,
      );
    }
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

/** True when every migration in the folder has been applied (used by /readyz). */
export function migrationsApplied(sqlite: SqliteDatabase, migrationsFolder = MIGRATIONS_FOLDER): boolean {
  const journal = readJournal(migrationsFolder);
  const row = sqlite
    .prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`)
    .get() as { n: number };
  if (row.n === 0) return journal.length === 0;
  const applied = sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
  return applied.n >= journal.length;
}

function readJournal(folder: string): unknown[] {
  const text = readFileSync(`${folder}/meta/_journal.json`, 'utf8');
  return (JSON.parse(text) as { entries: unknown[] }).entries;
}
