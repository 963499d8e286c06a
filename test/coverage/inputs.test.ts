/**
 * The engine's inputs are declared once (src/db/repositories/coverage/inputs.ts); these tests hold
 * the rest to that declaration:
 * - the migrated schema (read from sqlite_master) has the change-log triggers of every table the
 *   engine reads, and of every table its other reads depend on: insert, update and delete, naming
 *   the row by the key the cache patches by, and an update trigger that fires on every watched
 *   column (a missing trigger or column serves stale answers until something else changes);
 * - every column the declaration reads exists in the migrated tables;
 * - every column the engine reads that the schema stores as an instant is declared with the
 *   engine's instants (domain/coverage/time-columns.ts), and every declared one is read as such;
 *   so it splits the coverage cache's epochs (a column missing from the cache's list would serve
 *   stale "now" answers), and the earliest instant reads the `recorded` column of every table;
 * - the SQL the declaration writes for a new migration creates such triggers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/connection.js';
import { runMigrations } from '../../src/db/migrate.js';
import { CHANGE_TRIGGERS, SOURCES, changeTriggerSql, type ChangeTrigger } from '../../src/db/repositories/coverage/inputs.js';
import { INSTANT_COLUMNS, RECORDED_COLUMNS, TIME_COLUMNS, earliestInstant, type ColumnarCoverageGraph } from '../../src/domain/coverage/index.js';
import { epochKey, instantsAfter } from '../../src/services/coverage-cache.js';

let dir: string;
let sqlite: Database;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosswalk-inputs-'));
  sqlite = openSqlite(join(dir, 'crosswalk.db'));
  runMigrations(sqlite);
});
afterAll(() => {
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

interface TriggerRow {
  name: string;
  tbl_name: string;
  sql: string;
}

const triggersOf = (db: Database): Map<string, TriggerRow> =>
  new Map((db.prepare(`SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as TriggerRow[]).map((t) => [t.name, t]));

/** What is wrong with the triggers of `expected` in `triggers` (empty: nothing). */
function problemsOf(triggers: ReadonlyMap<string, TriggerRow>, expected: ChangeTrigger): string[] {
  const { table, key, watched } = expected;
  const problems: string[] = [];
  const logs = (sql: string, row: 'NEW' | 'OLD') => new RegExp(`SELECT\\s+'${table}',\\s*${row}\\.${key}\\b`).test(sql);
  for (const op of ['insert', 'update', 'delete'] as const) {
    const trigger = triggers.get(`coverage_changes_${table}_${op}`);
    if (!trigger) {
      problems.push(`${table}: no ${op} trigger`);
      continue;
    }
    if (trigger.tbl_name !== table) problems.push(`${table}: the ${op} trigger is on ${trigger.tbl_name}`);
    const sql = trigger.sql.replace(/\s+/g, ' ');
    if (op !== 'update' && !logs(sql, op === 'insert' ? 'NEW' : 'OLD')) problems.push(`${table}: the ${op} trigger does not log the row by ${key}`);
    if (op !== 'update') continue;
    if (!logs(sql, 'OLD') || !logs(sql, 'NEW')) problems.push(`${table}: the update trigger does not log the old and new ${key}`);
    // AFTER UPDATE [OF a, b, …] ON table [WHEN NEW.a IS NOT OLD.a OR …] BEGIN
    const of = /AFTER UPDATE OF (.+?) ON /i.exec(sql)?.[1]?.split(',').map((c) => c.trim());
    const when = /\bWHEN (.+?) BEGIN\b/i.exec(sql)?.[1];
    const compared = when ? new Set([...when.matchAll(/NEW\.(\w+) IS NOT OLD\.(\w+)/gi)].filter((m) => m[1] === m[2]).map((m) => m[1]!)) : null;
    for (const column of watched) {
      if (of && !of.includes(column)) problems.push(`${table}: an update of ${column} fires no trigger`);
      if (compared && !compared.has(column)) problems.push(`${table}: an update of ${column} is not compared in the trigger's WHEN`);
    }
  }
  return problems;
}

