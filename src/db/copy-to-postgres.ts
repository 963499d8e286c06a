/**
 * Copies every table of a SQLite database into an empty PostgreSQL database (`cli migrate`; the
 * service src/services/migrate-to-postgres.ts drives it). The rows are the same values on both
 * (schema-pg/columns.ts): each is read through the SQLite schema and written through its
 * PostgreSQL twin, so drizzle maps instants, booleans and JSON both ways.
 *
 * Rules:
 * - Order: a table after every table it refers to (foreign keys of the schema). A table that
 *   refers to itself (requirements and threats nest) is written in two passes: its rows with
 *   that column empty, then the column (a parent may have a higher id than its child).
 * - Batches: read by SQLite's `rowid` (keyset, from the caller's read snapshot) and written as
 *   one multi-row INSERT each, so memory stays flat whatever the size.
 * - One transaction on one connection of the target, holding the write lock every instance
 *   takes (pg-store.ts): nothing is half-copied; a server started meanwhile waits.
 * - Triggers: the tables' own triggers are disabled for the copy (`ALTER TABLE … DISABLE
 *   TRIGGER USER`, transactional, re-enabled before COMMIT; foreign keys stay checked). The
 *   history triggers would otherwise write requirement versions a second time beside the copied
 *   ones; the change log (`coverage_changes`) starts empty, because it only tells running
 *   instances what changed since their cache was filled, and an instance that starts on the new
 *   database fills its cache from the tables.
 * - Identities: every identity sequence is moved past the copied ids (`setval`).
 */
import { getTableColumns, getTableName, is, sql, type SQL } from 'drizzle-orm';
import { getTableConfig as getSqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getTableConfig as getPgConfig, PgTable } from 'drizzle-orm/pg-core';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as sqliteTables from './schema/index.js';
import * as pgTables from './schema-pg/index.js';
import { runPostgresMigrations } from './migrate-postgres.js';
import { WRITE_LOCK } from './pg-store.js';
import { databaseUnavailable } from './unavailable.js';
import type { Db } from './store.js';

/** The change log: not copied (see the file comment). */
const NOT_COPIED = new Set(['coverage_changes']);
/** Parameters per INSERT stay well below PostgreSQL's 65,535. */
const PARAMETERS_PER_BATCH = 20_000;
const MAX_BATCH_ROWS = 1_000;

/** One table in both dialects, with what the copy needs to know of it. */
export interface CopiedTable {
  /** The SQL name (the same on both). */
  readonly name: string;
  readonly source: SQLiteTable;
  readonly target: PgTable;
  /** Columns (their JS keys and SQL names) that refer to this table's own `key` column. */
  readonly selfRefs: readonly { field: string; column: string; key: string; keyColumn: string }[];
  readonly batchRows: number;
}

/** Every table the copy writes, each after the tables it refers to. */
export const COPIED_TABLES: readonly CopiedTable[] = copyOrder();

