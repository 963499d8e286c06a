/** Builds Relay connections from pages. */
import { encodeCursor, pageArray, pageRequest, type Page, type PageRequest, type SortKey } from '../domain/paging.js';
import type { ConnectionModel } from './models.js';
import type { GroupCountKey, GroupPageKey } from './paged-group-loader.js';

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

/** The two loaders of a nested list paged per parent in SQL (graphql/paged-group-loader.ts). */
export interface GroupLoaders<O, R> {
  pages: { load(key: GroupPageKey<O>): Promise<Page<R>> };
  counts: { load(key: GroupCountKey<O>): Promise<number> };
}

/**
 * One parent's nested connection (a control's evidence, a requirement's children, …): its page
 * is cut in SQL per parent (at most `first` + 1 rows) and read only when edges or pageInfo are
 * selected; its count only when totalCount is. `itemOf` turns a loaded row into the listed item
 * (a link row into the threat it names).
 */
export function groupConnection<O, R>(lists: GroupLoaders<O, R>, key: GroupCountKey<O>, args: PagingArgs, keyOf: (item: R) => SortKey): ConnectionModel<R>;
export function groupConnection<O, R, T>(
  lists: GroupLoaders<O, R>,
  key: GroupCountKey<O>,
  args: PagingArgs,
  keyOf: (item: T) => SortKey,
  itemOf: (row: R) => T,
): ConnectionModel<T>;
export function groupConnection<O, R, T>(
  lists: GroupLoaders<O, R>,
  key: GroupCountKey<O>,
  args: PagingArgs,
  keyOf: (item: T) => SortKey,
  itemOf?: (row: R) => T,
): ConnectionModel<T> {
  const page = pageRequest(args.first, args.after);
  const load = async (): Promise<Page<T>> => {
    const rows = await lists.pages.load({ ...key, page });
    return itemOf ? { ...rows, items: rows.items.map(itemOf) } : (rows as unknown as Page<T>);
  };
  return lazyConnection(load, keyOf, () => lists.counts.load(key));
}
