import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/connection.js';
import { runMigrations, migrationsApplied } from '../../src/db/migrate.js';

/**
 * drizzle-kit rebuilds a table (create new, copy, drop old, rename) for many column changes.
 * With foreign keys on, the DROP cascades into child tables. These tests replay such a rebuild.
 */
const CREATE = [
  'CREATE TABLE parent (id integer PRIMARY KEY, name text NOT NULL)',
  'CREATE TABLE child (id integer PRIMARY KEY, parent_id integer NOT NULL REFERENCES parent(id) ON DELETE CASCADE)',
];
const REBUILD_PARENT = [
  'PRAGMA foreign_keys=OFF',
  'CREATE TABLE __new_parent (id integer PRIMARY KEY, name text NOT NULL, note text DEFAULT \'\' NOT NULL)',
  'INSERT INTO __new_parent(id, name) SELECT id, name FROM parent',
  'DROP TABLE parent',
  'ALTER TABLE __new_parent RENAME TO parent',
  'PRAGMA foreign_keys=ON',
];

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function writeMigrations(folder: string, migrations: string[][]) {
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const entries = migrations.map((statements, idx) => {
    const tag = `000${idx}_step`;
    writeFileSync(join(folder, `${tag}.sql`), statements.join(';\n--> statement-breakpoint\n') + ';\n');
    return { idx, version: '6', when: 1_700_000_000_000 + idx, tag, breakpoints: true };
  });
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'sqlite', entries }));
}

function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'crosswalk-migrate-'));
  dirs.push(dir);
  const migrations = join(dir, 'migrations');
  const sqlite = openSqlite(join(dir, 'test.db'));
  writeMigrations(migrations, [CREATE]);
  runMigrations(sqlite, migrations);
  sqlite.exec('INSERT INTO parent VALUES (1, \'p\'); INSERT INTO child VALUES (10, 1), (11, 1);');
  writeMigrations(migrations, [CREATE, REBUILD_PARENT]);
  return { sqlite, migrations };
}

describe('runMigrations', () => {
  it('keeps child rows when a migration rebuilds their parent table', () => {
    const { sqlite, migrations } = setUp();
    expect(migrationsApplied(sqlite, migrations)).toBe(false);
    runMigrations(sqlite, migrations);
    expect(sqlite.prepare('SELECT count(*) FROM child').pluck().get()).toBe(2);
    expect(sqlite.prepare('SELECT note FROM parent').pluck().get()).toBe('');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(migrationsApplied(sqlite, migrations)).toBe(true);
    sqlite.close();
  });

  it('(control) the plain migrator with foreign keys on loses the child rows', () => {
    const { sqlite, migrations } = setUp();
    migrate(drizzle(sqlite), { migrationsFolder: migrations });
    expect(sqlite.prepare('SELECT count(*) FROM child').pluck().get()).toBe(0);
    sqlite.close();
  });

  it('fails loudly when a migration leaves foreign key violations', () => {
    const { sqlite, migrations } = setUp();
    writeMigrations(migrations, [CREATE, REBUILD_PARENT, ['DELETE FROM parent']]);
    expect(() => runMigrations(sqlite, migrations)).toThrow(/foreign key violation/);
    sqlite.close();
  });
});

describe('the project migrations', () => {
  it('apply to an empty database with integrity and foreign keys clean', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosswalk-migrate-'));
    dirs.push(dir);
    const sqlite = openSqlite(join(dir, 'fresh.db'));
    runMigrations(sqlite);
    expect(migrationsApplied(sqlite)).toBe(true);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    sqlite.close();
  });
});
