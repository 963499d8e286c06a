import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { openSqlite } from '../../src/db/connection.js';
import { MIGRATIONS_FOLDER, runMigrations, migrationsApplied } from '../../src/db/migrate.js';
import { COVERAGE_CHANGE_TABLES } from '../../src/db/repositories/coverage-repository.js';

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

describe('migrating a populated database to rule 10 (history never lost)', () => {
  /** The migrations up to `last` (inclusive), as their own folder. */
  function migrationsUpTo(last: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'crosswalk-migrations-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'meta'));
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const end = journal.entries.findIndex((e) => e.tag === last);
    expect(end).toBeGreaterThanOrEqual(0);
    const entries = journal.entries.slice(0, end + 1);
    for (const e of entries) writeFileSync(join(dir, `${e.tag}.sql`), readFileSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`)));
    writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
    return dir;
  }

  const userTables = (db: Database) =>
    (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name`).pluck().all() as string[]);
  const columnsOf = (db: Database, table: string) =>
    db.prepare(`SELECT name, type, pk FROM pragma_table_info(?)`).all(table) as { name: string; type: string; pk: number }[];

  /**
   * Two rows in every table: row k's integer columns (its id and its references alike) are k,
   * so every reference names an existing row of its table, instants are distinct, flags false,
   * and text columns name the column and row (so a text reference, e.g. a sha256, matches too).
   */
  function populate(db: Database): void {
    db.pragma('foreign_keys = OFF');
    for (const table of userTables(db)) {
      // A rowid key is left to SQLite: 1 and 2 in an empty table (triggers fill coverage_changes).
      const columns = columnsOf(db, table).filter((c) => !(c.pk === 1 && /INT/i.test(c.type) && c.name === (table === 'coverage_changes' ? 'seq' : '')));
      const insert = db.prepare(`INSERT INTO ${table} (${columns.map((c) => `"${c.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of [1, 2]) {
        insert.run(
          ...columns.map((c) =>
            !/INT/i.test(c.type) ? `${c.name}.${row}` : c.name === 'withdrawn' || c.name === 'via_crosswalks' ? 0 : /_at$|_until$|_from$/.test(c.name) ? 1_700_000_000_000 + row : row,
          ),
        );
      }
    }
    db.pragma('foreign_keys = ON');
  }

  /** Every table's rows, as JSON, over the given columns, sorted. */
  function contents(db: Database, tables: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [table, columns] of tables) {
      const rows = db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table}`).raw().all() as unknown[][];
      out.set(table, rows.map((r) => JSON.stringify(r)).sort());
    }
    return out;
  }

  it('keeps every row and column of every table, adds the first requirement versions, and has its triggers and foreign keys in place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosswalk-migrate-'));
    dirs.push(dir);
    const sqlite = openSqlite(join(dir, 'old.db'));
    runMigrations(sqlite, migrationsUpTo('0009_coverage_changes_every_framework_column'));
    expect(userTables(sqlite)).not.toContain('requirement_versions');
    populate(sqlite);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    const before = new Map(userTables(sqlite).map((t) => [t, columnsOf(sqlite, t).map((c) => c.name)] as const));
    for (const table of before.keys()) expect(sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBeGreaterThan(0);
    const old = contents(sqlite, before);

    runMigrations(sqlite);
    expect(migrationsApplied(sqlite)).toBe(true);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    // Nothing lost: the same rows with the same values in every column that existed before.
    expect(contents(sqlite, before)).toEqual(old);
    // Nothing retired by the migration; every requirement has its first version from its creation.
    for (const table of ['frameworks', 'requirements', 'controls', 'ai_systems', 'threats', 'ai_system_frameworks', 'threat_requirements']) {
      expect(sqlite.prepare(`SELECT count(*) FROM ${table} WHERE retired_at IS NOT NULL`).pluck().get(), table).toBe(0);
    }
    expect(sqlite.prepare(`SELECT requirement_id, framework_id, parent_id, withdrawn, valid_from, valid_to FROM requirement_versions ORDER BY requirement_id`).raw().all()).toEqual(
      sqlite.prepare(`SELECT id, framework_id, parent_id, withdrawn, created_at, NULL FROM requirements ORDER BY id`).raw().all(),
    );
    // The change-log triggers of every table the engine reads, the audit trail's, and the versions'.
    const triggers = new Set(sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[]);
    for (const table of COVERAGE_CHANGE_TABLES) {
      for (const op of ['insert', 'update', 'delete']) expect(triggers.has(`coverage_changes_${table}_${op}`), `${table} ${op}`).toBe(true);
    }
    for (const name of ['audit_log_no_update', 'audit_log_no_delete', 'requirement_versions_on_insert', 'requirement_versions_on_change', 'requirement_versions_on_retire']) {
      expect(triggers.has(name), name).toBe(true);
    }
    // The rebuilt tables still log their changes.
    const seq = () => sqlite.prepare(`SELECT coalesce(max(seq), 0) FROM coverage_changes`).pluck().get() as number;
    for (const table of ['ai_system_frameworks', 'threat_requirements']) {
      const s = seq();
      sqlite.prepare(`UPDATE ${table} SET retired_at = 1 WHERE rowid = (SELECT min(rowid) FROM ${table})`).run();
      expect(seq(), table).toBeGreaterThan(s);
    }
    sqlite.close();
  });
});
