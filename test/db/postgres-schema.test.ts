/**
 * The PostgreSQL schema is the SQLite schema's twin, read from both migrated catalogs (a real
 * PostgreSQL: a database on the run's shared server, test/support/postgres.ts; SQLite migrated as the service does):
 * - the same tables and columns, the columns' types mapped as src/db/schema-pg/columns.ts says,
 *   the same nullability, defaults and primary keys;
 * - the same indexes (name, uniqueness, columns, partial condition) and foreign keys (columns,
 *   parent, ON DELETE); every hand-written SQLite trigger has its PostgreSQL twin;
 * - the coverage change-log triggers are the declaration's (inputs.ts, CHANGE_TRIGGERS): one per
 *   table and operation, the update trigger watching exactly the declared columns, and they fire:
 *   inserts, updates of a watched column and deletes of every input table are logged by the
 *   declared key, an update of a column the engine does not read is not;
 * - the requirement history and the append-only audit trail behave as on SQLite.
 * Tables only PostgreSQL has (PG_ONLY: the evidence files' bytes, which SQLite deployments keep
 * on disk) are left out of the comparison.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { getTableColumns, getTableName, isTable } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/connection.js';
import { runMigrations } from '../../src/db/migrate.js';
import { runPostgresMigrations } from '../../src/db/migrate-postgres.js';
import { CHANGE_TRIGGERS } from '../../src/db/repositories/coverage/inputs.js';
import * as sqliteSchema from '../../src/db/schema/index.js';
import { blobFileChunks, blobFiles } from '../../src/db/schema-pg/index.js';
import { createPostgresDatabase, type TestDatabase } from '../support/postgres.js';

let database: TestDatabase;
let client: pg.Client;
let dir: string;
let sqlite: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crosswalk-pg-schema-'));
  sqlite = openSqlite(join(dir, 'crosswalk.db'));
  runMigrations(sqlite);
  database = await createPostgresDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await database?.drop();
  sqlite?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const rows = async <T>(text: string, params: unknown[] = []): Promise<T[]> => (await client.query(text, params)).rows as T[];
const sqliteRows = <T>(text: string, ...params: unknown[]): T[] => sqlite.prepare(text).all(...params) as T[];
/** Tables of src/db/schema-pg without a SQLite twin: the bytes of evidence files (src/storage/pg-blob-store.ts). */
const PG_ONLY = new Set<string>([getTableName(blobFiles), getTableName(blobFileChunks)]);
const shared = <T extends { table: string }>(list: T[]): T[] => list.filter((item) => !PG_ONLY.has(item.table));

/** `a` and `b` sorted, for comparing sets with a readable difference. */
const sorted = (values: Iterable<string>): string[] => [...values].sort();

const sqliteTables = (): string[] =>
  sqliteRows<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'`).map((r) => r.name);

/** The drizzle SQLite table of each table name (the type each column maps to comes from its mode). */
const drizzleTables = new Map<string, SQLiteTable>(
  (Object.values(sqliteSchema).filter((v) => isTable(v)) as SQLiteTable[]).map((t) => [getTableName(t), t]),
);

/** The PostgreSQL type the mapping (src/db/schema-pg/columns.ts) gives a SQLite column. */
function mappedType(column: SQLiteColumn): string {
  if (column.dataType === 'boolean') return 'boolean';
  if (column.dataType === 'json') return 'jsonb';
  if (column.dataType === 'string') return 'text';
  return 'bigint'; // numbers and instants (milliseconds)
}

