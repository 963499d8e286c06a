/**
 * Rule 7 — crosswalk inference, both directions.
 *
 * A link "A ⟨rel⟩ B" (live at T: created at or before T, not retired at or before T) also states
 * its inverse "B ⟨rel⁻¹⟩ A": EQUAL ↔ EQUAL, SUBSET_OF ↔ SUPERSET_OF, INTERSECTS_WITH ↔
 * INTERSECTS_WITH. Inference follows links either way, always reading the relation from the
 * requirement being evaluated towards the one whose mappings it receives: X receives Y's mappings
 * (Y's own and those Y inherits from its ancestors) when "X ⟨r⟩ Y" — FORWARD when X is the link's
 * source, INVERSE when X is its target. A step reading EQUAL or SUBSET_OF keeps the mapping's kind;
 * a step reading SUPERSET_OF or INTERSECTS_WITH makes it at most PARTIAL; along a chain the weakest
 * step decides. Chains have at most `maxDepth` links. Like mappings, links apply to the
 * descendants of both their ends, at every hop: the steps taken from a requirement are the links
 * of it and of its ancestors ("effective links"), each read from whichever end that is.
 *
 * Raw input may hold both "A → B" and "B → A" live (the API allows one live link per unordered
 * pair, but the engine does not rely on it): each link is then read both ways on its own, so A
 * reaches B by two steps and the best reading wins. An unknown relationship reads as
 * INTERSECTS_WITH both ways.
 *
 * Order of chains ("the strongest way"): all-strong before weak, then fewer links, then the
 * smallest link ids (the sequences of (link id, FORWARD before INVERSE) compared from the first
 * step). Per (requirement, all-strong?) state the engine keeps the first chain in that order; a
 * weak state is dropped when the strong one was reached no later. States are found breadth first
 * and each layer expands its states in order, taking their steps in (link id, direction) order,
 * so every layer is sorted and the first chain to reach a state is its best. Any walk (cycles
 * included) is dominated by one of the kept chains, so cycles terminate and the choice is
 * deterministic.
 *
 * Reach sets are computed per "link owner" — the nearest requirement at or above the start that
 * is an end of a live link — since every requirement under that owner (and not an end of a live
 * link itself) takes exactly the same steps. They are memoised for the instant and built only for
 * the contributions asked for: leaf statuses need only the strongest kind, which leaf-status.ts
 * computes from the steps without them.
 */
import { KIND_FULL, inverseRelationshipCode, relationshipCodeKind } from './codes.js';
import { liveAt } from './indexing.js';
import type { PreparedCoverageGraph } from './prepare.js';

/** Step directions, the low bit of a packed step (link index·2 + direction). */
export const FORWARD = 0;
export const INVERSE = 1;

/** Requirement states reached from a start, in (depth, link ids) order. */
export interface ReachSet {
  readonly size: number;
  /** Requirement index reached. */
  readonly node: Int32Array;
  /** 1 when every step of the chain reads EQUAL or SUBSET_OF. */
  readonly strong: Uint8Array;
  /** Number of links. */
  readonly depth: Uint8Array;
  /** Previous state on the chain; −1 for the first step from the start. */
  readonly pred: Int32Array;
  /** The step reaching the state: link index·2 + direction. */
  readonly step: Int32Array;
}

const EMPTY: ReachSet = {
  size: 0,
  node: new Int32Array(0),
  strong: new Uint8Array(0),
  depth: new Uint8Array(0),
  pred: new Int32Array(0),
  step: new Int32Array(0),
};

/** The live effective steps of an owner, sorted by (link id, direction). */
export interface Steps {
  /** link index·2 + direction. */
  readonly step: Int32Array;
  /** The requirement reached · 2 + (strong ? 0 : 1). */
  readonly next: Int32Array;
}

/** Whether a step reading a link in `direction` keeps a FULL kind. */
export function stepIsStrong(prep: PreparedCoverageGraph, link: number, direction: number): boolean {
  const code = prep.linkRelationship[link]!;
  return relationshipCodeKind(direction === FORWARD ? code : inverseRelationshipCode(code)) === KIND_FULL;
}

export class CrosswalkClosure {
  private readonly owners: Int32Array;
  private readonly steps: (Steps | undefined)[];
  private readonly own: (Steps | undefined)[];
  private readonly reaches: (ReachSet | undefined)[];
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(
    private readonly prep: PreparedCoverageGraph,
    private readonly at: number,
    readonly maxDepth: number,
  ) {
    const n = prep.reqIds.length;
    this.owners = new Int32Array(n).fill(-1);
    this.steps = new Array<Steps | undefined>(n);
    this.own = new Array<Steps | undefined>(n);
    this.reaches = new Array<ReachSet | undefined>(n);
    this.seen = new Int32Array(2 * n);
    if (maxDepth <= 0) return;
    const order = prep.reqOrder;
    for (let i = 0; i < order.length; i++) {
      const r = order[i]!;
      const own = this.hasLiveLink(prep.reqLinks, r) || this.hasLiveLink(prep.reqLinksIn, r);
      const parent = prep.reqParent[r]!;
      this.owners[r] = own ? r : parent >= 0 ? this.owners[parent]! : -1;
    }
  }

