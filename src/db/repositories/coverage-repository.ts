/**
 * All SQL of the coverage engine: the bulk snapshot of the compliance graph the engine evaluates,
 * the database's data version (which tells when that snapshot is stale), and recorded coverage
 * snapshots.
 */
import { Worker } from 'node:worker_threads';
import { and, asc, eq, gte, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import { controls, coverageSnapshots, frameworks } from '../schema/index.js';
import type { FrameworkRow } from '../rows.js';
import { markColumns, type ColumnarCoverageGraph, type NotApplicableMarkInput } from '../../domain/coverage/index.js';
import type { Page, PageRequest, SortKey } from '../../domain/paging.js';
import { afterKey, batches, inList, preparedPerConnection, variablesPerRow } from './sql-helpers.js';
import { BaselineRepository } from './baseline-repository.js';
import { EVIDENCE_STATUSES, IMPLEMENTATION_STATUSES, RELATIONSHIPS } from '../../domain/vocabulary.js';
import { REVISION_SQL, SCHEMA_VERSION_SQL, tableColumns } from './json-number-column.cjs';

export type CoverageSnapshotRow = typeof coverageSnapshots.$inferSelect;
export type CoverageSnapshotInsert = typeof coverageSnapshots.$inferInsert;

/** History order: (at, id). */
export const coverageSnapshotSortKey = (row: CoverageSnapshotRow): SortKey => [row.at.getTime(), row.id];

/**
 * The rows of every table the engine reads, as of one commit, as columns: one Float64Array per
 * column (NULL as NaN; enum columns as their index in the vocabulary), off the JavaScript heap.
 * `graph` names those same arrays as the engine's input (no copy); the coverage cache keeps the
 * snapshot to patch it after writes.
 */
export interface CoverageGraphSnapshot {
  /** The graph version the rows were read at (see {@link CoverageRepository.graphVersion}). */
  version: GraphVersion;
  /** Columns per table, by table name. */
  tables: ReadonlyMap<string, TableColumns>;
  /** What applied baselines (OSCAL profiles) leave out of scope. */
  baselineExclusions: readonly NotApplicableMarkInput[];
  /** Every AI system id, ascending (a scope naming another id is unknown). */
  aiSystemIds: number[];
  /**
   * Every framework row, read with the columns: a coverage answer names its frameworks from
   * these. Every column of a framework is in the change log (migration 0009), so they are never
   * older than the graph version.
   */
  frameworkRows: readonly FrameworkRow[];
  /** The engine's input: the columns of `tables` (and the exclusions), by the engine's names. */
  graph: ColumnarCoverageGraph;
  /** How it was read: everything, or the previous snapshot patched with the rows changed since. */
  read: { kind: 'full' } | { kind: 'patch'; changes: number; tables: string[] };
  /**
   * Requirements not withdrawn (any framework, retired or not), counted in the same transaction;
   * counted again only when the requirements table changed. The query cost's size of an
   * evaluation starts from it (CoverageService.evaluationRows).
   */
  requirementsNotWithdrawn: number;
}

export interface TableColumns {
  readonly n: number;
  /** In the order of the source's columns; NULL as NaN. */
  readonly columns: readonly Float64Array[];
}

/**
 * Tells whether the coverage graph changed. With the change-log triggers in place (migration
 * 0007; `tracked`), the graph's revision is the last `coverage_changes.seq`, and only writes to
 * what the engine reads change it. Without them (a database whose triggers a later table rebuild
 * dropped), any commit does: SQLite's data version, plus this connection's own row count.
 */
export interface GraphVersion {
  tracked: boolean;
  /** Last change-log sequence number (0 when untracked). */
  revision: number;
  /** `PRAGMA schema_version`: any schema change reloads everything. */
  schema: number;
  /** `data_version:total_changes()`, what untracked versions compare. */
  data: string;
}

/** True when `now` names the same graph as `loaded`, or a graph `loaded` already includes. */
export function graphIncludes(loaded: GraphVersion, now: GraphVersion): boolean {
  if (!loaded.tracked) return loaded.data === now.data;
  return loaded.schema === now.schema && loaded.revision >= now.revision;
}

export interface CoverageHistoryFilter {
  frameworkId: number;
  /** null: the organisation. */
  aiSystemId: number | null;
  viaCrosswalks: boolean;
  from?: Date | null;
  to?: Date | null;
}

/**
 * Reads whole columns of a table in one statement: SQLite aggregates each column into a JSON
 * array of numbers (one BLOB of its text per column), parsed straight into a Float64Array. That
 * beats every other way of getting a million rows out of better-sqlite3 (measured at the
 * benchmark's M size: `stmt.raw().iterate()` filling typed arrays takes twice as long and
 * `.raw().all()` four times; the SQL's JSON aggregation is about half of the time). Table and
 * column names are constants.
 */
function readColumns(db: Pick<Db, 'values'>, table: string, names: readonly string[], where: SQL | undefined): TableColumns {
  const select = sql.raw(columnsSql(table, names, ''));
  const [row] = db.values<Uint8Array[]>(where ? sql`${select} WHERE ${where}` : select);
  return tableColumns(row!);
}

function columnsSql(table: string, names: readonly string[], where: string): string {
  // As BLOBs: the JSON text comes out as bytes, not converted to a JavaScript string (measured
  // at M: 25 % less time in SQLite and better-sqlite3, and a third less to parse).
  const select = names.map((n) => `CAST(json_group_array(${n}) AS BLOB)`).join(', ');
  return `SELECT ${select} FROM ${table}${where ? ` WHERE ${where}` : ''}`;
}

/** The rows of `table` whose key (column `key`) is not in `drop`, followed by the rows of `fresh`. */
function patchTable(table: TableColumns, key: number, drop: ReadonlySet<number>, fresh: TableColumns): TableColumns {
  const keys = table.columns[key]!;
  const kept = new Int32Array(table.n);
  let nKept = 0;
  for (let k = 0; k < table.n; k++) if (!drop.has(keys[k]!)) kept[nKept++] = k;
  if (sameRows(table, kept.subarray(0, nKept), fresh)) return table;
  const n = nKept + fresh.n;
  const columns = table.columns.map((old, c) => {
    const out = new Float64Array(n);
    for (let i = 0; i < nKept; i++) out[i] = old[kept[i]!]!;
    out.set(fresh.columns[c]!, nKept);
    return out;
  });
  return { n, columns };
}


/**
 * The graph version (see {@link GraphVersion}); reading sqlite_sequence also starts a read
 * transaction's snapshot. Every coverage read runs it, so it is prepared once per connection
 * (compiling it cost more than running it); in a transaction it reads the transaction's snapshot.
 */
const graphVersionStatement = preparedPerConnection((db: Db) =>
  db
    .select({
      r: sql<number>`${sql.raw(REVISION_SQL)}`,
      s: sql<number>`${sql.raw(SCHEMA_VERSION_SQL)}`,
      d: sql<number>`(SELECT data_version FROM pragma_data_version())`,
      c: sql<number>`total_changes()`,
    })
    .from(sql`(SELECT 1)`)
    .prepare(),
);

/**
 * An opaque value that differs after any commit to the database: `PRAGMA data_version` changes on
 * this connection whenever another connection (of this process or another one, e.g. the CLI)
 * commits; `total_changes()` grows with every row this connection itself writes (an in-memory
 * store reads and writes through one connection). In a transaction, as of its snapshot.
 */
export function dataVersionIn(db: Db): string {
  const row = graphVersionStatement(db).get()!;
  return `${row.d}:${row.c}`;
}

/** Patching stops paying off beyond this many changed rows: reload everything instead. */
const MAX_PATCHED_CHANGES = 20_000;

type GraphField = Exclude<keyof ColumnarCoverageGraph, 'baselineExclusions' | 'columnar'>;

/**
 * One table the engine reads: its columns (SQL expression and the engine's name; a column
 * without a name is only read to patch the table), and the key the change-log triggers name
 * (migration 0007): re-reading the rows with the changed keys and replacing every row with such
 * a key patches the table.
 */
interface Source {
  table: string;
  field: GraphField | 'aiSystemIds';
  key: string;
  columns: readonly (readonly [sql: string, name: string | null])[];
  where?: string;
  /** Index of `key` in `columns`. */
  keyIndex: number;
}

/**
 * An enum column read as its index in the vocabulary (a short number parses faster than a
 * string); a value outside the vocabulary as `otherwise` (see ColumnarCoverageGraph).
 */
function coded(column: string, vocabulary: readonly string[], otherwise: number | 'NULL'): string {
  return `CASE ${column} ${vocabulary.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} ELSE ${otherwise} END`;
}

const SOURCES: readonly Source[] = [
  {
    table: 'frameworks',
    field: 'frameworks',
    key: 'id',
    keyIndex: 0,
    where: "kind <> 'THREAT_CATALOG'",
    columns: [
      ['id', 'id'],
      ['created_at', 'createdAt'],
      ['retired_at', 'retiredAt'],
    ],
  },
  {
    table: 'requirement_versions',
    field: 'requirements',
    key: 'requirement_id',
    keyIndex: 0,
    columns: [
      ['requirement_id', 'id'],
      ['framework_id', 'frameworkId'],
      ['parent_id', 'parentId'],
      ['withdrawn', 'withdrawn'],
      ['valid_from', 'validFrom'],
      ['valid_to', 'validTo'],
    ],
  },
  {
    table: 'control_status_changes',
    field: 'controlStatusChanges',
    key: 'id',
    keyIndex: 0,
    columns: [
      ['id', 'id'],
      ['control_id', 'controlId'],
      ['ai_system_id', 'aiSystemId'],
      [coded('to_status', IMPLEMENTATION_STATUSES, 'NULL'), 'toStatus'],
      ['changed_at', 'changedAt'],
    ],
  },
  {
    table: 'mappings',
    field: 'mappings',
    key: 'id',
    keyIndex: 0,
    columns: [
      ['id', 'id'],
      ['requirement_id', 'requirementId'],
      ['control_id', 'controlId'],
      ['created_at', 'createdAt'],
      ['retired_at', 'retiredAt'],
    ],
  },
  {
    table: 'mapping_revisions',
    field: 'mappingRevisions',
    key: 'id',
    keyIndex: 0,
    columns: [
      ['id', 'id'],
      ['mapping_id', 'mappingId'],
      [coded('relationship', RELATIONSHIPS, RELATIONSHIPS.length), 'relationship'],
      ['valid_from', 'validFrom'],
    ],
  },
  {
    table: 'requirement_links',
    field: 'requirementLinks',
    key: 'id',
    keyIndex: 0,
    columns: [
      ['id', 'id'],
      ['source_requirement_id', 'sourceRequirementId'],
      ['target_requirement_id', 'targetRequirementId'],
      [coded('relationship', RELATIONSHIPS, RELATIONSHIPS.length), 'relationship'],
      ['created_at', 'createdAt'],
      ['retired_at', 'retiredAt'],
    ],
  },
  {
    table: 'evidence',
    field: 'evidence',
    key: 'id',
    keyIndex: 0,
    columns: [
      ['id', 'id'],
      ['created_at', 'createdAt'],
      ['collected_at', 'collectedAt'],
      ['valid_until', 'validUntil'],
      ['ai_system_id', 'aiSystemId'],
    ],
  },
  {
    table: 'evidence_controls',
    field: 'evidenceControls',
    key: 'evidence_id',
    keyIndex: 0,
    columns: [
      ['evidence_id', 'evidenceId'],
      ['control_id', 'controlId'],
    ],
  },
  {
    table: 'evidence_reviews',
    field: 'evidenceReviews',
    key: 'id',
    keyIndex: 0,
    columns: [
      ['id', 'id'],
      ['evidence_id', 'evidenceId'],
      [coded('status', EVIDENCE_STATUSES, EVIDENCE_STATUSES.indexOf('PENDING_REVIEW')), 'status'],
      ['reviewed_at', 'reviewedAt'],
    ],
  },
  {
    table: 'not_applicable_marks',
    field: 'notApplicableMarks',
    key: 'requirement_id',
    keyIndex: 0,
    columns: [
      ['requirement_id', 'requirementId'],
      ['ai_system_id', 'aiSystemId'],
      ['created_at', 'createdAt'],
      ['retired_at', 'retiredAt'],
    ],
  },
  {
    table: 'ai_system_frameworks',
    field: 'aiSystemFrameworks',
    key: 'ai_system_id',
    keyIndex: 0,
    columns: [
      ['ai_system_id', 'aiSystemId'],
      ['framework_id', 'frameworkId'],
      ['created_at', 'createdAt'],
      ['retired_at', 'retiredAt'],
    ],
  },
  {
    table: 'threats',
    field: 'threats',
    key: 'id',
    keyIndex: 0,
    columns: [
      ['id', 'id'],
      ['framework_id', 'frameworkId'],
      ['created_at', 'createdAt'],
      ['retired_at', 'retiredAt'],
    ],
  },
  {
    table: 'threat_requirements',
    field: 'threatRequirements',
    key: 'threat_id',
    keyIndex: 0,
    columns: [
      ['threat_id', 'threatId'],
      ['requirement_id', 'requirementId'],
      ['created_at', 'createdAt'],
      ['retired_at', 'retiredAt'],
    ],
  },
  { table: 'ai_systems', field: 'aiSystemIds', key: 'id', keyIndex: 0, columns: [['id', 'id']] },
];

/** Tables whose changes make the baseline exclusions be read again (what readExclusionMarks reads). */
const EXCLUSION_TABLES: ReadonlySet<string> = new Set(['baselines', 'baseline_requirements', 'baseline_applications', 'requirements']);

/** Every change-log trigger of migration 0007: insert, update and delete per table. */
export const COVERAGE_CHANGE_TABLES: readonly string[] = [
  ...SOURCES.map((s) => s.table),
  'requirements',
  'baselines',
  'baseline_requirements',
  'baseline_applications',
];
const TRIGGER_NAMES = COVERAGE_CHANGE_TABLES.flatMap((t) => ['insert', 'update', 'delete'].map((op) => `coverage_changes_${t}_${op}`));
const TRIGGER_COUNT = sql.raw(
  `SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (${TRIGGER_NAMES.map((n) => `'${n}'`).join(', ')})) AS n,
  (SELECT coalesce(max(rowid), 0) FROM evidence) AS e, (SELECT coalesce(max(id), 0) FROM evidence_reviews) AS rv`,
);

/**
 * A full read of a database file with at least this many evidence items (by largest id) reads
 * the tables of {@link WORKER_TABLES} on a worker thread, on a second connection, while this
 * thread reads the others. Tests lower it to exercise that path on small databases, count the
 * parallel reads begun (`attempts`) and may commit a write (`beforeWorker`) just before the worker starts
 * reading, after this thread's read transaction has begun.
 */
export const parallelRead: { minEvidence: number; attempts: number; beforeWorker?: () => void } = { minEvidence: 100_000, attempts: 0 };

/**
 * What the worker reads: the whole evidence table, about as much work as all the others (2.5 of
 * the 6.4 million values at the benchmark's M size), and the reviews with the last
 * {@link WORKER_REVIEW_SHARE} of the ids, which evens out the two threads' work. The calling
 * thread reads the other reviews and appends the worker's (the rows in id order, as one read).
 */
const WORKER_TABLES: ReadonlySet<string> = new Set(['evidence']);
const SPLIT_TABLE = 'evidence_reviews';
const WORKER_REVIEW_SHARE = 0.3;

interface WorkerReply {
  id: number;
  error?: string;
  revision: number;
  schema: number;
  tables: TableColumns[];
}

/**
 * One read worker (coverage-read-worker.cjs) for the process, started on first use and kept idle
 * (unref'd: it never keeps the process alive, except while a read is in flight). Its connection
 * is opened and closed per read, so it holds no file open in between.
 */
class ReadWorker {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (error: unknown) => void }>();
  /** Set when the worker cannot start or fails: reads stay on the calling thread from then on. */
  failed = false;

  read(file: string, statements: readonly string[]): Promise<WorkerReply> {
    const worker = (this.worker ??= this.start());
    const id = this.next++;
    const reply = new Promise<WorkerReply>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    worker.ref();
    worker.postMessage({ id, file, tables: statements.map((s) => ({ sql: s })) });
    return reply;
  }

  private start(): Worker {
    const worker = new Worker(new URL('./coverage-read-worker.cjs', import.meta.url), { name: 'crosswalk-coverage-read' });
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.error) waiting?.reject(new Error(`coverage read worker: ${reply.error}`));
      else waiting?.resolve(reply);
    });
    const fail = (error: unknown) => {
      if (this.worker === worker) this.worker = null;
      this.failed = true;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`coverage read worker exited (${code})`)));
    return worker;
  }
}

