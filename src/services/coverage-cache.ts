/**
 * Building blocks of the coverage cache: a small LRU map, and the "epoch" of an instant, which
 * lets one evaluation serve every instant at which the graph is in the same state.
 *
 * Every time-dependent input of the engine changes its effect exactly at one of its instants
 * (a status change, a mapping revision, a creation or retirement, a review, an evidence item's
 * creation, collection or end of validity all apply "at or before T"). So two instants T0 < T1
 * give the same answer when no such instant lies in (T0, T1]. Counting the instants at or before
 * T therefore names the state at T exactly; the service only counts the instants after the moment
 * the graph was loaded (few: mostly evidence expiry dates), since "now" queries only move forward.
 */
import type { PreparedCoverageGraph } from '../domain/coverage/index.js';

/** A Map that forgets its least recently used entry beyond `capacity`. */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}

/** Every time-dependent instant of the prepared graph strictly after `after`, sorted, distinct. */
export function instantsAfter(prep: PreparedCoverageGraph, after: number): Float64Array {
  const arrays = [
    prep.changeTime,
    prep.mapCreated,
    prep.mapRetired,
    prep.revTime,
    prep.linkCreated,
    prep.linkRetired,
    prep.evCreated,
    prep.evCollected,
    prep.evValidUntil,
    prep.reviewTime,
    prep.markCreated,
    prep.markRetired,
  ];
  if (prep.exclusions) arrays.push(prep.exclusions.markCreated, prep.exclusions.markRetired);
  // Two tight passes (count, then copy) into one typed array: the arrays are large.
  let n = 0;
  for (const values of arrays) n += countAfter(values, after);
  const found = new Float64Array(n);
  let k = 0;
  for (const values of arrays) k = copyAfter(values, after, found, k);
  found.sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || found[i] !== found[distinct - 1]) found[distinct++] = found[i]!;
  return found.slice(0, distinct);
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
 * A key naming the state of the graph at `at`: instants from `loadedAt` on share a key while no
 * instant of the graph lies between them; earlier instants are keyed by themselves.
 */
export function epochKey(future: Float64Array, loadedAt: number, at: number): string {
  return at >= loadedAt ? `e${countAtOrBefore(future, at)}` : `t${at}`;
}
