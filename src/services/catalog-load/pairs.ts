/**
 * The shared rules for mappings and crosswalk links, pairs that are retired and never deleted
 * (see the policies in catalog-loader.ts): a pair's live row is left alone, updated (MERGE,
 * REPLACE) or brought back (REPLACE only, when retired); a pair seen twice in one load is
 * written once.
 */
import type { CountOutcome } from '../../domain/import/types.js';
import type { LoadState } from './load-state.js';

/** A (requirement, control) or (source, target) pair: its live row, whether a retired row exists, whether this load wrote it. */
export interface PairState<T> {
  live: T | undefined;
  retired: boolean;
  written: boolean;
}

/** The pairs of `rows` (live and retired) by `keyOf`. */
export function pairHistory<T extends { retiredAt: Date | null }>(rows: readonly T[], keyOf: (row: T) => string): Map<string, PairState<T>> {
  const history = new Map<string, PairState<T>>();
  for (const row of rows) {
    const state = history.get(keyOf(row)) ?? { live: undefined, retired: false, written: false };
    if (row.retiredAt === null) state.live = row;
    else state.retired = true;
    history.set(keyOf(row), state);
  }
  return history;
}

/** Writes one pair of the file by the rules above; `what` names it in a warning. */
export async function upsertPair<T>(
  load: LoadState,
  key: string,
  history: Map<string, PairState<T>>,
  location: string,
  what: string,
  actions: { same(live: T): boolean; update(live: T): Promise<void>; insert(): Promise<void> },
): Promise<CountOutcome> {
  const state = history.get(key) ?? { live: undefined, retired: false, written: false };
  history.set(key, state);
  if (state.written) return 'unchanged'; // the same pair again in this load
  state.written = true;
  if (state.live !== undefined) {
    if (!load.importing || actions.same(state.live)) return 'unchanged';
    await actions.update(state.live);
    return 'updated';
  }
  if (state.retired && load.policy !== 'REPLACE') {
    if (load.importing) load.warn(location, `the ${what} was retired here; MERGE does not bring it back (REPLACE does)`);
    return 'unchanged';
  }
  await actions.insert();
  return 'created';
}