const readWorker = new ReadWorker();

/** The statement reading a source's columns, optionally of the rows matching `range` only (a constant condition). */
function sourceSql(source: Source, range?: string): string {
  return columnsSql(
    source.table,
    source.columns.map(([expression]) => expression),
    source.where && range ? `(${source.where}) AND ${range}` : (source.where ?? range ?? ''),
  );
}

/**
 * Whether the rows of `table` not in `kept` are `fresh`, in order: a change the engine does not
 * see (e.g. a framework renamed: the change log names the row, its engine columns are the same)
 * then leaves the table, and what was prepared from it, as it was.
 */
function sameRows(table: TableColumns, kept: Int32Array, fresh: TableColumns): boolean {
  if (table.n - kept.length !== fresh.n) return false;
  let f = 0;
  let k = 0;
  for (let row = 0; row < table.n; row++) {
    if (k < kept.length && kept[k] === row) {
      k++;
      continue;
    }
    for (let c = 0; c < table.columns.length; c++) if (!Object.is(table.columns[c]![row], fresh.columns[c]![f])) return false;
    f++;
  }
  return true;
}

/** The rows of `a` followed by the rows of `b`. */
function concatTables(a: TableColumns, b: TableColumns): TableColumns {
  const n = a.n + b.n;
  const columns = a.columns.map((column, c) => {
    const out = new Float64Array(n);
    out.set(column, 0);
    out.set(b.columns[c]!, a.n);
    return out;
  });
  return { n, columns };
}

