/**
 * Rule 4 — status of a leaf requirement at T in a scope: NOT_APPLICABLE when marked so (see
 * applicability.ts); COVERED when some FULL mapping (own, inherited or inferred) reaches an
 * EFFECTIVE control; PARTIAL when not COVERED but some mapping reaches an EFFECTIVE control;
 * UNCOVERED otherwise.
 */
import { COV_COVERED, COV_NOT_APPLICABLE, COV_PARTIAL, COV_UNCOVERED, KIND_FULL, KIND_NONE, KIND_PARTIAL } from './codes.js';
import type { CrosswalkClosure } from './crosswalk.js';

/** Status code of a leaf from its NA flag and the strongest kind reaching an EFFECTIVE control. */
export function leafStatus(notApplicable: boolean, effectiveKind: number): number {
  if (notApplicable) return COV_NOT_APPLICABLE;
  return effectiveKind === KIND_FULL ? COV_COVERED : effectiveKind === KIND_PARTIAL ? COV_PARTIAL : COV_UNCOVERED;
}

/**
 * Strongest kind reaching an EFFECTIVE control through the crosswalk chains of `owner`, given the
 * per-requirement kinds of effectiveKindsByRequirement (a weak chain caps the kind at PARTIAL).
 */
export function inferredEffectiveKind(closure: CrosswalkClosure, owner: number, effectiveKinds: Uint8Array): number {
  const set = closure.reachOf(owner);
  let best = KIND_NONE;
  for (let s = 0; s < set.size; s++) {
    const kind = effectiveKinds[set.node[s]!]!;
    const capped = set.strong[s] ? kind : Math.min(kind, KIND_PARTIAL);
    if (capped > best) {
      best = capped;
      if (best === KIND_FULL) break;
    }
  }
  return best;
}
