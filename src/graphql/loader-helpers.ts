/** Building blocks for DataLoaders. */
import DataLoader from 'dataloader';

/** A loader of rows by id; missing ids resolve to null. */
export function byIdLoader<T extends { id: number }>(fetch: (ids: readonly number[]) => Promise<T[]>) {
  return new DataLoader<number, T | null>(async (ids) => {
    const rows = await fetch(ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** A loader of all rows grouped under a parent key (already ordered by the fetch). */
export function groupLoader<K extends number | string, T>(
  fetch: (keys: readonly K[]) => Promise<T[]>,
  keyOf: (row: T) => K,
) {
  return new DataLoader<K, T[]>(async (keys) => {
    const groups = new Map<K, T[]>(keys.map((key) => [key, []]));
    for (const row of await fetch(keys)) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}
