/**
 * Indexing helpers: id → dense index lookups and compressed sparse rows (CSR) that group item
 * indices by an owner index, each group optionally sorted by (time, id).
 */

/** Looks up the dense index of a row id; -1 when absent. */
export interface IdIndex {
  get(id: number): number;
  /** `get` of every id of a column, in one pass (what prepare uses on large columns). */
  getAll(ids: ArrayLike<number>): Int32Array;
}

class DenseIdIndex implements IdIndex {
  constructor(private readonly slots: Int32Array) {}
  get(id: number): number {
    return Number.isInteger(id) && id >= 0 && id < this.slots.length ? this.slots[id]! : -1;
  }
  getAll(ids: ArrayLike<number>): Int32Array {
    const slots = this.slots;
    const size = slots.length;
    const n = ids.length;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      // `size` is an Int32Array length, so (id | 0) === id tells an integer in range (NaN fails `>=`).
      out[i] = id >= 0 && id < size && (id | 0) === id ? slots[id]! : -1;
    }
    return out;
  }
}

/** Ids `first, first + 1, …, first + n − 1` in that order (the usual case: rows read by id). */
class RangeIdIndex implements IdIndex {
  constructor(
    private readonly first: number,
    private readonly n: number,
  ) {}
  get(id: number): number {
    const i = id - this.first;
    return i >= 0 && i < this.n && (i | 0) === i ? i : -1;
  }
  getAll(ids: ArrayLike<number>): Int32Array {
    const { first, n } = this;
    const count = ids.length;
    const out = new Int32Array(count);
    for (let k = 0; k < count; k++) {
      const i = ids[k]! - first;
      out[k] = i >= 0 && i < n && (i | 0) === i ? i : -1;
    }
    return out;
  }
}

class MapIdIndex implements IdIndex {
  constructor(private readonly map: Map<number, number>) {}
  get(id: number): number {
    return this.map.get(id) ?? -1;
  }
  getAll(ids: ArrayLike<number>): Int32Array {
    const n = ids.length;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.map.get(ids[i]!) ?? -1;
    return out;
  }
}

/**
 * Index of `ids[i] → i`. A flat array is used when the ids are dense enough, a Map otherwise.
 * On duplicate ids the first one wins.
 */
export function buildIdIndex(ids: ArrayLike<number>): IdIndex {
  const n = ids.length;
  const first = ids[0]!;
  if (n > 0 && Number.isInteger(first) && first >= 0 && first + n <= 0x7fffffff) {
    let k = 1;
    while (k < n && ids[k] === first + k) k++;
    if (k === n) return new RangeIdIndex(first, n);
  }
  let max = -1;
  let small = true;
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    if (!Number.isInteger(id) || id < 0) {
      small = false;
      break;
    }
    if (id > max) max = id;
  }
  if (small && max < 4 * n + 1024) {
    const slots = new Int32Array(max + 1).fill(-1);
    for (let i = n - 1; i >= 0; i--) slots[ids[i]!] = i;
    return new DenseIdIndex(slots);
  }
  const map = new Map<number, number>();
  for (let i = 0; i < n; i++) if (!map.has(ids[i]!)) map.set(ids[i]!, i);
  return new MapIdIndex(map);
}

/** Items grouped by owner: the items of owner o are `items[start[o]] … items[start[o + 1] − 1]`. */
export interface Csr {
  start: Int32Array;
  items: Int32Array;
}

/** Groups item indices 0…n−1 by `owner[i]` (−1: dropped), keeping input order in each group. */
export function buildCsr(owner: Int32Array, owners: number): Csr {
  const start = new Int32Array(owners + 1);
  const n = owner.length;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const o = owner[i]!;
    if (o >= 0) {
      start[o + 1]!++;
      kept++;
    }
  }
  for (let o = 0; o < owners; o++) start[o + 1]! += start[o]!;
  const fill = start.slice(0, owners);
  const items = new Int32Array(kept);
  for (let i = 0; i < n; i++) {
    const o = owner[i]!;
    if (o >= 0) items[fill[o]!++] = i;
  }
  return { start, items };
}

