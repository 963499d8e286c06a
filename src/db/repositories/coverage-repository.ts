/**
 * All SQL of the coverage engine: the bulk snapshot of the compliance graph the engine evaluates,
 * the database's data version (which tells when that snapshot is stale), and recorded coverage
 * snapshots.
 */
import { and, asc, eq, gte, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import { controls, coverageSnapshots } from '../schema/index.js';
import type { CoverageGraph, NotApplicableMarkInput } from '../../domain/coverage/index.js';
import type { Page, PageRequest, SortKey } from '../../domain/paging.js';
import { afterKey } from './sql-helpers.js';
import { BaselineRepository } from './baseline-repository.js';
import { EVIDENCE_STATUSES, IMPLEMENTATION_STATUSES, RELATIONSHIPS } from '../../domain/vocabulary.js';

export type CoverageSnapshotRow = typeof coverageSnapshots.$inferSelect;
export type CoverageSnapshotInsert = typeof coverageSnapshots.$inferInsert;

/** History order: (at, id). */
export const coverageSnapshotSortKey = (row: CoverageSnapshotRow): SortKey => [row.at.getTime(), row.id];

/**
 * The rows of every table the engine reads, as of one commit, kept compactly: one typed array per
 * column (NULL as NaN; enum columns as their index in the vocabulary), off the JavaScript heap.
 * {@link graphOf} builds the engine's input from it; the coverage cache keeps it to patch it.
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
   * The engine's input, built while reading, after a full read only; use it once and drop it
   * (the coverage cache does not keep it), or call {@link graphOf}.
   */
  graph?: CoverageGraph;
  /** How it was read: everything, or the previous snapshot patched with the rows changed since. */
  read: { kind: 'full' } | { kind: 'patch'; changes: number; tables: string[] };
}

/** A column: numbers (NaN for NULL), or, should a value be neither, the values as read. */
type Column = Float64Array | unknown[];

