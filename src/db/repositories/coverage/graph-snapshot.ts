/**
 * The coverage graph as read at one commit ({@link CoverageGraphSnapshot}), read whole
 * ({@link readAll}) or as the previous snapshot patched with the rows the change log names
 * since ({@link patchSnapshot}): re-reading the rows with a changed key and replacing every row
 * with such a key patches a table (the keys of inputs.ts). A patched snapshot shares every
 * untouched column with the previous one, which is left as it was.
 */
import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../store.js';
import { tablesOf } from '../../dialect.js';
import type { FrameworkRow } from '../../rows.js';
import type { ColumnarCoverageGraph, NotApplicableMarkInput } from '../../../domain/coverage/index.js';
import { exclusionMarksRead } from './baseline-exclusions.js';
import { graphOf, idsOf, patchTable, readSource, type TableColumns } from './columnar-reads.js';
import { select, step, together, type Read } from './dialect-reads.js';
import type { GraphVersion } from './graph-version.js';
import { EXCLUSION_TABLES, SOURCES } from './inputs.js';
import { SPLIT_TABLE } from './read-worker.js';

/**
 * The rows of every table the engine reads, as of one commit, as columns: one Float64Array per
 * column (NULL as NaN; enum columns as their index in the vocabulary), off the JavaScript heap.
 * `graph` names those same arrays as the engine's input (no copy); the coverage cache keeps the
 * snapshot to patch it after writes.
 */
export interface CoverageGraphSnapshot {
  /** The graph version the rows were read at (see graph-version.ts). */
  version: GraphVersion;
  /** Columns per table, by table name. */
  tables: ReadonlyMap<string, TableColumns>;
  /** What applied baselines (OSCAL profiles) leave out of scope. */
  baselineExclusions: readonly NotApplicableMarkInput[];
  /** Every AI system id, ascending (a scope naming another id is unknown). */
  aiSystemIds: number[];
  /**
   * Every framework row, read with the columns: a coverage answer names its frameworks from
   * these. Every column of a framework is in the change log (inputs.ts), so they are never
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

/** Patching stops paying off beyond this many changed rows: reload everything instead. */
const MAX_PATCHED_CHANGES = 20_000;

/** Requirements not withdrawn, as DataSizeRepository counts them (see CoverageGraphSnapshot). */
function* countRequirementsNotWithdrawn(tx: Db): Read<number> {
  const { requirements } = tablesOf(tx);
  const [row] = yield* select(tx, tx.select({ n: count() }).from(requirements).where(eq(requirements.withdrawn, false)));
  return row!.n;
}

/** All framework rows (a few dozen), by id. */
function* readFrameworkRows(tx: Db): Read<FrameworkRow[]> {
  const { frameworks } = tablesOf(tx);
  return yield* select(tx, tx.select().from(frameworks).orderBy(asc(frameworks.id)));
}

/** The biggest tables, read first when the reads run at once (together). */
const BIGGEST_FIRST = ['evidence', 'evidence_controls', 'evidence_reviews'];

/**
 * Every table; or, for a parallel read, all but `skip`, and the split table's rows in
 * `splitRange` only (the graph is then left to the caller, who adds the worker's tables). The
 * statements are independent: on PostgreSQL they may run at once on several connections that
 * share the transaction's snapshot (together), each sized from the database's estimate of its
 * table's rows (see RowFilter).
 */
export function* readAll(
  tx: Db,
  version: GraphVersion,
  { skip, splitRange }: { skip?: ReadonlySet<string>; splitRange?: string } = {},
): Read<CoverageGraphSnapshot> {
  const rowsAbout = yield* step((r) => r.rowsAbout(tx));
  const sources = SOURCES.filter((s) => !skip?.has(s.table));
  const order = [...sources.filter((s) => BIGGEST_FIRST.includes(s.table)), ...sources.filter((s) => !BIGGEST_FIRST.includes(s.table))];
  const reads = order.map(
    (source) => (db: Db) => readSource(db, source, { range: source.table === SPLIT_TABLE ? splitRange : undefined, about: rowsAbout.get(source.table) }),
  );
  const results = yield* together<unknown>(tx, [...reads, exclusionMarksRead, readFrameworkRows, countRequirementsNotWithdrawn]);
  const [exclusions, frameworkRows, notWithdrawn] = results.slice(order.length);
  const columns = results.slice(0, order.length);
  const read = new Map(order.map((source, i) => [source.table, columns[i] as TableColumns]));
  const tables = new Map<string, TableColumns>(sources.map((source) => [source.table, read.get(source.table)!]));
  const baselineExclusions = exclusions as NotApplicableMarkInput[];
  return {
    graph: skip ? (null as unknown as ColumnarCoverageGraph) : graphOf(tables, baselineExclusions),
    version,
    tables,
    baselineExclusions,
    aiSystemIds: idsOf(tables.get('ai_systems')!),
    frameworkRows: frameworkRows as FrameworkRow[],
    read: { kind: 'full' },
    requirementsNotWithdrawn: notWithdrawn as number,
  };
}

/** The previous snapshot with the rows changed since re-read; null when that is not possible or not worth it. */
export function* patchSnapshot(tx: Db, previous: CoverageGraphSnapshot, version: GraphVersion): Read<CoverageGraphSnapshot | null> {
  const since = previous.version.revision;
  const expected = version.revision - since;
  if (expected <= 0 || expected > MAX_PATCHED_CHANGES) return null;
  const log = yield* step((r) => r.changesSince(tx, since, version.revision));
  if (log === null) return null;
  const { count: changes, keys: changed } = log;
  const tables = new Map(previous.tables);
  let exclusions = false;
  const names: string[] = [];
  for (const [table, keys] of changed) {
    names.push(table);
    if (EXCLUSION_TABLES.includes(table)) exclusions = true;
    const source = SOURCES.find((s) => s.table === table);
    if (!source) continue;
    tables.set(table, patchTable(tables.get(table)!, source.keyIndex, new Set(keys), yield* readSource(tx, source, { keys })));
  }
  const baselineExclusions = exclusions ? yield* exclusionMarksRead(tx) : previous.baselineExclusions;
  const frameworkRows = names.includes('frameworks') ? yield* readFrameworkRows(tx) : previous.frameworkRows;
  const requirementsNotWithdrawn = names.includes('requirements') ? yield* countRequirementsNotWithdrawn(tx) : previous.requirementsNotWithdrawn;
  const read = { kind: 'patch', changes, tables: names.sort() } as const;
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