/** The source's rows (all, those of a key range, or those with the given keys). */
function readSource(tx: Db, source: Source, keys?: readonly number[], range?: string): TableColumns {
  const conditions = [source.where, range].filter((c): c is string => !!c).map((c) => sql.raw(`(${c})`));
  if (keys) conditions.push(inList(sql.raw(source.key), keys));
  return readColumns(
    tx,
    source.table,
    source.columns.map(([expression]) => expression),
    conditions.length ? and(...conditions) : undefined,
  );
}

/**
 * The engine's view of the tables. The columns are the tables' own arrays, so a patched snapshot
 * shares every untouched column with the previous one (the engine then reuses what it prepared
 * from them); `sameExclusions` passes the previous graph's exclusion columns on likewise.
 */
function graphOf(
  tables: ReadonlyMap<string, TableColumns>,
  exclusions: readonly NotApplicableMarkInput[],
  sameExclusions?: ColumnarCoverageGraph,
): ColumnarCoverageGraph {
  const graph: Record<string, unknown> = {
    columnar: true,
    baselineExclusions: sameExclusions ? sameExclusions.baselineExclusions : exclusions.length ? markColumns(exclusions) : null,
  };
  for (const source of SOURCES) {
    if (source.field === 'aiSystemIds') continue;
    const table: Record<string, Float64Array> = {};
    const { columns } = tables.get(source.table)!;
    source.columns.forEach(([, name], c) => {
      if (name) table[name] = columns[c]!;
    });
    graph[source.field] = table;
  }
  return graph as unknown as ColumnarCoverageGraph;
}

