/**
 * The prepared graph of the structure epoch of an instant (rule 10, see structure.ts). A prepared
 * graph serves the instants of its own epoch; another instant's epoch is prepared from the same
 * source, reusing the passes its structure does not touch, and kept (the few most recent per
 * source), so the instants of one epoch share one preparation.
 */
import { LruMap } from './lru.js';
import { epochOf } from './structure.js';
import { prepareCoverageGraph, type PreparedCoverageGraph } from './prepare.js';
import type { ColumnarCoverageGraph } from './columns.js';

/** Epochs kept per source graph, besides the one the caller holds. */
const EPOCHS_KEPT = 8;

const epochs = new WeakMap<ColumnarCoverageGraph, LruMap<number, PreparedCoverageGraph>>();

/** The preparation of the epoch of `at`: `prep` itself when `at` is in its epoch. */
export function preparedAt(prep: PreparedCoverageGraph, at: number): PreparedCoverageGraph {
  if (prep.epoch.from <= at && at < prep.epoch.to) return prep;
  const epoch = epochOf(prep.structureTimes, at);
  let kept = epochs.get(prep.source);
  if (!kept) epochs.set(prep.source, (kept = new LruMap(EPOCHS_KEPT)));
  let out = kept.get(epoch.from);
  if (!out) kept.set(epoch.from, (out = prepareCoverageGraph(prep.source, prep, at)));
  return out;
}
