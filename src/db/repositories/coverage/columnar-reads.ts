/**
 * Whole tables read as columns, and tables patched as columns. A table is read in one statement:
 * on SQLite one that aggregates each column into a JSON array of numbers, parsed straight into a
 * Float64Array (json-number-column.cjs); on PostgreSQL a binary COPY of its rows, decoded into a
 * Float64Array per column (pg-copy-columns.ts; the statements per dialect are in dialect-reads.ts).
 * On SQLite the aggregate beats every other way of getting a million rows out of better-sqlite3
 * (measured at the benchmark's M size: `stmt.raw().iterate()` filling typed arrays takes twice as
 * long and `.raw().all()` four times; the SQL's JSON aggregation is about half of the time). Table
 * and column names are constants (the declaration in inputs.ts).
 */
import type { Db } from '../../store.js';
import { markColumns, type ColumnarCoverageGraph, type NotApplicableMarkInput } from '../../../domain/coverage/index.js';
import { sqliteColumnsSql, step, type Read, type TableColumns } from './dialect-reads.js';
import { SOURCES, type Source } from './inputs.js';

export type { TableColumns } from './dialect-reads.js';

/** The SQLite statement reading a source's columns (the read worker's), optionally of the rows matching `range` only (a constant condition). */
export function sourceSql(source: Source, range?: string): string {
  return sqliteColumnsSql(
    source.table,
    source.columns.map((c) => c.sql),
    source.where && range ? `(${source.where}) AND ${range}` : (source.where ?? range ?? ''),
  );
}

/** The source's rows (all, those of a key range, or those with the given keys); `about`: how many there are likely to be. */
export function* readSource(tx: Db, source: Source, { keys, range, about }: { keys?: readonly number[]; range?: string; about?: number } = {}): Read<TableColumns> {
  const conditions = [source.where, range].filter((c): c is string => !!c);
  return yield* step((r) => r.columns(tx, source, { conditions, keys, about: about ?? keys?.length }));
}

/**
 * The rows of `table` whose key (column `key`) is not in `drop`, followed by the rows of `fresh`.
 * When no row of `table` has a key in `drop` (rows inserted with new keys: a review, an evidence
 * item, a status change), the result is `table` with `fresh` appended, written after the columns
 * in their buffers' spare room when they are the tips of growable buffers (see {@link appended}).
 */
export function patchTable(table: TableColumns, key: number, drop: ReadonlySet<number>, fresh: TableColumns): TableColumns {
  const keys = table.columns[key]!;
  if (onlyNewKeys(keys, drop)) {
    if (fresh.n === 0) return table;
    const columns = table.columns.map((column, c) => appended(column, fresh.columns[c]!));
    maxKeys.set(columns[key]!, Math.max(maxKey(keys), maxKey(fresh.columns[key]!)));
    return { n: table.n + fresh.n, columns };
  }
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

/** The largest key of each key column (NaN keys aside), memoised: columns are never mutated. */
const maxKeys = new WeakMap<Float64Array, number>();

function maxKey(keys: Float64Array): number {
  let max = maxKeys.get(keys);
  if (max === undefined) {
    max = -Infinity;
    for (let i = 0; i < keys.length; i++) if (keys[i]! > max) max = keys[i]!;
    maxKeys.set(keys, max);
  }
  return max;
}

/** Whether every key of `drop` is above every key of the table (keys are ids that only grow: the usual insert). */
function onlyNewKeys(keys: Float64Array, drop: ReadonlySet<number>): boolean {
  const max = maxKey(keys);
  for (const k of drop) if (!(k > max)) return false;
  return true;
}

/**
 * Growable column buffers (made here, with spare room), and how many of their slots are written.
 * A column viewing such a buffer from its start up to that count is the buffer's tip: rows
 * appended to it are written into the room after it, and the longer view is the new column. No
 * slot any view shows is ever written again (columns are never mutated, columns.ts): a second
 * patch of the same snapshot finds its column no longer the tip and copies it.
 */
const written = new WeakMap<ArrayBufferLike, number>();

/** Room for the rows appended after a copy: an eighth more, at least 1,024 rows. */
const withRoom = (n: number): number => n + Math.max(1024, n >>> 3);

/** `column` followed by `more`: the column's buffer extended in place when the column is its tip and there is room, else a copy into a new growable buffer. */
function appended(column: Float64Array, more: Float64Array): Float64Array {
  const n = column.length + more.length;
  const { buffer } = column;
  if (column.byteOffset === 0 && written.get(buffer) === column.length && buffer.byteLength >= n * Float64Array.BYTES_PER_ELEMENT) {
    written.set(buffer, n);
    const out = new Float64Array(buffer, 0, n);
    out.set(more, column.length);
    return out;
  }
  const grown = new Float64Array(withRoom(n));
  grown.set(column);
  grown.set(more, column.length);
  written.set(grown.buffer, n);
  return grown.subarray(0, n);
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

/** The rows of `a` followed by the rows of `b` (in growable buffers: see {@link appended}). */
export function concatTables(a: TableColumns, b: TableColumns): TableColumns {
  return { n: a.n + b.n, columns: a.columns.map((column, c) => appended(column, b.columns[c]!)) };
}

/**
 * The engine's view of the tables. The columns are the tables' own arrays, so a patched snapshot
 * shares every untouched column with the previous one (the engine then reuses what it prepared
 * from them); `sameExclusions` passes the previous graph's exclusion columns on likewise.
 */
export function graphOf(
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
    source.columns.forEach(({ name }, c) => {
      table[name] = columns[c]!;
    });
    graph[source.field] = table;
  }
  return graph as unknown as ColumnarCoverageGraph;
}

/** The ids of a one-column id table, ascending. */
export const idsOf = (table: TableColumns): number[] => Array.from(table.columns[0]!).sort((a, b) => a - b);