function copyOrder(): CopiedTable[] {
  const pgByName = new Map<string, PgTable>();
  for (const table of Object.values(pgTables)) {
    if (is(table, PgTable)) pgByName.set(getTableName(table), table);
  }
  const tables = new Map<string, CopiedTable & { refersTo: string[] }>();
  for (const table of Object.values(sqliteTables)) {
    if (!is(table, SQLiteTable)) continue;
    const config = getSqliteConfig(table);
    if (NOT_COPIED.has(config.name)) continue;
    const target = pgByName.get(config.name);
    if (!target) throw new Error(`table ${config.name} has no PostgreSQL twin in src/db/schema-pg`);
    const fieldOf = new Map(Object.entries(getTableColumns(table)).map(([field, column]) => [column.name, field]));
    const selfRefs: CopiedTable['selfRefs'][number][] = [];
    const refersTo: string[] = [];
    for (const fk of config.foreignKeys) {
      const reference = fk.reference();
      const other = getTableName(reference.foreignTable);
      if (other !== config.name) {
        refersTo.push(other);
        continue;
      }
      if (reference.columns.length !== 1) throw new Error(`table ${config.name}: a composite self-reference cannot be copied`);
      const column = reference.columns[0]!;
      const keyColumn = reference.foreignColumns[0]!;
      if (column.notNull) throw new Error(`table ${config.name}: the self-reference ${column.name} is NOT NULL and cannot be copied in two passes`);
      selfRefs.push({ field: fieldOf.get(column.name)!, column: column.name, key: fieldOf.get(keyColumn.name)!, keyColumn: keyColumn.name });
    }
    const batchRows = Math.min(MAX_BATCH_ROWS, Math.floor(PARAMETERS_PER_BATCH / config.columns.length));
    tables.set(config.name, { name: config.name, source: table, target, selfRefs, batchRows, refersTo });
  }
  const ordered: CopiedTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`the foreign keys form a cycle through ${name}`);
    state.set(name, 'visiting');
    const table = tables.get(name)!;
    for (const other of table.refersTo) if (tables.has(other)) visit(other);
    state.set(name, 'done');
    const { refersTo: _refersTo, ...copied } = table;
    ordered.push(copied);
  };
  for (const name of [...tables.keys()].sort()) visit(name);
  return ordered;
}

/** SQLSTATE insufficient_privilege. */
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * The connecting role may not migrate the target or does not own its tables (another role
 * created them), so it cannot copy into them. The message is PostgreSQL's.
 */
export class CopyTargetNotOwnedError extends Error {}

/**
 * A refusal for lack of privileges (also wrapped, as drizzle wraps the driver's errors) as
 * CopyTargetNotOwnedError with PostgreSQL's message (no SQL); any other error as it is.
 */
function notOwned(error: unknown): unknown {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === INSUFFICIENT_PRIVILEGE) return new CopyTargetNotOwnedError((e as Error).message);
  }
  return error;
}

/** A PostgreSQL database being filled: one connection, one transaction (see the file comment). */
export class PostgresCopyTarget {
  /** The transaction's handle, typed like every repository's (read the copy back through it). */
  readonly db: Db;
  private readonly pgDb: NodePgDatabase<typeof pgTables>;
  private done = false;

  private constructor(private readonly client: pg.Client) {
    this.pgDb = drizzle({ client, schema: pgTables });
    this.db = this.pgDb as unknown as Db;
  }

