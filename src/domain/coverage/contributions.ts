/**
 * The controls reaching one requirement, each through the best of the ways it does: own and
 * inherited mappings (path [R]) and, with crosswalk inference, the mappings of the requirements
 * reached through links (path [R, B, …]). When a control is reached several ways the engine keeps
 * the strongest kind, then the shortest path, then the lexicographically smallest id path, then
 * the mapping held nearest to the path's end (own before inherited), then the smallest mapping id.
 * Controls that did not exist at T are left out. Contributions reached the same way share one
 * path array.
 */
import { KIND_FULL, KIND_PARTIAL, STATE_NONE, kindName, stateName } from './codes.js';
import type { CrosswalkClosure } from './crosswalk.js';
import type { PreparedCoverageGraph } from './prepare.js';
import type { Contribution, ControlState } from './types.js';

export interface ContributionContext {
  prep: PreparedCoverageGraph;
  mappingKinds: Uint8Array;
  controlStates: Uint8Array;
  closure: CrosswalkClosure | null;
}

const DIRECT = -1;

/**
 * Reusable per-control scratch space, so that building details allocates only the output. A
 * control's best so far: kind (0: not reached), reach state (DIRECT or a ReachSet index),
 * nearness of the mapping holder and mapping index.
 */
export class ContributionScratch {
  readonly kind: Uint8Array;
  readonly state: Int32Array;
  readonly nearness: Int32Array;
  readonly holder: Int32Array;
  readonly mapping: Int32Array;
  /** Controls reached so far (the first `count` entries). */
  readonly touched: Int32Array;
  count = 0;
  constructor(controls: number) {
    this.touched = new Int32Array(controls);
    this.kind = new Uint8Array(controls);
    this.state = new Int32Array(controls);
    this.nearness = new Int32Array(controls);
    this.holder = new Int32Array(controls);
    this.mapping = new Int32Array(controls);
  }
}

function comparePaths(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * Contributions to requirement `r` (an index), sorted by control id. Reach states are visited in
 * (depth, path) order, direct first, so for each control the first way found with a given kind
 * is the best for that kind; later ways only win with a stronger kind, or through the same state
 * with a nearer holder or, for the same holder, a smaller mapping id.
 */
export function contributionsOf(ctx: ContributionContext, scratch: ContributionScratch, r: number): Contribution[] {
  const { prep, controlStates, closure } = ctx;
  visit(ctx, scratch, r, DIRECT, KIND_FULL);
  const set = closure ? closure.reachOf(closure.ownerOf(r)) : null;
  if (set) {
    for (let s = 0; s < set.size; s++) {
      if (set.node[s] !== r) visit(ctx, scratch, set.node[s]!, s, set.strong[s] ? KIND_FULL : KIND_PARTIAL);
    }
  }
  const { kind, state, holder, mapping } = scratch;
  const touched = scratch.touched.subarray(0, scratch.count).sort();
  const id = prep.reqIds[r]!;
  const direct: readonly number[] = [id];
  let paths: Map<number, readonly number[]> | undefined;
  const out: Contribution[] = new Array(touched.length);
  for (let k = 0; k < touched.length; k++) {
    const c = touched[k]!;
    const s = state[c]!;
    let path = direct;
    if (s !== DIRECT && set && closure) {
      paths ??= new Map();
      const known = paths.get(s);
      if (known) path = known;
      else paths.set(s, (path = [id, ...closure.pathOf(set, s).map((i) => prep.reqIds[i]!)]));
    }
    out[k] = {
      controlId: prep.controlIds[c]!,
      state: stateName(controlStates[c]!) as ControlState,
      kind: kindName(kind[c]!),
      inferred: s !== DIRECT,
      path,
      mappedRequirementId: prep.reqIds[holder[c]!]!,
      mappingId: prep.mappingIds[mapping[c]!]!,
    };
    kind[c] = 0;
  }
  scratch.count = 0;
  return out;
}

/** Records the mappings of `node` (own, then inherited) reached through reach state `state`. */
function visit(ctx: ContributionContext, scratch: ContributionScratch, node: number, state: number, chainKind: number): void {
  const { prep, mappingKinds, controlStates } = ctx;
  const { start, items } = prep.reqMappings;
  const { kind: bestKind, state: bestState, nearness: bestNear, holder: bestHolder, mapping: bestMapping, touched } = scratch;
  for (let a = node, nearness = 0; a >= 0; a = prep.reqParent[a]!, nearness++) {
    for (let k = start[a]!, end = start[a + 1]!; k < end; k++) {
      const m = items[k]!;
      const mappingKind = mappingKinds[m]!;
      if (mappingKind === 0) continue;
      const control = prep.mapControl[m]!;
      if (controlStates[control] === STATE_NONE) continue;
      const kind = mappingKind < chainKind ? mappingKind : chainKind;
      const current = bestKind[control]!;
      if (current === 0) touched[scratch.count++] = control;
      else if (
        !(
          kind > current ||
          (kind === current &&
            bestState[control] === state &&
            bestNear[control] === nearness &&
            prep.mappingIds[m]! < prep.mappingIds[bestMapping[control]!]!)
        )
      ) {
        continue;
      }
      bestKind[control] = kind;
      bestState[control] = state;
      bestNear[control] = nearness;
      bestHolder[control] = a;
      bestMapping[control] = m;
    }
  }
}

/**
 * The contribution that justifies a COVERED (FULL and EFFECTIVE) or PARTIAL (EFFECTIVE) status:
 * the shortest path, then the smallest id path, then the smallest control id; null when none.
 */
export function justification(contributions: readonly Contribution[], fullOnly: boolean): Contribution | null {
  let via: Contribution | null = null;
  for (const c of contributions) {
    if (c.state !== 'EFFECTIVE' || (fullOnly && c.kind !== 'FULL')) continue;
    if (!via || c.path.length < via.path.length || (c.path.length === via.path.length && comparePaths(c.path, via.path) < 0)) {
      via = c;
    }
  }
  return via;
}