/** Sorts every group of `csr` by (time, id) ascending, in place (insertion sort: groups are short and usually sorted). */
export function sortGroupsByTime(csr: Csr, time: Float64Array, ids: Float64Array): void {
  const { start, items } = csr;
  const owners = start.length - 1;
  for (let o = 0; o < owners; o++) insertSorted(items, start[o]!, start[o]! + 1, start[o + 1]!, time, ids);
}

/**
 * Insertion sort of `items[from … to−1]` by (time, id) from position `next` on (the items before
 * it are in the order the sort left them): the steps {@link sortGroupsByTime} takes from there.
 */
function insertSorted(items: Int32Array, from: number, next: number, to: number, time: Float64Array, ids: Float64Array): void {
  for (let k = next; k < to; k++) {
    const item = items[k]!;
    const t = time[item]!;
    const id = ids[item]!;
    let j = k - 1;
    while (j >= from) {
      const other = items[j]!;
      const u = time[other]!;
      if (u < t || (u === t && ids[other]! <= id)) break;
      items[j + 1] = other;
      j--;
    }
    items[j + 1] = item;
  }
}

/**
 * The groups of items 0…n−1 sorted by time, as buildCsr then sortGroupsByTime give them, from
 * those of items 0…from−1 (`csr`, left as it is) and the owners of the items appended,
 * from…n−1 (`owners[k]` is item from + k's; −1: dropped). Each new item goes at the end of its
 * group, after the group's earlier items as buildCsr puts it, and is sorted in by the same
 * insertion steps sortGroupsByTime takes: the result is the same, item for item.
 */
export function appendToGroups(csr: Csr, owners: Int32Array, from: number, time: Float64Array, ids: Float64Array): Csr {
  const count = csr.start.length - 1;
  const added = new Map<number, number[]>();
  let n = 0;
  for (let k = 0; k < owners.length; k++) {
    const o = owners[k]!;
    if (o < 0) continue;
    const list = added.get(o);
    if (list) list.push(from + k);
    else added.set(o, [from + k]);
    n++;
  }
  if (n === 0) return csr;
  const groups = [...added.keys()].sort((a, b) => a - b);
  const start = new Int32Array(count + 1);
  let shift = 0;
  let o = 0;
  for (const g of groups) {
    for (; o <= g; o++) start[o] = csr.start[o]! + shift;
    shift += added.get(g)!.length;
  }
  for (; o <= count; o++) start[o] = csr.start[o]! + shift;
  const items = new Int32Array(csr.items.length + n);
  let read = 0;
  let write = 0;
  for (const g of groups) {
    const end = csr.start[g + 1]!;
    items.set(csr.items.subarray(read, end), write);
    write += end - read;
    read = end;
    const first = write;
    for (const item of added.get(g)!) items[write++] = item;
    insertSorted(items, start[g]!, Math.max(start[g]! + 1, first), write, time, ids);
  }
  items.set(csr.items.subarray(read), write);
  return { start, items };
}

/** `new Int32Array(rows.length)` filled with `f(row, i)`. */
export function i32<T>(rows: ArrayLike<T>, f: (row: T, i: number) => number): Int32Array {
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = f(rows[i]!, i);
  return out;
}

/** `new Uint8Array(rows.length)` filled with `f(row, i)`. */
export function u8<T>(rows: ArrayLike<T>, f: (row: T, i: number) => number): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = f(rows[i]!, i);
  return out;
}

/**
 * Position in `items[from … to−1]` (sorted by time) of the last item with `time ≤ at`; −1 when
 * there is none.
 */
export function lastAtOrBefore(items: Int32Array, from: number, to: number, time: Float64Array, at: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[items[mid]!]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1 >= from ? lo - 1 : -1;
}

/** "Live at T": created at or before T and not retired at or before T. */
export const liveAt = (createdAt: number, retiredAt: number, at: number): boolean => createdAt <= at && at < retiredAt;
