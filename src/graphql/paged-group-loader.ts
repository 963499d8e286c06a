/**
 * DataLoaders for nested connections, too long to load whole for every parent (a framework's
 * requirements, a control's evidence, a requirement's children or links, …): each parent's page
 * is cut in SQL (at most `first` + 1 rows per parent, `groupPage` in
 * db/repositories/sql-helpers.ts), and every parent asked for with the same options and page
 * request in the same tick shares one statement.
 */
import DataLoader from 'dataloader';
import type { Page, PageRequest } from '../domain/paging.js';

export interface GroupPageKey<O> {
  parent: number;
  options: O;
  page: PageRequest;
}

export interface GroupCountKey<O> {
  parent: number;
  options: O;
}

/**
 * `fetch(parents, options, page)` returns, for every parent, the first `page.first + 1` rows
 * after `page.after`, in list order.
 */
export function groupPageLoader<O, T>(
  fetch: (parents: readonly number[], options: O, page: PageRequest) => Promise<T[]>,
  parentOf: (row: T) => number,
) {
  const cacheKey = (key: GroupPageKey<O>) => JSON.stringify([key.parent, key.options, key.page]);
  return new DataLoader<GroupPageKey<O>, Page<T>, string>(
    async (keys) => {
      const pages = new Map<string, Page<T>>();
      for (const group of groupBy(keys, (k) => JSON.stringify([k.options, k.page]))) {
        const { options, page } = group[0]!;
        const parents = [...new Set(group.map((k) => k.parent))];
        const rows = new Map<number, T[]>(parents.map((p) => [p, []]));
        for (const row of await fetch(parents, options, page)) rows.get(parentOf(row))?.push(row);
        for (const key of group) {
          const items = rows.get(key.parent) ?? [];
          pages.set(cacheKey(key), { items: items.slice(0, page.first), hasNextPage: items.length > page.first });
        }
      }
      return keys.map((key) => pages.get(cacheKey(key))!);
    },
    { cacheKeyFn: cacheKey },
  );
}

/** `fetch(parents, options)` returns the list length of each parent that has rows. */
export function groupCountLoader<O>(
  fetch: (parents: readonly number[], options: O) => Promise<{ parent: number; n: number }[]>,
) {
  const cacheKey = (key: GroupCountKey<O>) => JSON.stringify([key.parent, key.options]);
  return new DataLoader<GroupCountKey<O>, number, string>(
    async (keys) => {
      const counts = new Map<string, number>();
      for (const group of groupBy(keys, (k) => JSON.stringify(k.options))) {
        const { options } = group[0]!;
        const parents = [...new Set(group.map((k) => k.parent))];
        for (const { parent, n } of await fetch(parents, options)) counts.set(cacheKey({ parent, options }), n);
      }
      return keys.map((key) => counts.get(cacheKey(key)) ?? 0);
    },
    { cacheKeyFn: cacheKey },
  );
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}
