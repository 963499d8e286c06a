/**
 * Rule 10 — the structure as of T. Frameworks, requirement versions, AI-system framework
 * assignments, threats and threat links are kept as history (see Lifespan in types.ts); the
 * engine evaluates an instant T on the rows live at T only (created at or before T, not retired
 * at or before T), so a framework imported after T, a requirement deleted before T, or a
 * withdrawal after T play no part in the answer for T.
 *
 * The structure only changes at its own instants (the finite lifespan ends), so every instant
 * between two consecutive ones (a "structure epoch") has the same structure: it is prepared once
 * per epoch (see epochs.ts). Filtering keeps the very same column arrays when every row is live,
 * and hands out the same filtered arrays again for the same live rows, so the preparation's
 * passes are reused across epochs and patched snapshots (prepare.ts).
 */
import { rowCount, type Columns, type ColumnarCoverageGraph } from './columns.js';
import { RECORDED_COLUMNS, STRUCTURE_LIFESPANS } from './time-columns.js';

/** The structure tables and their lifespan columns ([from, to); NaN: unbounded), from the declaration of the input's instants. */
const STRUCTURE = STRUCTURE_LIFESPANS;

/** The structure epoch of an instant: [from, to), bounded by consecutive structure instants. */
export interface StructureEpoch {
  readonly from: number;
  readonly to: number;
}

const finiteSorted = new WeakMap<Float64Array, Float64Array>();

/** The finite values of a column, sorted (memoised per column: columns are never mutated). */
function finiteValues(column: Float64Array): Float64Array {
  let out = finiteSorted.get(column);
  if (!out) {
    let n = 0;
    for (let i = 0; i < column.length; i++) if (Number.isFinite(column[i]!)) n++;
    out = new Float64Array(n);
    let k = 0;
    for (let i = 0; i < column.length; i++) if (Number.isFinite(column[i]!)) out[k++] = column[i]!;
    out.sort();
    finiteSorted.set(column, out);
  }
  return out;
}

const lifespanColumns = (graph: ColumnarCoverageGraph): Float64Array[] =>
  STRUCTURE.flatMap(([field, from, to]) => {
    const table = graph[field] as Columns<string>;
    return [table[from], table[to]].filter((c): c is Float64Array => c !== undefined);
  });

/** The last result of {@link structureInstants}, with the columns it was computed from. */
let lastInstants: { columns: Float64Array[]; instants: Float64Array } | null = null;