/** Requirements not withdrawn, as {@link DataSizeRepository} counts them (see CoverageGraphSnapshot). */
const countRequirementsNotWithdrawn = (tx: Db): number =>
  tx.get<{ n: number }>(sql`SELECT count(*) AS n FROM requirements WHERE withdrawn = 0`).n;

/** All framework rows (a few dozen), by id. */
const readFrameworkRows = (tx: Db): FrameworkRow[] => tx.select().from(frameworks).orderBy(asc(frameworks.id)).all();

const idsOf = (table: TableColumns): number[] => Array.from(table.columns[0]!).sort((a, b) => a - b);

export class CoverageRepository {
  constructor(private readonly db: Db) {}

  /**
   * An opaque value that differs after any commit to the database, by any connection; read it on
   * the read connection. Equal values mean the data did not change in between.
   */
  async dataVersion(): Promise<string> {
    return dataVersionIn(this.db);
  }

  /** The coverage graph's version now; one small statement (compare with {@link graphIncludes}). */
  graphVersion(): GraphVersion {
    return this.graphVersionAndSize(this.db, false).version;
  }

  /** Everything the coverage engine reads (see {@link refreshGraph}). */
  async loadGraph(): Promise<CoverageGraphSnapshot> {
    return this.refreshGraph(null);
  }

