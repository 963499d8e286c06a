/**
 * Forward paging shared by every list. Items are ordered by a key tuple (ending in the row id,
 * so the order is total); a cursor is the opaque encoding of the last key seen.
 */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export type SortKey = readonly (string | number)[];

export interface PageRequest {
  /** Number of items wanted, 0..MAX_PAGE_SIZE. */
  first: number;
  /** Key of the item to continue after, or null to start at the beginning. */
  after: SortKey | null;
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}

export class PagingError extends Error {}

/** Validates `first`/`after` as given by a client. Throws PagingError with a clear message. */
export function pageRequest(first: number | null | undefined, after: string | null | undefined): PageRequest {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new PagingError(`"first" must be an integer from 0 to ${MAX_PAGE_SIZE}; got ${String(first)}`);
  }
  return { first: size, after: after == null ? null : decodeCursor(after) };
}

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): SortKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  const valid =
    Array.isArray(key) &&
    key.length > 0 &&
    key.every((part) => typeof part === 'string' || (typeof part === 'number' && Number.isFinite(part)));
  if (!valid || encodeCursor(key as SortKey) !== cursor) {
    throw new PagingError('"after" is not a cursor returned by this list');
  }
  return key as SortKey;
}

/** Compares two sort keys element by element. */
export function compareKeys(a: SortKey, b: SortKey): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

/** Pages an already ordered in-memory list (used for edges loaded whole by DataLoaders). */
export function pageArray<T>(items: readonly T[], keyOf: (item: T) => SortKey, request: PageRequest): Page<T> {
  const after = request.after;
  const start = after === null ? 0 : items.findIndex((item) => compareKeys(keyOf(item), after) > 0);
  const from = start === -1 ? items.length : start;
  return {
    items: items.slice(from, from + request.first),
    hasNextPage: from + request.first < items.length,
  };
}
