/**
 * Opens the SQLite database. Every connection gets the same pragmas: WAL journal, FULL
 * synchronous writes (a reopened WAL database would otherwise report NORMAL), foreign keys on,
 * and a busy timeout so a second connection waits instead of failing.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';

export type SqliteDatabase = Sqlite.Database;

export function openSqlite(file: string, options: { readonly?: boolean } = {}): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Sqlite(file, { readonly: options.readonly ?? false });
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}