  private hasLiveLink(csr: PreparedCoverageGraph['reqLinks'], r: number): boolean {
    const { start, items } = csr;
    const prep = this.prep;
    for (let k = start[r]!, end = start[r + 1]!; k < end; k++) {
      const l = items[k]!;
      if (liveAt(prep.linkCreated[l]!, prep.linkRetired[l]!, this.at)) return true;
    }
    return false;
  }

  /** The requirement whose effective links `r` follows; −1 when it follows none. */
  ownerOf(r: number): number {
    return this.owners[r]!;
  }

  /** The owner whose effective links are those of `owner`'s ancestors; −1 for none. */
  parentOwnerOf(owner: number): number {
    const parent = this.prep.reqParent[owner]!;
    return parent >= 0 ? this.owners[parent]! : -1;
  }

  /** States reached from (any requirement owned by) `owner`. */
  reachOf(owner: number): ReachSet {
    if (owner < 0) return EMPTY;
    return (this.reaches[owner] ??= this.computeReach(owner));
  }

  /** Requirement indices of the chain ending in state `s`, without the start. */
  pathOf(set: ReachSet, s: number): number[] {
    const path: number[] = [];
    for (let k = s; k >= 0; k = set.pred[k]!) path.push(set.node[k]!);
    return path.reverse();
  }

  /** Packed steps (link index·2 + direction) of the chain ending in state `s`, in order. */
  stepsOf(set: ReachSet, s: number): number[] {
    const steps: number[] = [];
    for (let k = s; k >= 0; k = set.pred[k]!) steps.push(set.step[k]!);
    return steps.reverse();
  }

  /** Live effective steps of `owner`: its and its ancestors' links, each read from that end. */
  effectiveSteps(owner: number): Steps {
    return (this.steps[owner] ??= this.stepsFrom(owner, true));
  }

  /** Live steps of `owner`'s own links only (its ancestors' are those of its parent's owner). */
  ownSteps(owner: number): Steps {
    return (this.own[owner] ??= this.stepsFrom(owner, false));
  }

  private stepsFrom(owner: number, withAncestors: boolean): Steps {
    const prep = this.prep;
    const packed: number[] = [];
    for (let a = owner; a >= 0; a = withAncestors ? prep.reqParent[a]! : -1) {
      this.collect(prep.reqLinks, a, FORWARD, packed);
      this.collect(prep.reqLinksIn, a, INVERSE, packed);
    }
    packed.sort((x, y) => x - y);
    const step = Int32Array.from(packed);
    const next = new Int32Array(step.length);
    for (let k = 0; k < step.length; k++) {
      const l = step[k]! >> 1;
      const direction = step[k]! & 1;
      const to = direction === FORWARD ? prep.linkTarget[l]! : prep.linkSource[l]!;
      next[k] = to * 2 + (stepIsStrong(prep, l, direction) ? 0 : 1);
    }
    return { step, next };
  }

  private collect(csr: PreparedCoverageGraph['reqLinks'], a: number, direction: number, out: number[]): void {
    const { start, items } = csr;
    const prep = this.prep;
    for (let k = start[a]!, end = start[a + 1]!; k < end; k++) {
      const l = items[k]!;
      if (liveAt(prep.linkCreated[l]!, prep.linkRetired[l]!, this.at)) out.push(l * 2 + direction);
    }
  }

  private computeReach(owner: number): ReachSet {
    const stamp = ++this.stamp;
    const seen = this.seen;
    const node: number[] = [];
    const strong: number[] = [];
    const depth: number[] = [];
    const pred: number[] = [];
    const stepOf: number[] = [];
    const add = (steps: Steps, fromStrong: boolean, d: number, from: number) => {
      const { step, next } = steps;
      for (let k = 0; k < step.length; k++) {
        const packed = next[k]!;
        const target = packed >> 1;
        const isStrong = fromStrong && (packed & 1) === 0;
        const key = target * 2 + (isStrong ? 0 : 1);
        if (seen[key] === stamp || (!isStrong && seen[target * 2] === stamp)) continue;
        seen[key] = stamp;
        node.push(target);
        strong.push(isStrong ? 1 : 0);
        depth.push(d);
        pred.push(from);
        stepOf.push(step[k]!);
      }
    };
    add(this.effectiveSteps(owner), true, 1, -1);
    let layerStart = 0;
    for (let d = 1; d < this.maxDepth && layerStart < node.length; d++) {
      const layerEnd = node.length;
      for (let s = layerStart; s < layerEnd; s++) {
        const next = this.owners[node[s]!]!;
        if (next >= 0) add(this.effectiveSteps(next), strong[s] === 1, d + 1, s);
      }
      layerStart = layerEnd;
    }
    return {
      size: node.length,
      node: Int32Array.from(node),
      strong: Uint8Array.from(strong),
      depth: Uint8Array.from(depth),
      pred: Int32Array.from(pred),
      step: Int32Array.from(stepOf),
    };
  }
}