describe('the declaration of the engine’s inputs', () => {
  it('every table the engine reads, and every table its other reads depend on, has complete change-log triggers in the migrated schema', () => {
    const triggers = triggersOf(sqlite);
    expect(CHANGE_TRIGGERS.map((t) => t.table)).toEqual(expect.arrayContaining(SOURCES.map((s) => s.table)));
    expect(CHANGE_TRIGGERS.flatMap((t) => problemsOf(triggers, t))).toEqual([]);
  });

  it('the check fails for a table without triggers, a trigger on another key, or an update trigger missing a column', () => {
    const triggers = triggersOf(sqlite);
    const evidence = CHANGE_TRIGGERS.find((t) => t.table === 'evidence')!;
    const without = new Map([...triggers].filter(([name]) => name !== 'coverage_changes_evidence_delete'));
    expect(problemsOf(without, evidence)).toEqual(['evidence: no delete trigger']);
    expect(problemsOf(triggers, { ...evidence, watched: [...evidence.watched, 'title'] })).toEqual([
      'evidence: an update of title fires no trigger',
      "evidence: an update of title is not compared in the trigger's WHEN",
    ]);
    expect(problemsOf(triggers, { ...evidence, key: 'ai_system_id' })).toHaveLength(3);
  });

  it('reads only columns the migrated tables have', () => {
    for (const source of SOURCES) {
      const columns = new Set((sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(source.table) as { name: string }[]).map((c) => c.name));
      for (const c of [...source.columns.map((x) => x.column.name), source.key]) expect(columns, `${source.table}.${c}`).toContain(c);
    }
  });

  it('every column the engine reads that the schema stores as an instant splits the coverage cache’s epochs', () => {
    const instants = SOURCES.flatMap((s) =>
      s.field === 'aiSystemIds' ? [] : s.columns.filter((c) => c.column.columnType === 'SQLiteTimestamp').map((c) => [s.field, c.name] as const),
    );
    expect(instants.length).toBeGreaterThanOrEqual(20);
    for (const [field, name] of [...instants, ['baselineExclusions', 'createdAt'] as const, ['baselineExclusions', 'retiredAt'] as const]) {
      // A graph whose only instant after the load (at 0) is 5, in this column.
      const graph = { [field]: { [name]: Float64Array.of(NaN, 5, -3) } } as unknown as ColumnarCoverageGraph;
      const future = instantsAfter(graph, 0);
      expect(epochKey(future, 0, 4), `${field}.${name}`).not.toBe(epochKey(future, 0, 5));
      expect(INSTANT_COLUMNS, `${field}.${name}`).toContainEqual([field, name]);
    }
  });

  it('every instant column declared with the engine is a column read that the schema stores as an instant', () => {
    const read = new Set(
      SOURCES.flatMap((s) => s.columns.filter((c) => c.column.columnType === 'SQLiteTimestamp').map((c) => `${s.field}.${c.name}`)),
    );
    // The baseline exclusions are read apart (BaselineRepository), as marks with a lifespan.
    const declared = INSTANT_COLUMNS.filter(([field]) => field !== 'baselineExclusions').map(([field, name]) => `${field}.${name}`);
    expect(new Set(declared)).toEqual(read);
    expect(INSTANT_COLUMNS.filter(([field]) => field === 'baselineExclusions')).toEqual([['baselineExclusions', 'createdAt'], ['baselineExclusions', 'retiredAt']]);
  });

  it('the earliest instant is the smallest recorded instant of any table, and no other instant', () => {
    // Every table the engine reads history of has its `recorded` column.
    const timed = new Set(INSTANT_COLUMNS.map(([field]) => field));
    expect(new Set(RECORDED_COLUMNS.map(([field]) => field))).toEqual(timed);
    for (const [field, name] of INSTANT_COLUMNS) {
      const graph = { [field]: { [name]: Float64Array.of(NaN, 7, 5) } } as unknown as ColumnarCoverageGraph;
      const recorded = (TIME_COLUMNS as Record<string, { recorded: string }>)[field]!.recorded === name;
      expect(earliestInstant(graph), `${field}.${name}`).toBe(recorded ? 5 : Infinity);
    }
  });

  it('the SQL written for a new migration creates triggers that pass the check and log what the engine reads', () => {
    const db = openSqlite(join(dir, 'regenerated.db'));
    try {
      runMigrations(db);
      for (const name of triggersOf(db).keys()) if (/^coverage_changes_.+_(insert|update|delete)$/.test(name)) db.exec(`DROP TRIGGER ${name}`);
      for (const trigger of CHANGE_TRIGGERS) for (const statement of changeTriggerSql(trigger).split('--> statement-breakpoint')) db.exec(statement);
      const triggers = triggersOf(db);
      expect(CHANGE_TRIGGERS.flatMap((t) => problemsOf(triggers, t))).toEqual([]);
      const seq = () => db.prepare(`SELECT coalesce(max(seq), 0) FROM coverage_changes`).pluck().get() as number;
      db.prepare(`INSERT INTO ai_systems (name, risk_level, role, created_at, updated_at) VALUES ('a', ?, ?, 1, 1)`).run('MINIMAL', 'DEPLOYER');
      const afterInsert = seq();
      expect(afterInsert).toBeGreaterThan(0);
      db.prepare(`UPDATE ai_systems SET description = 'not read by the engine'`).run();
      expect(seq()).toBe(afterInsert);
    } finally {
      db.close();
    }
  });
});