/** A default as written in either catalog, without PostgreSQL's casts. */
const normalDefault = (value: string | null): string | null => (value === null ? null : value.replace(/::[a-z ]+$/, ''));
/** A partial index's condition, without parentheses, quotes, case or spacing. */
const normalCondition = (value: string | null | undefined): string => (value ?? '').replace(/[()"`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

describe('the PostgreSQL schema is the SQLite schema’s twin', () => {
  it('has the same tables', async () => {
    const pgTables = await rows<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    expect(sorted(pgTables.map((t) => t.name).filter((name) => !PG_ONLY.has(name)))).toEqual(sorted(sqliteTables()));
    expect(pgTables.filter((t) => PG_ONLY.has(t.name))).toHaveLength(PG_ONLY.size);
    expect(sorted(drizzleTables.keys())).toEqual(sorted(sqliteTables()));
  });

  it('has the same columns, with the mapped types, nullability, defaults and primary keys', async () => {
    type PgColumn = { table: string; name: string; type: string; nullable: string; dflt: string | null; identity: string };
    const pgColumns = await rows<PgColumn>(
      `SELECT table_name AS table, column_name AS name, data_type AS type, is_nullable AS nullable, column_default AS dflt, is_identity AS identity
         FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const pgKeys = await rows<{ table: string; columns: string[] }>(
      `SELECT c.conrelid::regclass::text AS table, array_agg(a.attname::text ORDER BY a.attnum) AS columns
         FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.contype = 'p' AND c.connamespace = 'public'::regnamespace GROUP BY 1`,
    );
    const describePg = (c: PgColumn) => `${c.table}.${c.name} ${c.type} ${c.nullable === 'NO' ? 'NOT NULL' : 'NULL'} default ${normalDefault(c.dflt)}${c.identity === 'YES' ? ' identity' : ''}`;
    const expected: string[] = [];
    const expectedKeys: string[] = [];
    for (const table of sqliteTables()) {
      type Info = { name: string; notnull: number; dflt_value: string | null; pk: number };
      const info = sqliteRows<Info>(`SELECT name, "notnull", dflt_value, pk FROM pragma_table_info(?)`, table);
      const columns = getTableColumns(drizzleTables.get(table)!) as Record<string, SQLiteColumn>;
      const byName = new Map(Object.values(columns).map((c) => [c.name, c]));
      const autoincrement = /\bAUTOINCREMENT\b/i.test(sqliteRows<{ sql: string }>(`SELECT sql FROM sqlite_master WHERE name = ?`, table)[0]!.sql);
      for (const c of info) {
        const column = byName.get(c.name);
        expect(column, `${table}.${c.name} is in src/db/schema`).toBeDefined();
        const identity = autoincrement && c.pk === 1;
        // SQLite's `integer PRIMARY KEY` may hold NULL by the catalog (it never does); PostgreSQL's key columns are NOT NULL.
        const notNull = c.notnull === 1 || c.pk > 0;
        expected.push(`${table}.${c.name} ${mappedType(column!)} ${notNull ? 'NOT NULL' : 'NULL'} default ${normalDefault(c.dflt_value)}${identity ? ' identity' : ''}`);
      }
      const key = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      if (key.length > 0) expectedKeys.push(`${table}(${key.join(', ')})`);
    }
    // SQLite writes boolean defaults as 0/1 or false/true; PostgreSQL as false/true.
    const booleans = (s: string) => s.replace(/ default 0$/, ' default false').replace(/ default 1$/, ' default true');
    expect(sorted(shared(pgColumns).map(describePg).map(booleans))).toEqual(sorted(expected.map(booleans)));
    // Primary key columns in the key's order (PostgreSQL lists them in column order: compare as sets).
    const asSet = (k: string) => k.replace(/\((.*)\)/, (_, cols: string) => `(${cols.split(', ').sort().join(', ')})`);
    expect(sorted(shared(pgKeys).map((k) => asSet(`${k.table}(${k.columns.join(', ')})`)))).toEqual(sorted(expectedKeys.map(asSet)));
  });

  it('has the same indexes: name, uniqueness, columns in order and partial condition', async () => {
    const expected: string[] = [];
    for (const table of sqliteTables()) {
      const list = sqliteRows<{ name: string; unique: number; origin: string; partial: number }>(`SELECT name, "unique", origin, partial FROM pragma_index_list(?)`, table);
      for (const index of list.filter((i) => i.origin !== 'pk')) {
        const columns = sqliteRows<{ name: string }>(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`, index.name).map((c) => c.name);
        const sql = sqliteRows<{ sql: string | null }>(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`, index.name)[0]?.sql;
        const where = index.partial ? /\bWHERE\b(.*)$/is.exec(sql ?? '')?.[1] : '';
        expected.push(`${table}.${index.name} ${index.unique ? 'UNIQUE ' : ''}(${columns.join(', ')}) where ${normalCondition(where)}`);
      }
    }
    const pgIndexes = await rows<{ table: string; name: string; unique: boolean; columns: string[]; condition: string | null }>(
      `SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique,
              array(SELECT a.attname::text FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n) AS columns,
              pg_get_expr(x.indpred, x.indrelid) AS condition
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relnamespace = 'public'::regnamespace AND NOT x.indisprimary`,
    );
    const actual = shared(pgIndexes).map((i) => `${i.table}.${i.name} ${i.unique ? 'UNIQUE ' : ''}(${i.columns.join(', ')}) where ${normalCondition(i.condition)}`);
    expect(expected.length).toBeGreaterThan(40);
    expect(sorted(actual)).toEqual(sorted(expected));
  });

  it('has the same foreign keys: columns, parent and ON DELETE', async () => {
    const expected: string[] = [];
    for (const table of sqliteTables()) {
      const keys = sqliteRows<{ table: string; from: string; to: string; on_delete: string }>(`SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list(?)`, table);
      for (const k of keys) expected.push(`${table}.${k.from} -> ${k.table}.${k.to} ON DELETE ${k.on_delete}`);
    }
    const pgKeys = await rows<{ key: string }>(
      `SELECT c.conrelid::regclass::text || '.' || a.attname || ' -> ' || c.confrelid::regclass::text || '.' || p.attname || ' ON DELETE ' ||
              CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'r' THEN 'RESTRICT' WHEN 'a' THEN 'NO ACTION' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END AS key
         FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         JOIN pg_attribute p ON p.attrelid = c.confrelid AND p.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND cardinality(c.conkey) = 1`,
    );
    const composite = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM pg_constraint WHERE contype = 'f' AND cardinality(conkey) > 1`);
    expect(composite[0]!.n).toBe(0);
    expect(expected.length).toBeGreaterThan(30);
    expect(sorted(pgKeys.map((k) => k.key).filter((key) => !PG_ONLY.has(key.split('.')[0]!)))).toEqual(sorted(expected));
  });

  it('has a twin of every SQLite trigger', async () => {
    // SQLite fires its two update triggers of requirements newest first; one PostgreSQL function runs both steps in that order.
    const renamed: Record<string, string> = { requirement_versions_on_change: 'requirement_versions_on_update', requirement_versions_on_retire: 'requirement_versions_on_update' };
    const sqliteTriggers = sqliteRows<{ name: string; table: string }>(`SELECT name, tbl_name AS "table" FROM sqlite_master WHERE type = 'trigger'`);
    const pgTriggers = await rows<{ name: string; table: string }>(
      `SELECT t.tgname AS name, c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace`,
    );
    const twins = new Set(pgTriggers.map((t) => `${t.table}.${t.name}`));
    expect(sqliteTriggers.length).toBeGreaterThan(50);
    expect(sqliteTriggers.map((t) => `${t.table}.${renamed[t.name] ?? t.name}`).filter((t) => !twins.has(t))).toEqual([]);
  });
});

describe('the coverage change log on PostgreSQL (from the declaration in inputs.ts)', () => {
  it('each declared table has its insert, update and delete trigger, the update watching exactly the declared columns', async () => {
    const defs = new Map(
      (
        await rows<{ name: string; table: string; def: string; body: string }>(
          `SELECT t.tgname AS name, c.relname AS table, pg_get_triggerdef(t.oid) AS def, p.prosrc AS body
             FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE NOT t.tgisinternal AND t.tgname LIKE 'coverage\\_changes\\_%'`,
        )
      ).map((t) => [t.name, t]),
    );
    const problems: string[] = [];
    for (const { table, key, watched } of CHANGE_TRIGGERS) {
      for (const op of ['insert', 'update', 'delete'] as const) {
        const trigger = defs.get(`coverage_changes_${table}_${op}`);
        if (!trigger) {
          problems.push(`${table}: no ${op} trigger`);
          continue;
        }
        if (trigger.table !== table) problems.push(`${table}: the ${op} trigger is on ${trigger.table}`);
        if (!new RegExp(`^CREATE TRIGGER \\S+ AFTER ${op.toUpperCase()} (OF .+ )?ON public\\.${table} FOR EACH ROW`).test(trigger.def)) problems.push(`${table}: the ${op} trigger is ${trigger.def}`);
        for (const row of ['OLD', 'NEW'])
          if (!new RegExp(`VALUES \\('${table}', ${row}\\."?${key}"?\\)`).test(trigger.body)) problems.push(`${table}: the ${op} trigger does not log the ${row} row by ${key}`);
        if (op !== 'update') continue;
        const of = /AFTER UPDATE OF (.+?) ON /.exec(trigger.def)?.[1]?.split(', ') ?? [];
        const compared = [...trigger.def.matchAll(/new\.(\w+) IS DISTINCT FROM old\.(\w+)/gi)].filter((m) => m[1] === m[2]).map((m) => m[1]!);
        if (sorted(of).join() !== sorted(watched).join()) problems.push(`${table}: the update trigger watches ${of.join(', ')}, the declaration ${watched.join(', ')}`);
        if (sorted(compared).join() !== sorted(watched).join()) problems.push(`${table}: the update trigger compares ${compared.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
    const declared = new Set(CHANGE_TRIGGERS.flatMap((t) => ['insert', 'update', 'delete'].map((op) => `coverage_changes_${t.table}_${op}`)));
    expect([...defs.keys()].filter((name) => name !== 'coverage_changes_prune' && !declared.has(name))).toEqual([]);
  });

  /** Rows in every table the change log watches, twice over (so every foreign key has a second parent to point to). */
  async function insertWorld(k: number): Promise<void> {
    const t = 1_700_000_000_000 + k;
    const id = async (text: string, params: unknown[]): Promise<number> => Number((await client.query<{ id: string }>(`${text} RETURNING id`, params)).rows[0]!.id);
    const fw = await id(`INSERT INTO frameworks (ref_id, name, kind, created_at, updated_at) VALUES ($1, 'F', 'STANDARD', $2, $2)`, [`F${k}`, t]);
    const tc = await id(`INSERT INTO frameworks (ref_id, name, kind, created_at, updated_at) VALUES ($1, 'T', 'THREAT_CATALOG', $2, $2)`, [`TC${k}`, t]);
    const req = await id(`INSERT INTO requirements (framework_id, ref_id, created_at, updated_at) VALUES ($1, 'R', $2, $2)`, [fw, t]);
    const ctl = await id(`INSERT INTO controls (ref_id, title, type, implementation_status, created_at, updated_at) VALUES ($1, 'C', 'PREVENTIVE', 'PLANNED', $2, $2)`, [`C${k}`, t]);
    const sys = await id(`INSERT INTO ai_systems (name, risk_level, role, created_at, updated_at) VALUES ($1, 'HIGH', 'PROVIDER', $2, $2)`, [`S${k}`, t]);
    await id(`INSERT INTO control_status_changes (control_id, to_status, changed_at, changed_by) VALUES ($1, 'PLANNED', $2, 'test')`, [ctl, t]);
    const map = await id(`INSERT INTO mappings (requirement_id, control_id, relationship, created_at, created_by, updated_at) VALUES ($1, $2, 'EQUAL', $3, 'test', $3)`, [req, ctl, t]);
    await id(`INSERT INTO mapping_revisions (mapping_id, relationship, valid_from, changed_by) VALUES ($1, 'EQUAL', $2, 'test')`, [map, t]);
    await id(`INSERT INTO requirement_links (source_requirement_id, target_requirement_id, relationship, created_at, created_by, updated_at) VALUES ($1, $1, 'EQUAL', $2, 'test', $2)`, [req, t]);
    const ev = await id(`INSERT INTO evidence (kind, title, collected_at, status, ai_system_id, created_by, created_at, updated_at) VALUES ('LINK', 'E', $1, 'ACCEPTED', $2, 'test', $1, $1)`, [t, sys]);
    await client.query(`INSERT INTO evidence_controls (evidence_id, control_id) VALUES ($1, $2)`, [ev, ctl]);
    await id(`INSERT INTO evidence_reviews (evidence_id, status, reviewed_at, reviewed_by) VALUES ($1, 'ACCEPTED', $2, 'test')`, [ev, t]);
    await id(`INSERT INTO not_applicable_marks (requirement_id, ai_system_id, justification, created_at, created_by) VALUES ($1, $2, 'j', $3, 'test')`, [req, sys, t]);
    await id(`INSERT INTO ai_system_frameworks (ai_system_id, framework_id, created_at, created_by) VALUES ($1, $2, $3, 'test')`, [sys, fw, t]);
    const th = await id(`INSERT INTO threats (framework_id, ref_id, name, created_at, updated_at) VALUES ($1, 'T', 'T', $2, $2)`, [tc, t]);
    await id(`INSERT INTO threat_requirements (threat_id, requirement_id, created_at, created_by) VALUES ($1, $2, $3, 'test')`, [th, req, t]);
    const bl = await id(`INSERT INTO baselines (ref_id, framework_id, name, created_at, updated_at) VALUES ($1, $2, 'B', $3, $3)`, [`B${k}`, fw, t]);
    await id(`INSERT INTO baseline_requirements (baseline_id, requirement_id, added_at, added_by) VALUES ($1, $2, $3, 'test')`, [bl, req, t]);
    await id(`INSERT INTO baseline_applications (baseline_id, ai_system_id, created_at, created_by) VALUES ($1, $2, $3, 'test')`, [bl, sys, t]);
  }

  const lastSeq = async (): Promise<number> => Number((await rows<{ seq: string }>(`SELECT coalesce(max(seq), 0) AS seq FROM coverage_changes`))[0]!.seq);
  /** The log entries written after `seq`, as `table:key`. */
  const loggedAfter = async (seq: number): Promise<string[]> =>
    (await rows<{ e: string }>(`SELECT table_name || ':' || row_key AS e FROM coverage_changes WHERE seq > $1 ORDER BY seq`, [seq])).map((r) => r.e);
  const keysOf = async (table: string, key: string): Promise<string[]> => (await rows<{ k: string }>(`SELECT DISTINCT "${key}"::text AS k FROM "${table}"`)).map((r) => `${table}:${r.k}`);

  /** A new value for `column` of the row `ctid` (another parent for a foreign key), as SQL. */
  async function changed(table: string, column: string): Promise<string> {
    const parent = await rows<{ parent: string; to: string }>(
      `SELECT c.confrelid::regclass::text AS parent, p.attname AS to FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         JOIN pg_attribute p ON p.attrelid = c.confrelid AND p.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND c.conrelid = $1::regclass AND a.attname = $2`,
      [table, column],
    );
    if (parent[0]) return `(SELECT "${parent[0].to}" FROM "${parent[0].parent}" WHERE "${parent[0].to}" IS DISTINCT FROM "${table}"."${column}" LIMIT 1)`;
    const type = (await rows<{ type: string }>(`SELECT data_type AS type FROM information_schema.columns WHERE table_name = $1 AND column_name = $2`, [table, column]))[0]!.type;
    if (type === 'boolean') return `NOT "${column}"`;
    if (type === 'text') return `coalesce("${column}", '') || '-changed'`;
    return `coalesce("${column}", 0) + 1000`;
  }

  it('logs the inserts, updates of a watched column and deletes of every table by its key, and no update of another column', async () => {
    const existing = new Set((await Promise.all(CHANGE_TRIGGERS.map((t) => keysOf(t.table, t.key)))).flat());
    const before = await lastSeq();
    await insertWorld(1);
    await insertWorld(2);
    const inserted = new Set(await loggedAfter(before));
    for (const { table, key } of CHANGE_TRIGGERS) {
      const keys = (await keysOf(table, key)).filter((k) => !existing.has(k));
      expect(keys.length, `${table} has new rows`).toBeGreaterThan(0);
      expect(keys.filter((k) => !inserted.has(k)), `inserts into ${table} logged`).toEqual([]);
    }

    // An AI system nothing refers to: its id may change.
    await client.query(`INSERT INTO ai_systems (name, risk_level, role, created_at, updated_at) VALUES ('S3', 'HIGH', 'PROVIDER', 3, 3)`);
    for (const { table, key, watched } of CHANGE_TRIGGERS) {
      // A watched column other than the key; a table watching only its key has the key changed
      // (both keys logged), on its newest row, which nothing refers to.
      const column = watched.find((c) => c !== key && c !== 'id') ?? key;
      const row = `ctid = (SELECT ctid FROM "${table}" ORDER BY ctid ${column === key ? 'DESC' : ''} LIMIT 1)`;
      const oldKey = (await rows<{ k: string }>(`SELECT "${key}"::text AS k FROM "${table}" WHERE ${row}`))[0]!.k;
      const seq = await lastSeq();
      const newKey = (await rows<{ k: string }>(`UPDATE "${table}" SET "${column}" = ${await changed(table, column)} WHERE ${row} RETURNING "${key}"::text AS k`))[0]!.k;
      const expected = newKey === oldKey ? [`${table}:${oldKey}`] : [`${table}:${oldKey}`, `${table}:${newKey}`];
      expect((await loggedAfter(seq)).filter((e) => e.startsWith(`${table}:`)), `update of ${table}.${column}`).toEqual(expected);

      const columns = (await rows<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = $1`, [table])).map((c) => c.name);
      const unwatched = columns.find((c) => !watched.includes(c) && /_by$|^title$|^description$|^justification$|^comment$/.test(c));
      if (!unwatched) continue;
      const quiet = await lastSeq();
      await client.query(`UPDATE "${table}" SET "${unwatched}" = ${await changed(table, unwatched)}`);
      expect(await loggedAfter(quiet), `update of ${table}.${unwatched}`).toEqual([]);
    }

    // Children first, so no foreign key stops a delete.
    const order = [
      'evidence_controls', 'evidence_reviews', 'evidence', 'mapping_revisions', 'mappings', 'requirement_links', 'not_applicable_marks',
      'ai_system_frameworks', 'threat_requirements', 'threats', 'baseline_requirements', 'baseline_applications', 'baselines',
      'control_status_changes', 'requirement_versions', 'requirements', 'ai_systems', 'frameworks',
    ];
    expect(sorted(order)).toEqual(sorted(CHANGE_TRIGGERS.map((t) => t.table)));
    for (const table of order) {
      const { key } = CHANGE_TRIGGERS.find((t) => t.table === table)!;
      const keys = await keysOf(table, key);
      const seq = await lastSeq();
      await client.query(`DELETE FROM "${table}"`);
      const logged = new Set(await loggedAfter(seq));
      expect(keys.filter((k) => !logged.has(k)), `deletes from ${table} logged`).toEqual([]);
    }
  });

  it('migrating again changes nothing, and puts back a change-log trigger that went missing', async () => {
    await client.query(`DROP TRIGGER coverage_changes_evidence_update ON evidence`);
    await runPostgresMigrations(client);
    await runPostgresMigrations(client);
    const count = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM pg_trigger WHERE tgname LIKE 'coverage\\_changes\\_%\\_update'`);
    expect(count[0]!.n).toBe(CHANGE_TRIGGERS.length);
  });
});

describe('the other triggers behave as on SQLite', () => {
  it('the audit trail is append-only', async () => {
    await client.query(
      `INSERT INTO audit_log (at, actor_id, actor_name, actor_role, action, target_ids, outcome, prev_hash, hash) VALUES (1, 'a', 'a', 'ADMIN', 'test', '[]', 'SUCCESS', '', 'h')`,
    );
    await expect(client.query(`UPDATE audit_log SET hash = 'x'`)).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(client.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('a requirement’s structure history is written as on SQLite: opened, closed and reopened by a dated change, corrected by an undated one, closed by retirement', async () => {
    const run = async (db: { exec: (sql: string) => Promise<unknown> }, read: () => Promise<unknown[]>) => {
      await db.exec(`INSERT INTO frameworks (id, ref_id, name, kind, created_at, updated_at) VALUES (900, 'H', 'H', 'STANDARD', 10, 10)`);
      await db.exec(`INSERT INTO requirements (id, framework_id, ref_id, created_at, updated_at) VALUES (901, 900, 'R1', 10, 10)`);
      await db.exec(`INSERT INTO requirements (id, framework_id, ref_id, created_at, updated_at) VALUES (902, 900, 'R2', 10, 10)`);
      await db.exec(`UPDATE requirements SET parent_id = 901, updated_at = 10 WHERE id = 902`); // undated: corrects
      await db.exec(`UPDATE requirements SET withdrawn = true, updated_at = 20 WHERE id = 902`); // dated: closes, opens
      await db.exec(`UPDATE requirements SET retired_at = 30, withdrawn = false, updated_at = 30 WHERE id = 902`); // retires (and changes)
      return read();
    };
    const query = `SELECT requirement_id, framework_id, parent_id, withdrawn, valid_from, valid_to FROM requirement_versions WHERE requirement_id IN (901, 902) ORDER BY id`;
    const onPg = await run(
      { exec: (sql) => client.query(sql) },
      async () => (await rows<Record<string, unknown>>(query)).map((r) => Object.values(r).map((v) => (typeof v === 'boolean' ? Number(v) : v === null ? null : Number(v)))),
    );
    const onSqlite = await run(
      { exec: async (sql) => sqlite.exec(sql.replace(/\btrue\b/g, '1').replace(/\bfalse\b/g, '0')) },
      async () => sqliteRows<Record<string, unknown>>(query).map((r) => Object.values(r)),
    );
    expect(onPg).toEqual(onSqlite);
    expect(onPg.length).toBe(3);
  });
});