  /**
   * Everything the coverage engine reads, in one read transaction so that every table is read at
   * the same commit, with the version it was read at. Given the previous snapshot, and when the
   * change log reaches back to it, only the rows changed since are read again and patched into
   * a copy of it (the previous snapshot is left as it is); otherwise every table is read, one
   * statement per table (for a large database file, on two threads: see below).
   */
  async refreshGraph(previous: CoverageGraphSnapshot | null): Promise<CoverageGraphSnapshot> {
    // A full read of a large database file reads the biggest table on a worker thread, in its own
    // read transaction: the two reads agree when both saw the same change-log revision (and
    // schema), which names the whole coverage graph (only tracked databases qualify). Otherwise,
    // e.g. a write committed between the two transactions began, it is read again.
    for (let attempt = 0; ; attempt++) {
      const file = attempt < 3 ? this.parallelFile() : null;
      let fromWorker: Promise<WorkerReply> | null = null;
      const snapshot = this.db.transaction(
        (tx): CoverageGraphSnapshot => {
          const { version, evidence, reviews } = this.graphVersionAndSize(tx as Db, true);
          if (previous && previous.version.tracked && version.tracked && previous.version.schema === version.schema) {
            if (previous.version.revision === version.revision) return { ...previous, version, read: { kind: 'patch', changes: 0, tables: [] } };
            const patched = this.patch(tx as Db, previous, version);
            if (patched) return patched;
          }
          if (file && version.tracked && evidence >= parallelRead.minEvidence) {
            const cut = Math.floor(reviews * (1 - WORKER_REVIEW_SHARE));
            const split = SOURCES.find((s) => s.table === SPLIT_TABLE)!;
            const statements = [...SOURCES.filter((s) => WORKER_TABLES.has(s.table)).map((s) => sourceSql(s)), sourceSql(split, `id > ${cut}`)];
            parallelRead.attempts++;
            parallelRead.beforeWorker?.();
            fromWorker = readWorker.read(file, statements);
            // An unhandled rejection must not escape while this thread reads.
            fromWorker.catch(() => undefined);
            return this.readAll(tx as Db, version, WORKER_TABLES, `id <= ${cut}`);
          }
          return this.readAll(tx as Db, version);
        },
        { behavior: 'deferred' },
      );
      if (!fromWorker) return snapshot;
      let reply: WorkerReply;
      try {
        reply = await (fromWorker as Promise<WorkerReply>);
      } catch {
        continue; // the worker failed: read again (here once the worker is gone or after three attempts)
      }
      if (reply.revision !== snapshot.version.revision || reply.schema !== snapshot.version.schema) continue;
      const tables = new Map(snapshot.tables);
      const whole = SOURCES.filter((s) => WORKER_TABLES.has(s.table));
      whole.forEach((s, i) => tables.set(s.table, reply.tables[i]!));
      tables.set(SPLIT_TABLE, concatTables(tables.get(SPLIT_TABLE)!, reply.tables[whole.length]!));
      return { ...snapshot, tables, graph: graphOf(tables, snapshot.baselineExclusions) };
    }
  }

