/**
 * The controls reaching one requirement, each through the best of the ways it does: own and
 * inherited mappings (path [R], no steps) and, with crosswalk inference, the mappings of the
 * requirements reached through links (path [R, B, …], one step per link). When a control is
 * reached several ways the engine keeps the strongest kind, then the fewest links, then the
 * smallest link ids (see crosswalk.ts), then the mapping held nearest to the path's end (own
 * before inherited), then the smallest mapping id. Controls that did not exist at T are left out.
 * Contributions reached the same way share one path array and one steps array.
 */
import { KIND_FULL, KIND_PARTIAL, STATE_NONE, inverseRelationshipCode, kindName, relationshipName, stateName } from './codes.js';
import { FORWARD, type CrosswalkClosure, type ReachSet } from './crosswalk.js';
import type { PreparedCoverageGraph } from './prepare.js';
import type { Contribution, ControlState, CrosswalkStep } from './types.js';

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

/** Order of ways of the same length: by link id, then FORWARD before INVERSE, from the first step. */
function compareSteps(a: readonly CrosswalkStep[], b: readonly CrosswalkStep[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.linkId !== y.linkId) return x.linkId - y.linkId;
    if (x.direction !== y.direction) return x.direction === 'FORWARD' ? -1 : 1;
  }
  return a.length - b.length;
}

const NO_STEPS: readonly CrosswalkStep[] = [];

/** The steps of the chain ending in state `s` of `set`, as the API names them. */
function stepsOf(prep: PreparedCoverageGraph, closure: CrosswalkClosure, set: ReachSet, s: number): CrosswalkStep[] {
  const nodes = closure.pathOf(set, s);
  return closure.stepsOf(set, s).map((packed, i) => {
    const l = packed >> 1;
    const forward = (packed & 1) === FORWARD;
    const code = prep.linkRelationship[l]!;
    return {
      requirementId: prep.reqIds[nodes[i]!]!,
      linkId: prep.linkIds[l]!,
      direction: forward ? 'FORWARD' : 'INVERSE',
      relationship: relationshipName(forward ? code : inverseRelationshipCode(code)),
    };
  });
}

/**
 * Contributions to requirement `r` (an index), sorted by control id. Reach states are visited in
 * (depth, link ids) order, direct first, so for each control the first way found with a given kind
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
  let ways: Map<number, { path: readonly number[]; steps: readonly CrosswalkStep[] }> | undefined;
  const out: Contribution[] = new Array(touched.length);
  for (let k = 0; k < touched.length; k++) {
    const c = touched[k]!;
    const s = state[c]!;
    let path = direct;
    let steps = NO_STEPS;
    if (s !== DIRECT && set && closure) {
      ways ??= new Map();
      let way = ways.get(s);
      if (!way) {
        way = { path: [id, ...closure.pathOf(set, s).map((i) => prep.reqIds[i]!)], steps: stepsOf(prep, closure, set, s) };
        ways.set(s, way);
      }
      ({ path, steps } = way);
    }
    out[k] = {
      controlId: prep.controlIds[c]!,
      state: stateName(controlStates[c]!) as ControlState,
      kind: kindName(kind[c]!),
      inferred: s !== DIRECT,
      path,
      steps,
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
 * the fewest links, then the smallest link ids, then the smallest control id; null when none.
 */
export function justification(contributions: readonly Contribution[], fullOnly: boolean): Contribution | null {
  let via: Contribution | null = null;
  for (const c of contributions) {
    if (c.state !== 'EFFECTIVE' || (fullOnly && c.kind !== 'FULL')) continue;
    if (!via || c.steps.length < via.steps.length || (c.steps.length === via.steps.length && compareSteps(c.steps, via.steps) < 0)) {
      via = c;
    }
  }
  return via;
}
