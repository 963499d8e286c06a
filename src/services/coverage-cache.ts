/**
 * Building blocks of the coverage cache: a small LRU map, and the "epoch" of an instant, which
 * lets one evaluation serve every instant at which the graph is in the same state.
 *
 * Every time-dependent input of the engine changes its effect exactly at one of its instants
 * (a status change, a mapping revision, a creation or retirement, a review, an evidence item's
 * creation, collection or end of validity all apply "at or before T"). So two instants T0 < T1
 * give the same answer when no such instant lies in (T0, T1]. Counting the instants at or before
 * T therefore names the state at T exactly; the service only counts the instants after a moment
 * shortly before the graph was loaded (few: mostly evidence expiry dates), since "now" queries
 * only move forward.
 */
import { INSTANT_COLUMNS, type ColumnarCoverageGraph, type Columns } from '../domain/coverage/index.js';

/** A Map that forgets its least recently used entry beyond `capacity`. */
export { LruMap as LruCache } from '../domain/coverage/index.js';

/** Per column, its finite values after some instant, sorted (see {@link futureOf}). */
const futures = new WeakMap<Float64Array, { after: number; sorted: Float64Array }>();

/**
 * The time-dependent instants of the graph strictly after `after`: per instant column of the
 * engine's input (INSTANT_COLUMNS, the engine's declaration of its instants by role in
 * domain/coverage/time-columns.ts: every column read that the schema stores as an instant), its
 * finite values after `after`, sorted (values may repeat). A column already sorted for an
 * earlier instant (a patched snapshot shares the untouched ones) is not sorted again, nor are the
 * values of a column that rows were appended to (only the new ones are).
 */
export function instantsAfter(graph: ColumnarCoverageGraph, after: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (const [field, name] of INSTANT_COLUMNS) {
    const column = (graph[field] as Columns<string> | null | undefined)?.[name];
    if (column) out.push(futureOf(column, after));
  }
  return out;
}

/**
 * The last column of each buffer sorted by {@link futureOf}: a longer view of the same memory from
 * the same start (rows appended, see domain/coverage/columns.ts) holds its values first, so only
 * the appended values are sorted and merged in.
 */
const lastOfBuffer = new WeakMap<ArrayBufferLike, { byteOffset: number; length: number; after: number; sorted: Float64Array }>();

function futureOf(column: Float64Array, after: number): Float64Array {
  const known = futures.get(column);
  if (known && known.after <= after) return known.sorted.subarray(countAtOrBefore(known.sorted, after));
  const prefix = lastOfBuffer.get(column.buffer);
  let sorted: Float64Array;
  if (prefix && prefix.byteOffset === column.byteOffset && prefix.length <= column.length && prefix.after <= after) {
    const tail = column.subarray(prefix.length);
    const added = new Float64Array(countAfter(tail, after));
    copyAfter(tail, after, added, 0);
    added.sort();
    sorted = merged(prefix.sorted.subarray(countAtOrBefore(prefix.sorted, after)), added);
  } else {
    // Two tight passes (count, then copy): the columns are large.
    sorted = new Float64Array(countAfter(column, after));
    copyAfter(column, after, sorted, 0);
    sorted.sort();
  }
  futures.set(column, { after, sorted });
  lastOfBuffer.set(column.buffer, { byteOffset: column.byteOffset, length: column.length, after, sorted });
  return sorted;
}

/** Two sorted arrays as one. */
function merged(a: Float64Array, b: Float64Array): Float64Array {
  if (b.length === 0) return a;
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

function countAfter(values: Float64Array, after: number): number {
  let n = 0;
  for (let i = 0, len = values.length; i < len; i++) {
    const v = values[i]!;
    if (v > after && v !== Infinity) n++;
  }
  return n;
}

function copyAfter(values: Float64Array, after: number, out: Float64Array, k: number): number {
  for (let i = 0, len = values.length; i < len; i++) {
    const v = values[i]!;
    if (v > after && v !== Infinity) out[k++] = v;
  }
  return k;
}

/** Number of values ≤ `at` in a sorted array. */
export function countAtOrBefore(sorted: Float64Array, at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A key naming the state of the graph at `at`: instants from `from` on share a key while no
 * instant of the graph lies between them; earlier instants are keyed by themselves. `future` holds
 * the instants after `from` (instantsAfter). (The sum of the columns' counts of instants ≤ `at`
 * names the interval: each count only grows with `at`, so two sums are equal exactly when no
 * column has an instant in between.)
 */
export function epochKey(future: readonly Float64Array[], from: number, at: number): string {
  if (at < from) return `t${at}`;
  let passed = 0;
  for (const instants of future) passed += countAtOrBefore(instants, at);
  return `e${passed}`;
}