  /** The database file a worker can read too; null for an in-memory database or after a worker failure. */
  private parallelFile(): string | null {
    if (readWorker.failed) return null;
    const client = (this.db as { $client?: { name?: string; memory?: boolean } }).$client;
    if (!client || client.memory || !client.name || client.name === ':memory:') return null;
    return client.name;
  }

  /** Every table; or, for a parallel read, all but `skip`, and the reviews in `splitRange` only (the graph is left to the caller). */
  private readAll(tx: Db, version: GraphVersion, skip?: ReadonlySet<string>, splitRange?: string): CoverageGraphSnapshot {
    const tables = new Map<string, TableColumns>();
    for (const source of SOURCES) {
      if (skip?.has(source.table)) continue;
      tables.set(source.table, source.table === SPLIT_TABLE && splitRange ? readSource(tx, source, undefined, splitRange) : readSource(tx, source));
    }
    const baselineExclusions = new BaselineRepository(tx).readExclusionMarks();
    return {
      graph: skip ? (null as unknown as ColumnarCoverageGraph) : graphOf(tables, baselineExclusions),
      version,
      tables,
      baselineExclusions,
      aiSystemIds: idsOf(tables.get('ai_systems')!),
      frameworkRows: readFrameworkRows(tx),
      read: { kind: 'full' },
      requirementsNotWithdrawn: countRequirementsNotWithdrawn(tx),
    };
  }

