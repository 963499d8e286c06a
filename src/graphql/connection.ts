/** Builds Relay connections from pages. */
import { encodeCursor, pageArray, pageRequest, type Page, type PageRequest, type SortKey } from '../domain/paging.js';
import type { ConnectionModel } from './models.js';

export interface PagingArgs {
  first?: number | null;
  after?: string | null;
}

/** Turns a page of items into a connection; `count` runs only if totalCount is selected. */
export function toConnection<T>(
  page: Page<T>,
  keyOf: (item: T) => SortKey,
  count: () => Promise<number> | number,
): ConnectionModel<T> {
  const edges = page.items.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: count,
  };
}

/**
 * A connection whose page is read only when its edges or pageInfo are selected: `{ totalCount }`
 * alone runs the count and no page read (nested lists paged per parent in SQL).
 */
export function lazyConnection<T>(
  load: () => Promise<Page<T>>,
  keyOf: (item: T) => SortKey,
  count: () => Promise<number> | number,
): ConnectionModel<T> {
  let connection: Promise<ConnectionModel<T>> | undefined;
  const loaded = () => (connection ??= load().then((page) => toConnection(page, keyOf, count)));
  return {
    get edges() {
      return loaded().then((c) => c.edges);
    },
    get pageInfo() {
      return loaded().then((c) => c.pageInfo);
    },
    totalCount: count,
  };
}

/** A connection over a whole, already ordered list (edges loaded by a DataLoader). */
export function arrayConnection<T>(
  items: readonly T[],
  keyOf: (item: T) => SortKey,
  args: PagingArgs,
): ConnectionModel<T> {
  const request: PageRequest = pageRequest(args.first, args.after);
  return toConnection(pageArray(items, keyOf, request), keyOf, () => items.length);
}

export { pageRequest };
