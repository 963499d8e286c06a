/**
 * Opens the SQLite database. Every connection gets the same pragmas: WAL journal, FULL
 * synchronous writes (a reopened WAL database would otherwise report NORMAL), foreign keys on,
 * and a busy timeout (5 s unless `busyTimeoutMs` says otherwise). SQLite's busy wait blocks the
 * thread: the store keeps it short or off on connections that serve requests (see busy.ts).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';

export type SqliteDatabase = Sqlite.Database;

export function openSqlite(file: string, options: { readonly?: boolean; busyTimeoutMs?: number } = {}): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Sqlite(file, { readonly: options.readonly ?? false });
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  return sqlite;
}