  /** The previous snapshot with the rows changed since re-read; null when that is not possible or not worth it. */
  private patch(tx: Db, previous: CoverageGraphSnapshot, version: GraphVersion): CoverageGraphSnapshot | null {
    const since = previous.version.revision;
    const expected = version.revision - since;
    if (expected <= 0 || expected > MAX_PATCHED_CHANGES) return null;
    // Committed sequence numbers have no gaps (a rolled-back transaction gives its numbers back),
    // so fewer rows than that means the log was pruned past `since`.
    const found = tx.get<{ n: number }>(sql`SELECT count(*) AS n FROM coverage_changes WHERE seq > ${since}`).n;
    if (found !== expected) return null;
    const changed = tx.values<[string, string]>(
      sql`SELECT table_name, json_group_array(DISTINCT row_key) FROM coverage_changes WHERE seq > ${since} GROUP BY table_name`,
    );
    const tables = new Map(previous.tables);
    let exclusions = false;
    const names: string[] = [];
    for (const [table, json] of changed) {
      names.push(table);
      if (EXCLUSION_TABLES.has(table)) exclusions = true;
      const source = SOURCES.find((s) => s.table === table);
      if (!source) continue;
      const keys = JSON.parse(json) as number[];
      tables.set(table, patchTable(tables.get(table)!, source.keyIndex, new Set(keys), readSource(tx, source, keys)));
    }
    const baselineExclusions = exclusions ? new BaselineRepository(tx).readExclusionMarks() : previous.baselineExclusions;
    const frameworkRows = names.includes('frameworks') ? readFrameworkRows(tx) : previous.frameworkRows;
    const requirementsNotWithdrawn = names.includes('requirements') ? countRequirementsNotWithdrawn(tx) : previous.requirementsNotWithdrawn;
    const read = { kind: 'patch', changes: expected, tables: names.sort() } as const;
    // Rows re-read with the same engine columns leave the tables (and the graph) as they were.
    if (!exclusions && [...tables].every(([name, table]) => previous.tables.get(name) === table)) {
      return { ...previous, version, frameworkRows, read, requirementsNotWithdrawn };
    }
    return {
      version,
      tables,
      baselineExclusions,
      graph: graphOf(tables, baselineExclusions, exclusions ? undefined : previous.graph),
      aiSystemIds: tables.get('ai_systems') === previous.tables.get('ai_systems') ? previous.aiSystemIds : idsOf(tables.get('ai_systems')!),
      frameworkRows,
      read,
      requirementsNotWithdrawn,
    };
  }

