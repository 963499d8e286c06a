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
 * Strongest kind reaching an EFFECTIVE control through the crosswalk chains of at most
 * `closure.maxDepth` links from (a requirement owned by) `owner`, given the per-requirement kinds
 * of effectiveKindsByRequirement (a weak step caps the kind at PARTIAL). The same as the best over
 * the owner's reach set, computed without it: best(o, d) = the best over the own steps of o of
 * the kind at the step's requirement or best(its owner, d − 1), capped by the step, and
 * best(the owner of o's parent, d) for the links o's ancestors give it. `memo` holds best(o, d) + 1
 * (0: not computed) per depth, for one scope evaluation.
 */
export function inferredEffectiveKind(
  closure: CrosswalkClosure,
  owner: number,
  effectiveKinds: Uint8Array,
  memo: (Uint8Array | undefined)[],
): number {
  return bestWithin(closure, owner, closure.maxDepth, effectiveKinds, memo);
}

function bestWithin(closure: CrosswalkClosure, owner: number, depth: number, kinds: Uint8Array, memo: (Uint8Array | undefined)[]): number {
  if (owner < 0 || depth <= 0) return KIND_NONE;
  const layer = (memo[depth] ??= new Uint8Array(kinds.length));
  const known = layer[owner]!;
  if (known !== 0) return known - 1;
  const next = closure.ownSteps(owner).next;
  let best = KIND_NONE;
  for (let k = 0; k < next.length && best < KIND_FULL; k++) {
    const packed = next[k]!;
    const weak = (packed & 1) === 1;
    if (weak && best >= KIND_PARTIAL) continue;
    const to = packed >> 1;
    let kind = kinds[to]!;
    if (kind < KIND_FULL && depth > 1) {
      const further = bestWithin(closure, closure.ownerOf(to), depth - 1, kinds, memo);
      if (further > kind) kind = further;
    }
    if (weak && kind > KIND_PARTIAL) kind = KIND_PARTIAL;
    if (kind > best) best = kind;
  }
  if (best < KIND_FULL) {
    const inherited = bestWithin(closure, closure.parentOwnerOf(owner), depth, kinds, memo);
    if (inherited > best) best = inherited;
  }
  layer[owner] = best + 1;
  return best;
}
