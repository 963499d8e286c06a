/** Field-level comparison used to keep catalog loads idempotent. */

/** The subset of `next` whose values differ from `current` (compared with ===, Dates by time). */
export function changedFields<T extends object>(current: T, next: Partial<T>): Partial<T> {
  const patch: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    const a = current[key];
    const b = next[key];
    const same = a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
    if (!same) patch[key] = b;
  }
  return patch;
}

export const isEmpty = (patch: object): boolean => Object.keys(patch).length === 0;

/**
 * Created / updated / unchanged / retired tallies of one kind of object. `retired`: retired,
 * withdrawn or removed by a REPLACE import (never deleted).
 */
export interface LoadCounts {
  created: number;
  updated: number;
  unchanged: number;
  retired: number;
}

export const zeroCounts = (): LoadCounts => ({ created: 0, updated: 0, unchanged: 0, retired: 0 });