  /** The graph version, and (with `checkTriggers`) the largest evidence id, which tells whether a parallel read pays off. */
  private graphVersionAndSize(tx: Db, checkTriggers: boolean): { version: GraphVersion; evidence: number; reviews: number } {
    const row = graphVersionStatement(tx).get()!;
    const more = checkTriggers ? tx.get<{ n: number; e: number; rv: number }>(TRIGGER_COUNT) : null;
    const tracked = more !== null && more.n === TRIGGER_NAMES.length;
    return {
      version: { tracked, revision: row.r, schema: row.s, data: `${row.d}:${row.c}` },
      evidence: more?.e ?? 0,
      reviews: more?.rv ?? 0,
    };
  }

  /** Ids of the controls whose domain is exactly `domain` (case-sensitive). */
  async controlIdsInDomain(domain: string): Promise<number[]> {
    return this.db
      .select({ id: controls.id })
      .from(controls)
      .where(eq(controls.domain, domain))
      .all()
      .map((r) => r.id);
  }

  async insertSnapshots(rows: readonly CoverageSnapshotInsert[]): Promise<CoverageSnapshotRow[]> {
    if (rows.length === 0) return [];
    return batches(rows, variablesPerRow(coverageSnapshots)).flatMap((batch) => this.db.insert(coverageSnapshots).values(batch).returning().all());
  }

  /** One page of a snapshot series, by (at, id). */
  async history(filter: CoverageHistoryFilter, page: PageRequest): Promise<Page<CoverageSnapshotRow>> {
    const rows = this.db
      .select()
      .from(coverageSnapshots)
      .where(and(this.where(filter), afterKey([coverageSnapshots.at, coverageSnapshots.id], page.after)))
      .orderBy(asc(coverageSnapshots.at), asc(coverageSnapshots.id))
      .limit(page.first + 1)
      .all();
    return { items: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
  }

  async historyCount(filter: CoverageHistoryFilter): Promise<number> {
    const row = this.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${coverageSnapshots} WHERE ${this.where(filter)}`);
    return row.n;
  }

  private where(filter: CoverageHistoryFilter): SQL {
    return and(
      eq(coverageSnapshots.frameworkId, filter.frameworkId),
      filter.aiSystemId === null ? isNull(coverageSnapshots.aiSystemId) : eq(coverageSnapshots.aiSystemId, filter.aiSystemId),
      eq(coverageSnapshots.viaCrosswalks, filter.viaCrosswalks),
      filter.from ? gte(coverageSnapshots.at, filter.from) : undefined,
      filter.to ? lte(coverageSnapshots.at, filter.to) : undefined,
    )!;
  }
}