export interface TableColumns {
  readonly n: number;
  readonly columns: readonly Column[];
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
 * array (one string per column), JavaScript parses them and builds one object per row. That is
 * about three times faster than letting the driver build a row object per row (the snapshot has
 * over a million rows at the benchmark's M size). Table and column names are constants.
 */
function columns(db: Pick<Db, 'values'>, table: string, names: readonly string[], where = ''): unknown[][] {
  const select = names.map((n) => `json_group_array(${n})`).join(', ');
  const [row] = db.values<string[]>(sql.raw(`SELECT ${select} FROM ${table}${where ? ` WHERE ${where}` : ''}`));
  return row!.map((json) => JSON.parse(json) as unknown[]);
}

/** A parsed JSON column as numbers, NULL as NaN; left as it is when it holds anything else. */
function toColumn(values: unknown[]): Column {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number') out[i] = v;
    else if (v === null) out[i] = NaN;
    else return values;
  }
  return out;
}

/** The value of a nullable column at row k. */
const at = (c: Column, k: number): any => {
  const v = c[k];
  return v !== v ? null : v;
};

function readTable(db: Pick<Db, 'values'>, table: string, names: readonly string[], where = '', rows?: (parsed: unknown[][]) => void): TableColumns {
  const parsed = columns(db, table, names, where);
  rows?.(parsed);
  const cols = parsed.map(toColumn);
  return { n: cols[0]!.length, columns: cols };
}

/** The rows of `table` whose key (column `key`) is not in `drop`, followed by the rows of `fresh`. */
function patchTable(table: TableColumns, key: number, drop: ReadonlySet<number>, fresh: TableColumns): TableColumns {
  const keys = table.columns[key]!;
  const kept: number[] = [];
  for (let k = 0; k < table.n; k++) if (!drop.has(keys[k] as number)) kept.push(k);
  const n = kept.length + fresh.n;
  const cols = table.columns.map((old, c): Column => {
    const add = fresh.columns[c]!;
    const out: Column = old instanceof Float64Array && add instanceof Float64Array ? new Float64Array(n) : new Array<unknown>(n);
    for (let i = 0; i < kept.length; i++) out[i] = old[kept[i]!] as number;
    for (let i = 0; i < fresh.n; i++) out[kept.length + i] = add[i] as number;
    return out;
  });
  return { n, columns: cols };
}

/**
 * `PRAGMA data_version` changes on this connection whenever another connection (of this process
 * or another one, e.g. the CLI) commits; `total_changes()` grows with every row this connection
 * itself writes (an in-memory store reads and writes through one connection).
 */
const VERSION = sql`SELECT (SELECT data_version FROM pragma_data_version()) AS v, total_changes() AS c`;

/** The graph version (see {@link GraphVersion}); reading sqlite_sequence also starts a read transaction's snapshot. */
const GRAPH_VERSION_SQL = `SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'coverage_changes'), 0) AS r,
  (SELECT schema_version FROM pragma_schema_version()) AS s,
  (SELECT data_version FROM pragma_data_version()) AS d, total_changes() AS c`;
const GRAPH_VERSION = sql.raw(GRAPH_VERSION_SQL);

/** Patching stops paying off beyond this many changed rows: reload everything instead. */
const MAX_PATCHED_CHANGES = 20_000;

type GraphField = Exclude<keyof CoverageGraph, 'baselineExclusions'>;

/**
 * One table the engine reads: its columns, how to build a row object, and the key the change-log
 * triggers name (migration 0007): re-reading the rows with the changed keys and replacing every
 * row with such a key patches the table.
 */
interface Source {
  table: string;
  field: GraphField | 'aiSystemIds';
  key: string;
  columns: readonly string[];
  where?: string;
  /** Index of `key` in `columns`. */
  keyIndex: number;
  make: (c: readonly Column[], k: number) => any;
}


/**
 * An enum column read as its index in the vocabulary (a short number parses faster than a string
 * and every row then shares one string); a value outside the vocabulary is read as it is.
 */
function coded(column: string, vocabulary: readonly string[]): string {
  return `CASE ${column} ${vocabulary.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} ELSE ${column} END`;
}
const decode =
  <T extends string>(vocabulary: readonly T[]) =>
  (value: unknown): T | null =>
    typeof value === 'number' ? (value !== value ? null : vocabulary[value]!) : (value as T | null);
const implementationStatus = decode(IMPLEMENTATION_STATUSES);
const relationship = decode(RELATIONSHIPS);
const evidenceStatus = decode(EVIDENCE_STATUSES);

const SOURCES: readonly Source[] = [
  {
    table: 'frameworks',
    field: 'frameworks',
    key: 'id',
    columns: ['id'],
    where: "kind <> 'THREAT_CATALOG'",
    make: (c, k) => ({ id: c[0]![k] }),
    keyIndex: 0,
  },
  {
    table: 'requirements',
    field: 'requirements',
    key: 'id',
    columns: ['id', 'framework_id', 'parent_id', 'withdrawn'],
    make: (c, k) => ({ id: c[0]![k], frameworkId: c[1]![k], parentId: at(c[2]!, k), withdrawn: c[3]![k] === 1 }),
    keyIndex: 0,
  },
  {
    table: 'control_status_changes',
    field: 'controlStatusChanges',
    key: 'id',
    columns: ['id', 'control_id', 'ai_system_id', coded('to_status', IMPLEMENTATION_STATUSES), 'changed_at'],
    make: (c, k) => ({ id: c[0]![k], controlId: c[1]![k], aiSystemId: at(c[2]!, k), toStatus: implementationStatus(c[3]![k]), changedAt: c[4]![k] }),
    keyIndex: 0,
  },
  {
    table: 'mappings',
    field: 'mappings',
    key: 'id',
    columns: ['id', 'requirement_id', 'control_id', 'created_at', 'retired_at'],
    make: (c, k) => ({ id: c[0]![k], requirementId: c[1]![k], controlId: c[2]![k], createdAt: c[3]![k], retiredAt: at(c[4]!, k) }),
    keyIndex: 0,
  },
  {
    table: 'mapping_revisions',
    field: 'mappingRevisions',
    key: 'id',
    columns: ['id', 'mapping_id', coded('relationship', RELATIONSHIPS), 'valid_from'],
    make: (c, k) => ({ id: c[0]![k], mappingId: c[1]![k], relationship: relationship(c[2]![k]), validFrom: c[3]![k] }),
    keyIndex: 0,
  },
  {
    table: 'requirement_links',
    field: 'requirementLinks',
    key: 'id',
    columns: ['id', 'source_requirement_id', 'target_requirement_id', coded('relationship', RELATIONSHIPS), 'created_at', 'retired_at'],
    make: (c, k) => ({
      id: c[0]![k],
      sourceRequirementId: c[1]![k],
      targetRequirementId: c[2]![k],
      relationship: relationship(c[3]![k]),
      createdAt: c[4]![k],
      retiredAt: at(c[5]!, k),
    }),
    keyIndex: 0,
  },
  {
    table: 'evidence',
    field: 'evidence',
    key: 'id',
    columns: ['id', 'created_at', 'collected_at', 'valid_until', 'ai_system_id'],
    make: (c, k) => ({ id: c[0]![k], createdAt: c[1]![k], collectedAt: c[2]![k], validUntil: at(c[3]!, k), aiSystemId: at(c[4]!, k) }),
    keyIndex: 0,
  },
  {
    table: 'evidence_controls',
    field: 'evidenceControls',
    key: 'evidence_id',
    columns: ['evidence_id', 'control_id'],
    make: (c, k) => ({ evidenceId: c[0]![k], controlId: c[1]![k] }),
    keyIndex: 0,
  },
  {
    table: 'evidence_reviews',
    field: 'evidenceReviews',
    key: 'id',
    columns: ['id', 'evidence_id', coded('status', EVIDENCE_STATUSES), 'reviewed_at'],
    make: (c, k) => ({ id: c[0]![k], evidenceId: c[1]![k], status: evidenceStatus(c[2]![k]), reviewedAt: c[3]![k] }),
    keyIndex: 0,
  },
  {
    table: 'not_applicable_marks',
    field: 'notApplicableMarks',
    key: 'requirement_id',
    columns: ['requirement_id', 'ai_system_id', 'created_at', 'retired_at'],
    make: (c, k) => ({ requirementId: c[0]![k], aiSystemId: at(c[1]!, k), createdAt: c[2]![k], retiredAt: at(c[3]!, k) }),
    keyIndex: 0,
  },
  {
    table: 'ai_system_frameworks',
    field: 'aiSystemFrameworks',
    key: 'ai_system_id',
    columns: ['ai_system_id', 'framework_id'],
    make: (c, k) => ({ aiSystemId: c[0]![k], frameworkId: c[1]![k] }),
    keyIndex: 0,
  },
  {
    table: 'threats',
    field: 'threats',
    key: 'id',
    columns: ['id', 'framework_id'],
    make: (c, k) => ({ id: c[0]![k], frameworkId: c[1]![k] }),
    keyIndex: 0,
  },
  {
    table: 'threat_requirements',
    field: 'threatRequirements',
    key: 'threat_id',
    columns: ['threat_id', 'requirement_id'],
    make: (c, k) => ({ threatId: c[0]![k], requirementId: c[1]![k] }),
    keyIndex: 0,
  },
  {
    table: 'ai_systems',
    field: 'aiSystemIds',
    key: 'id',
    columns: ['id'],
    keyIndex: 0,
    make: (c, k) => c[0]![k],
  },
];

/** Tables whose changes make the baseline exclusions be read again (what readExclusionMarks reads). */
const EXCLUSION_TABLES: ReadonlySet<string> = new Set(['baselines', 'baseline_requirements', 'baseline_applications', 'requirements']);

/** Every change-log trigger of migration 0007: insert, update and delete per table. */
export const COVERAGE_CHANGE_TABLES: readonly string[] = [
  ...SOURCES.map((s) => s.table),
  'baselines',
  'baseline_requirements',
  'baseline_applications',
];
const TRIGGER_NAMES = COVERAGE_CHANGE_TABLES.flatMap((t) => ['insert', 'update', 'delete'].map((op) => `coverage_changes_${t}_${op}`));
const TRIGGER_COUNT = sql.raw(
  `SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name IN (${TRIGGER_NAMES.map((n) => `'${n}'`).join(', ')})`,
);

function readSource(tx: Db, source: Source, keys?: readonly number[], graph?: Record<string, unknown>): TableColumns {
  let where = source.where ?? '';
  if (keys) {
    // Keys are integers read from the change log.
    const list = `${source.key} IN (SELECT value FROM json_each('${JSON.stringify(keys.map((k) => Math.trunc(Number(k))))}'))`;
    where = where ? `(${where}) AND ${list}` : list;
  }
  // While the parsed columns are at hand, their row objects are cheaper to build from them
  // than from the typed arrays later (a full read builds the engine's input this way).
  const rows = graph && source.field !== 'aiSystemIds' ? (parsed: unknown[][]) => (graph[source.field] = objects(source, parsed)) : undefined;
  return readTable(tx, source.table, source.columns, where, rows);
}

function objects(source: Source, cols: readonly Column[]): unknown[] {
  const n = cols[0]!.length;
  const out = new Array<unknown>(n);
  for (let k = 0; k < n; k++) out[k] = source.make(cols, k);
  return out;
}

/** The engine's input: one object per row of the snapshot (built anew on every call). */
export function graphOf(snapshot: CoverageGraphSnapshot): CoverageGraph {
  const graph: Record<string, unknown> = { baselineExclusions: snapshot.baselineExclusions };
  for (const source of SOURCES) {
    if (source.field === 'aiSystemIds') continue;
    graph[source.field] = objects(source, snapshot.tables.get(source.table)!.columns);
  }
  return graph as unknown as CoverageGraph;
}

const idsOf = (table: TableColumns): number[] => Array.from(table.columns[0]!, Number).sort((a, b) => a - b);

export class CoverageRepository {
  constructor(private readonly db: Db) {}

