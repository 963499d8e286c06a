/**
 * Rule 4 (first part) — not-applicable marks. A mark counts at T when it was created at or before
 * T and not retired at or before T; in the organisation scope only global marks (no AI system)
 * count, in an AI system's scope global marks and the marks for that system. A requirement is not
 * applicable when it or one of its ancestors is so marked (a marked non-leaf makes every leaf
 * under it not applicable).
 *
 * Baselines (rules 5 and 9, refined) — an applied baseline (an OSCAL profile's selection) is the
 * applicable set of its framework: requirements outside it are excluded from the scope, as a
 * framework that does not apply to an AI system is (no status, not counted). Exclusions are read
 * exactly like marks (live at T, organisation-wide or the scope's system, inherited by
 * descendants). A requirement whose live children are all excluded is evaluated as a leaf: a
 * profile selecting AC-2 without its enhancements makes AC-2 itself one applicable requirement.
 */
import { liveAt } from './indexing.js';
import type { PreparedCoverageGraph, PreparedMarks } from './prepare.js';

/** 1 for every live requirement marked (itself or an ancestor) by a mark live at T in the scope. */
function markedAt(prep: PreparedCoverageGraph, marks: PreparedMarks, at: number, aiSystemId: number | null): Uint8Array {
  const out = new Uint8Array(prep.reqIds.length);
  const { start, items } = marks.reqMarks;
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
      const system = marks.markAiSystem[mark]!;
      if ((system === -1 || system === aiSystemId) && liveAt(marks.markCreated[mark]!, marks.markRetired[mark]!, at)) {
        out[r] = 1;
        break;
      }
    }
  }
  return out;
}

/** 1 for every live requirement that is not applicable at T in the scope. */
export function notApplicableAt(prep: PreparedCoverageGraph, at: number, aiSystemId: number | null): Uint8Array {
  return markedAt(prep, prep, at, aiSystemId);
}

/** The requirements outside the scope's applied baselines at T; null when no baseline restricts anything. */
export function excludedAt(prep: PreparedCoverageGraph, at: number, aiSystemId: number | null): Uint8Array | null {
  if (!prep.exclusions) return null;
  const excluded = markedAt(prep, prep.exclusions, at, aiSystemId);
  return excluded.includes(1) ? excluded : null;
}

/**
 * Leaf flags in a scope: the prepared leaves, plus every live requirement that is not excluded
 * but whose live children all are. `prep.reqLeaf` itself when nothing is excluded.
 */
export function leavesIn(prep: PreparedCoverageGraph, excluded: Uint8Array | null): Uint8Array {
  if (!excluded) return prep.reqLeaf;
  const leaf = prep.reqLeaf.slice();
  const { start, items } = prep.reqChildren;
  for (let r = 0; r < leaf.length; r++) {
    if (leaf[r] || !prep.reqLive[r] || excluded[r]) continue;
    let allExcluded = true;
    for (let k = start[r]!, end = start[r + 1]!; k < end && allExcluded; k++) allExcluded = excluded[items[k]!] === 1;
    if (allExcluded) leaf[r] = 1;
  }
  return leaf;
}
