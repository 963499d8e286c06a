/**
 * The gap list of an evaluated scope in API order: the applicable leaves that are not COVERED
 * (PARTIAL or UNCOVERED), ordered by (framework id, requirement id), with each framework's range
 * in it (a framework filter is then a slice, and keyset paging a binary search).
 */
import { COV_PARTIAL, COV_UNCOVERED } from './codes.js';
import type { ScopeEvaluation } from './evaluate.js';

export interface GapIndex {
  /** Framework id of each gap, in order. */
  readonly frameworkIds: Float64Array;
  /** Requirement id of each gap, in order. */
  readonly requirementIds: Float64Array;
  /** Per framework id, its gaps' [start, end) in the order. */
  readonly ranges: ReadonlyMap<number, readonly [number, number]>;
}

export function gapIndexOf(evaluation: ScopeEvaluation): GapIndex {
  const prep = evaluation.slice.prep;
  const { status, leaf } = evaluation;
  const buckets = new Map<number, number[]>();
  for (let r = 0; r < status.length; r++) {
    const s = status[r]!;
    if ((s === COV_PARTIAL || s === COV_UNCOVERED) && leaf[r] === 1) {
      const f = prep.frameworkIds[prep.reqFramework[r]!]!;
      let bucket = buckets.get(f);
      if (!bucket) buckets.set(f, (bucket = []));
      bucket.push(prep.reqIds[r]!);
    }
  }
  const order = [...buckets.keys()].sort((a, b) => a - b);
  let n = 0;
  for (const f of order) n += buckets.get(f)!.length;
  const frameworkIds = new Float64Array(n);
  const requirementIds = new Float64Array(n);
  const ranges = new Map<number, [number, number]>();
  let k = 0;
  for (const f of order) {
    const start = k;
    for (const id of buckets.get(f)!) {
      frameworkIds[k] = f;
      requirementIds[k++] = id;
    }
    ranges.set(f, [start, k]);
  }
  return { frameworkIds, requirementIds, ranges };
}