/** Every instant at which the structure changes, ascending, without duplicates. */
export function structureInstants(graph: ColumnarCoverageGraph): Float64Array {
  const columns = lifespanColumns(graph);
  if (lastInstants && lastInstants.columns.length === columns.length && lastInstants.columns.every((c, i) => c === columns[i])) {
    return lastInstants.instants;
  }
  const sorted = columns.map(finiteValues);
  const all = new Float64Array(sorted.reduce((n, c) => n + c.length, 0));
  let k = 0;
  for (const c of sorted) {
    all.set(c, k);
    k += c.length;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (n === 0 || all[n - 1] !== all[i]) all[n++] = all[i]!;
  const instants = all.slice(0, n);
  lastInstants = { columns, instants };
  return instants;
}

/** The epoch of `at` among the sorted structure instants. */
export function epochOf(instants: Float64Array, at: number): StructureEpoch {
  let lo = 0;
  let hi = instants.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (instants[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return { from: lo > 0 ? instants[lo - 1]! : -Infinity, to: lo < instants.length ? instants[lo]! : Infinity };
}

/** The last filtering of each table (by its first column), handed out again for the same live rows. */
const lastFiltered = new WeakMap<Float64Array, { rows: Int32Array; table: Columns<string> }>();

function liveRows(table: Columns<string>, from: string, to: string, at: number): Int32Array | null {
  const starts = table[from];
  const ends = table[to];
  const n = rowCount(table);
  const rows = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const start = starts ? starts[i]! : NaN;
    const end = ends ? ends[i]! : NaN;
    if (!(start > at) && !(end <= at)) rows[k++] = i;
  }
  return k === n ? null : rows.subarray(0, k);
}

/**
 * The last cut of each table (by its first column): the columns it was cut from, the structure
 * epoch it holds for, and the cut (null: every row live). A table's live rows only change at its
 * own lifespan instants, which bound every structure epoch, so the same columns give the same cut
 * anywhere in that epoch (a re-preparation after a write elsewhere skips the pass over the rows).
 */
const lastCut = new WeakMap<Float64Array, { columns: Float64Array[]; epoch: StructureEpoch; cut: Columns<string> | null }>();

function tableAt(table: Columns<string>, from: string, to: string, at: number, epoch: StructureEpoch): Columns<string> {
  const columns = Object.values(table);
  const first = columns[0];
  if (!first) return table;
  const memo = lastCut.get(first);
  if (memo && memo.epoch.from <= at && at < memo.epoch.to && memo.columns.length === columns.length && memo.columns.every((c, i) => c === columns[i])) {
    return memo.cut ?? table;
  }
  const cut = filteredAt(table, first, from, to, at);
  lastCut.set(first, { columns, epoch, cut: cut === table ? null : cut });
  return cut;
}

function filteredAt(table: Columns<string>, first: Float64Array, from: string, to: string, at: number): Columns<string> {
  const rows = liveRows(table, from, to, at);
  if (rows === null) return table;
  const last = lastFiltered.get(first);
  if (last && last.rows.length === rows.length && last.rows.every((r, i) => r === rows[i]) && sameColumns(last.table, table)) {
    return last.table;
  }
  const out: Record<string, Float64Array> = {};
  for (const key in table) {
    const column = table[key]!;
    const filtered = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) filtered[i] = column[rows[i]!]!;
    out[key] = filtered;
  }
  lastFiltered.set(first, { rows: Int32Array.from(rows), table: out });
  sources.set(out, table);
  return out;
}

/** The source table each filtered table was cut from (to tell a stale memo apart). */
const sources = new WeakMap<Columns<string>, Columns<string>>();
const sameColumns = (filtered: Columns<string>, table: Columns<string>): boolean => {
  const source = sources.get(filtered);
  return source !== undefined && Object.keys(table).every((key) => source[key] === table[key]);
};

/**
 * The graph with its structure tables cut to the rows live at `at` (the graph itself when all
 * are); `epoch` is the structure epoch of `at` among the graph's {@link structureInstants}.
 */
export function structureAt(graph: ColumnarCoverageGraph, at: number, epoch: StructureEpoch = epochOf(structureInstants(graph), at)): ColumnarCoverageGraph {
  let out: Record<string, unknown> | null = null;
  for (const [field, from, to] of STRUCTURE) {
    const table = graph[field] as Columns<string>;
    const cut = tableAt(table, from, to, at, epoch);
    if (cut !== table) (out ??= { ...graph })[field] = cut;
  }
  return (out as unknown as ColumnarCoverageGraph | null) ?? graph;
}

/**
 * The earliest recorded instant of the graph (rule 10, AS_OF_BEFORE_HISTORY): the smallest
 * instant at which any history row was recorded (the `recorded` column of every table in
 * time-columns.ts: frameworks, requirement versions, status changes, mappings, revisions,
 * crosswalk links, evidence, reviews, marks, exclusions, AI-system assignments, threats and
 * threat links). Infinity when there is none.
 */
export function earliestInstant(graph: ColumnarCoverageGraph): number {
  const columns = RECORDED_COLUMNS.map(([field, name]) => (graph[field] as Columns<string> | null | undefined)?.[name]);
  let earliest = Infinity;
  for (const column of columns) if (column) earliest = Math.min(earliest, smallest(column));
  return earliest;
}

const smallestOf = new WeakMap<Float64Array, number>();

/** The smallest finite value of a column (Infinity for none), memoised per column. */
function smallest(column: Float64Array): number {
  let min = smallestOf.get(column);
  if (min === undefined) {
    min = Infinity;
    for (let i = 0; i < column.length; i++) {
      const v = column[i]!;
      if (v < min && v > -Infinity) min = v;
    }
    smallestOf.set(column, min);
  }
  return min;
}