  /**
   * An opaque value that differs after any commit to the database, by any connection; read it on
   * the read connection. Equal values mean the data did not change in between.
   */
  async dataVersion(): Promise<string> {
    return this.versionIn(this.db);
  }

  /** The coverage graph's version now; one small statement (compare with {@link graphIncludes}). */
  graphVersion(): GraphVersion {
    return this.graphVersionIn(this.db, false);
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
   * statement per table.
   */
  async refreshGraph(previous: CoverageGraphSnapshot | null): Promise<CoverageGraphSnapshot> {
    return this.db.transaction(
      (tx) => {
        const version = this.graphVersionIn(tx as Db, true);
        if (previous && previous.version.tracked && version.tracked && previous.version.schema === version.schema) {
          if (previous.version.revision === version.revision) return { ...previous, graph: undefined, version, read: { kind: 'patch', changes: 0, tables: [] } };
          const patched = this.patch(tx as Db, previous, version);
          if (patched) return patched;
        }
        return this.readAll(tx as Db, version);
      },
      { behavior: 'deferred' },
    );
  }

  private readAll(tx: Db, version: GraphVersion): CoverageGraphSnapshot {
    const tables = new Map<string, TableColumns>();
    const graph: Record<string, unknown> = {};
    for (const source of SOURCES) tables.set(source.table, readSource(tx, source, undefined, graph));
    const baselineExclusions = new BaselineRepository(tx).readExclusionMarks();
    graph.baselineExclusions = baselineExclusions;
    return {
      graph: graph as unknown as CoverageGraph,
      version,
      tables,
      baselineExclusions,
      aiSystemIds: idsOf(tables.get('ai_systems')!),
      read: { kind: 'full' },
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
    return {
      version,
      tables,
      baselineExclusions: exclusions ? new BaselineRepository(tx).readExclusionMarks() : previous.baselineExclusions,
      aiSystemIds: tables.get('ai_systems') === previous.tables.get('ai_systems') ? previous.aiSystemIds : idsOf(tables.get('ai_systems')!),
      read: { kind: 'patch', changes: expected, tables: names.sort() },
    };
  }

  private versionIn(tx: Pick<Db, 'get'>): string {
    const row = tx.get<{ v: number; c: number }>(VERSION);
    return `${row.v}:${row.c}`;
  }

  /** The graph version; `checkTriggers` also tells whether the change-log triggers are all in place. */
  private graphVersionIn(tx: Db, checkTriggers: boolean): GraphVersion {
    const row = tx.get<{ r: number; s: number; d: number; c: number }>(GRAPH_VERSION);
    const tracked = checkTriggers && tx.get<{ n: number }>(TRIGGER_COUNT).n === TRIGGER_NAMES.length;
    return { tracked, revision: row.r, schema: row.s, data: `${row.d}:${row.c}` };
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
    return this.db.insert(coverageSnapshots).values([...rows]).returning().all();
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
