/**
 * Rule 3 — mapping kind and inheritance.
 *
 * A mapping counts at T when it was created at or before T and not retired at or before T. Its
 * relationship at T is that of its latest revision with validFrom ≤ T (ties: larger id); a mapping
 * without such a revision does not count. FULL when the requirement is EQUAL or SUBSET_OF the
 * control, PARTIAL when SUPERSET_OF or INTERSECTS_WITH. A mapping on a requirement applies, with
 * the same kind, to all its descendants.
 */
import { KIND_NONE, STATE_EFFECTIVE } from './codes.js';
import { lastAtOrBefore, liveAt } from './indexing.js';
import type { PreparedCoverageGraph } from './prepare.js';

/** Kind of every mapping at T (KIND_NONE when it does not count). */
export function mappingKindsAt(prep: PreparedCoverageGraph, at: number): Uint8Array {
  const n = prep.mappingIds.length;
  const out = new Uint8Array(n);
  const { start, items } = prep.mapRevisions;
  for (let m = 0; m < n; m++) {
    if (prep.mapReq[m]! < 0 || prep.mapControl[m]! < 0) continue;
    if (!liveAt(prep.mapCreated[m]!, prep.mapRetired[m]!, at)) continue;
    const k = lastAtOrBefore(items, start[m]!, start[m + 1]!, prep.revTime, at);
    out[m] = k < 0 ? KIND_NONE : prep.revKind[items[k]!]!;
  }
  return out;
}

/**
 * For every live requirement, the strongest kind of its own and inherited mappings that reach an
 * EFFECTIVE control (KIND_NONE when none does). Computed once, top-down.
 */
export function effectiveKindsByRequirement(
  prep: PreparedCoverageGraph,
  mappingKinds: Uint8Array,
  controlStates: Uint8Array,
): Uint8Array {
  const out = new Uint8Array(prep.reqIds.length);
  const { start, items } = prep.reqMappings;
  const order = prep.reqOrder;
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    const parent = prep.reqParent[r]!;
    let best = parent >= 0 ? out[parent]! : KIND_NONE;
    for (let k = start[r]!, end = start[r + 1]!; k < end; k++) {
      const m = items[k]!;
      const kind = mappingKinds[m]!;
      if (kind > best && controlStates[prep.mapControl[m]!] === STATE_EFFECTIVE) best = kind;
    }
    out[r] = best;
  }
  return out;
}