  /**
   * Connects to `url`, applies the migrations (runPostgresMigrations), then begins the copy's
   * transaction under the write lock. An unreachable server is DatabaseUnavailableError; a role
   * without the privileges to migrate, CopyTargetNotOwnedError.
   */
  static async open(url: string): Promise<PostgresCopyTarget> {
    const client = new pg.Client({ connectionString: url, application_name: 'crosswalk migrate' });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await runPostgresMigrations(client);
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw databaseUnavailable(error) ?? notOwned(error);
    }
    const target = new PostgresCopyTarget(client);
    return target;
  }

  /** The first copied table that already holds a row, or null when the database holds no data. */
  async firstNonEmptyTable(): Promise<string | null> {
    for (const table of COPIED_TABLES) {
      const found = await this.client.query(`SELECT 1 FROM ${quote(table.name)} LIMIT 1`);
      if (found.rowCount) return table.name;
    }
    return null;
  }

  /**
   * Turns the copied tables' own triggers off until `finish` (foreign keys stay checked). Only the
   * tables' owner may: CopyTargetNotOwnedError otherwise.
   */
  async disableTriggers(): Promise<void> {
    try {
      for (const table of COPIED_TABLES) await this.client.query(`ALTER TABLE ${quote(table.name)} DISABLE TRIGGER USER`);
    } catch (error) {
      throw notOwned(error);
    }
  }

  /**
   * Copies `table` from the SQLite handle `source` (a read snapshot: every batch must see the same
   * commit) and returns how many rows it wrote. `onBatch` sees each batch after it is written.
   */
  async copy(source: Db, table: CopiedTable, onBatch?: (rows: Record<string, unknown>[]) => Promise<void>): Promise<number> {
    let copied = 0;
    const columns = getTableColumns(table.source);
    for (let after = Number.MIN_SAFE_INTEGER; ; ) {
      const page = (await source
        .select({ ...columns, [ROWID]: sql<number>`rowid` })
        .from(table.source)
        .where(sql`rowid > ${after}`)
        .orderBy(sql`rowid`)
        .limit(table.batchRows)) as Record<string, unknown>[];
      if (page.length === 0) break;
      after = page.at(-1)![ROWID] as number;
      const rows = page.map((row) => {
        const { [ROWID]: _rowid, ...values } = row;
        for (const ref of table.selfRefs) values[ref.field] = null;
        return values;
      });
      await this.pgDb.insert(table.target).values(rows as never);
      copied += rows.length;
      await onBatch?.(rows);
      if (page.length < table.batchRows) break;
    }
    for (const ref of table.selfRefs) await this.copySelfReference(source, table, ref);
    return copied;
  }

  /** The second pass of a self-referring table: the column set on every row that has a value. */
  private async copySelfReference(source: Db, table: CopiedTable, ref: CopiedTable['selfRefs'][number]): Promise<void> {
    const columns = getTableColumns(table.source);
    for (let after = Number.MIN_SAFE_INTEGER; ; ) {
      const page = (await source
        .select({ key: columns[ref.key]!, value: columns[ref.field]!, [ROWID]: sql<number>`rowid` })
        .from(table.source)
        .where(sql`rowid > ${after} AND ${columns[ref.field]!} IS NOT NULL`)
        .orderBy(sql`rowid`)
        .limit(MAX_BATCH_ROWS)) as { key: number; value: number; [ROWID]: number }[];
      if (page.length === 0) return;
      after = page.at(-1)![ROWID];
      const pairs = JSON.stringify(page.map((row) => [row.key, row.value]));
      await this.pgDb.execute(
        sql`UPDATE ${sql.identifier(table.name)} AS t SET ${sql.identifier(ref.column)} = (p.value ->> 1)::bigint
              FROM jsonb_array_elements(${pairs}::jsonb) AS p(value) WHERE t.${sql.identifier(ref.keyColumn)} = (p.value ->> 0)::bigint`,
      );
      if (page.length < MAX_BATCH_ROWS) return;
    }
  }

  /** Turns the triggers back on and moves every identity past the copied ids; returns the sequences set. */
  async finish(): Promise<number> {
    for (const table of COPIED_TABLES) await this.client.query(`ALTER TABLE ${quote(table.name)} ENABLE TRIGGER USER`);
    let sequences = 0;
    for (const table of COPIED_TABLES) {
      const config = getPgConfig(table.target);
      for (const column of config.columns) {
        if (!column.generatedIdentity) continue;
        await this.pgDb.execute(setval(config.name, column.name));
        sequences++;
      }
    }
    return sequences;
  }

  async commit(): Promise<void> {
    await this.client.query('COMMIT');
    this.done = true;
  }

  /** Rolls back what is not committed and closes the connection; idempotent. */
  async close(): Promise<void> {
    if (!this.done) await this.client.query('ROLLBACK').catch(() => undefined);
    this.done = true;
    await this.client.end().catch(() => undefined);
  }
}

/** The selected `rowid` of a page (a key no column of the schema uses). */
const ROWID = '__rowid';

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Moves the identity of `table.column` past its highest value (nothing to do on an empty table). */
function setval(table: string, column: string): SQL {
  return sql`SELECT setval(pg_get_serial_sequence(${quote(table)}, ${column}), max(${sql.identifier(column)})) FROM ${sql.identifier(table)} HAVING max(${sql.identifier(column)}) IS NOT NULL`;
}
