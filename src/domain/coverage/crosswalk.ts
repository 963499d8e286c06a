/**
 * Rule 7 — crosswalk inference.
 *
 * A link "A ⟨rel⟩ B" (live at T: created at or before T, not retired at or before T) lets A use
 * B's mappings — B's own and those B inherits from its ancestors. Links are followed from source
 * to target only. Through EQUAL or SUBSET_OF a mapping keeps its kind; through SUPERSET_OF or
 * INTERSECTS_WITH it is at most PARTIAL; along a chain the weakest link decides. Chains have at
 * most `maxDepth` links. Like mappings, links apply to the descendants of their source: the links
 * followed from a requirement are its own and its ancestors' ("effective links").
 *
 * When several chains reach the same requirement, the engine keeps, per (requirement, all-strong?)
 * state, the shortest chain and among those the lexicographically smallest id path; a weak state
 * is dropped when the strong one was reached no later. Any walk (cycles included) is dominated by
 * one of the kept chains, so cycles terminate and the choice is deterministic.
 *
 * Reach sets are computed per "link owner" — the nearest requirement at or above the start that
 * has links of its own — since every requirement under that owner (and without links of its own)
 * follows exactly the same links. They are memoised for the instant.
 */
import { KIND_FULL } from './codes.js';
import { liveAt } from './indexing.js';
import type { PreparedCoverageGraph } from './prepare.js';

/** Requirement states reached from a start, in (depth, path) order. */
export interface ReachSet {
  readonly size: number;
  /** Requirement index reached. */
  readonly node: Int32Array;
  /** 1 when every link of the chain is EQUAL or SUBSET_OF. */
  readonly strong: Uint8Array;
  /** Number of links. */
  readonly depth: Uint8Array;
  /** Previous state on the chain; −1 for the first link from the start. */
  readonly pred: Int32Array;
}

const EMPTY: ReachSet = {
  size: 0,
  node: new Int32Array(0),
  strong: new Uint8Array(0),
  depth: new Uint8Array(0),
  pred: new Int32Array(0),
};

export class CrosswalkClosure {
  private readonly owners: Int32Array;
  private readonly links: (Int32Array | undefined)[];
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
    this.links = new Array<Int32Array | undefined>(n);
    this.reaches = new Array<ReachSet | undefined>(n);
    this.seen = new Int32Array(2 * n);
    if (maxDepth <= 0) return;
    const { start, items } = prep.reqLinks;
    const order = prep.reqOrder;
    for (let i = 0; i < order.length; i++) {
      const r = order[i]!;
      let own = false;
      for (let k = start[r]!, end = start[r + 1]!; k < end && !own; k++) {
        const l = items[k]!;
        own = liveAt(prep.linkCreated[l]!, prep.linkRetired[l]!, at);
      }
      const parent = prep.reqParent[r]!;
      this.owners[r] = own ? r : parent >= 0 ? this.owners[parent]! : -1;
    }
  }

  /** The requirement whose effective links `r` follows; −1 when it follows none. */
  ownerOf(r: number): number {
    return this.owners[r]!;
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

  /** Live effective links of `owner`, packed as target·2 + (strong ? 0 : 1), sorted, unique. */
  private effectiveLinks(owner: number): Int32Array {
    const cached = this.links[owner];
    if (cached) return cached;
    const prep = this.prep;
    const { start, items } = prep.reqLinks;
    const packed: number[] = [];
    for (let a = owner; a >= 0; a = prep.reqParent[a]!) {
      for (let k = start[a]!, end = start[a + 1]!; k < end; k++) {
        const l = items[k]!;
        if (liveAt(prep.linkCreated[l]!, prep.linkRetired[l]!, this.at)) {
          packed.push(prep.linkTarget[l]! * 2 + (prep.linkKind[l] === KIND_FULL ? 0 : 1));
        }
      }
    }
    packed.sort((x, y) => x - y);
    const unique = packed.filter((value, i) => i === 0 || value !== packed[i - 1]);
    return (this.links[owner] = Int32Array.from(unique));
  }

  private computeReach(owner: number): ReachSet {
    const stamp = ++this.stamp;
    const seen = this.seen;
    const node: number[] = [];
    const strong: number[] = [];
    const depth: number[] = [];
    const pred: number[] = [];
    const add = (links: Int32Array, fromStrong: boolean, d: number, from: number) => {
      for (let k = 0; k < links.length; k++) {
        const packed = links[k]!;
        const target = packed >> 1;
        const isStrong = fromStrong && (packed & 1) === 0;
        const key = target * 2 + (isStrong ? 0 : 1);
        if (seen[key] === stamp || (!isStrong && seen[target * 2] === stamp)) continue;
        seen[key] = stamp;
        node.push(target);
        strong.push(isStrong ? 1 : 0);
        depth.push(d);
        pred.push(from);
      }
    };
    add(this.effectiveLinks(owner), true, 1, -1);
    let layerStart = 0;
    for (let d = 1; d < this.maxDepth && layerStart < node.length; d++) {
      const layerEnd = node.length;
      for (let s = layerStart; s < layerEnd; s++) {
        const next = this.owners[node[s]!]!;
        if (next >= 0) add(this.effectiveLinks(next), strong[s] === 1, d + 1, s);
      }
      layerStart = layerEnd;
    }
    return {
      size: node.length,
      node: Int32Array.from(node),
      strong: Uint8Array.from(strong),
      depth: Uint8Array.from(depth),
      pred: Int32Array.from(pred),
    };
  }
}
