/**
 * Rule 4 (first part) — not-applicable marks. A mark counts at T when it was created at or before
 * T and not retired at or before T; in the organisation scope only global marks (no AI system)
 * count, in an AI system's scope global marks and the marks for that system. A requirement is not
 * applicable when it or one of its ancestors is so marked (a marked non-leaf makes every leaf
 * under it not applicable).
 */
import { liveAt } from './indexing.js';
import type { PreparedCoverageGraph } from './prepare.js';

/** 1 for every live requirement that is not applicable at T in the scope. */
export function notApplicableAt(prep: PreparedCoverageGraph, at: number, aiSystemId: number | null): Uint8Array {
  const out = new Uint8Array(prep.reqIds.length);
  const { start, items } = prep.reqMarks;
  const order = prep.reqOrder;
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    const parent = prep.reqParent[r]!;
    if (parent >= 0 && out[parent]) {
      out[r] = 1;
      continue;
    }
    for (let k = start[r]!, end = start[r + 1]!; k < end; k++) {
      const mark = items[k]!;
      const system = prep.markAiSystem[mark]!;
      if ((system === -1 || system === aiSystemId) && liveAt(prep.markCreated[mark]!, prep.markRetired[mark]!, at)) {
        out[r] = 1;
        break;
      }
    }
  }
  return out;
}
