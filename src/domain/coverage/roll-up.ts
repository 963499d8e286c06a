/**
 * Rule 5 — roll-up. A requirement with children takes its status from the leaves under it:
 * NOT_APPLICABLE if every leaf is; otherwise, over the applicable leaves, COVERED if all are
 * COVERED, UNCOVERED if none is COVERED or PARTIAL, PARTIAL otherwise. Any framework or subtree is
 * summarised by its leaf counts and coverageRatio = covered / (total − notApplicable), null when
 * that denominator is 0.
 */
import { COV_COVERED, COV_NONE, COV_NOT_APPLICABLE, COV_PARTIAL, COV_UNCOVERED } from './codes.js';
import type { PreparedCoverageGraph } from './prepare.js';
import type { CoverageSummary } from './types.js';

/**
 * Leaf counts of the subtree of every evaluated non-leaf, by status, kept compactly: a leaf's
 * counts follow from its own status, so only non-leaves are stored (an evaluation is cached per
 * scope, and at size M a count per requirement and status was most of its memory).
 */
export interface LeafCounts {
  /** Requirement indices of the evaluated non-leaves, ascending. */
  readonly nonLeaves: Int32Array;
  /** Four per entry of nonLeaves: covered, partial, uncovered, notApplicable. */
  readonly tallies: Int32Array;
}

/** The summary of the leaves under requirement index `r` (itself for a leaf) from an evaluation's status and counts. */
export function subtreeSummary(counts: LeafCounts, status: Uint8Array, leaf: Uint8Array, r: number): CoverageSummary {
  if (leaf[r]) {
    const s = status[r]!;
    return summaryOf(s === COV_COVERED ? 1 : 0, s === COV_PARTIAL ? 1 : 0, s === COV_UNCOVERED ? 1 : 0, s === COV_NOT_APPLICABLE ? 1 : 0);
  }
  const { nonLeaves, tallies } = counts;
  let lo = 0;
  let hi = nonLeaves.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nonLeaves[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  if (nonLeaves[lo] !== r) return summaryOf(0, 0, 0, 0);
  return summaryOf(tallies[4 * lo]!, tallies[4 * lo + 1]!, tallies[4 * lo + 2]!, tallies[4 * lo + 3]!);
}

/** Status code rolled up from leaf counts; COV_NONE when there are no leaves. */
export function rollUpStatus(covered: number, partial: number, uncovered: number, notApplicable: number): number {
  const applicable = covered + partial + uncovered;
  if (applicable === 0) return notApplicable > 0 ? COV_NOT_APPLICABLE : COV_NONE;
  if (covered === applicable) return COV_COVERED;
  if (covered === 0 && partial === 0) return COV_UNCOVERED;
  return COV_PARTIAL;
}

export function summaryOf(covered: number, partial: number, uncovered: number, notApplicable: number): CoverageSummary {
  const total = covered + partial + uncovered + notApplicable;
  const applicable = total - notApplicable;
  return { total, covered, partial, uncovered, notApplicable, coverageRatio: applicable === 0 ? null : covered / applicable };
}

/** The summary of several summaries added up (e.g. every framework of a scope). */
export function sumOfSummaries(summaries: Iterable<CoverageSummary>): CoverageSummary {
  let covered = 0;
  let partial = 0;
  let uncovered = 0;
  let notApplicable = 0;
  for (const s of summaries) {
    covered += s.covered;
    partial += s.partial;
    uncovered += s.uncovered;
    notApplicable += s.notApplicable;
  }
  return summaryOf(covered, partial, uncovered, notApplicable);
}

/**
 * Counts, bottom-up, the leaves under every requirement from the leaf statuses in `status`
 * (COV_NONE: not evaluated), and writes the rolled-up status of every non-leaf of an in-scope
 * framework that no baseline excludes into `status`.
 */
export function rollUp(
  prep: PreparedCoverageGraph,
  status: Uint8Array,
  frameworkInScope: Uint8Array,
  leaf: Uint8Array,
  excluded: Uint8Array | null,
): LeafCounts {
  const n = prep.reqIds.length;
  const tally = scratchOf(4 * n);
  const covered = tally.subarray(0, n);
  const partial = tally.subarray(n, 2 * n);
  const uncovered = tally.subarray(2 * n, 3 * n);
  const notApplicable = tally.subarray(3 * n);
  const order = prep.reqOrder;
  for (let i = order.length - 1; i >= 0; i--) {
    const r = order[i]!;
    if (leaf[r]) {
      const s = status[r]!;
      if (s === COV_COVERED) covered[r] = 1;
      else if (s === COV_PARTIAL) partial[r] = 1;
      else if (s === COV_UNCOVERED) uncovered[r] = 1;
      else if (s === COV_NOT_APPLICABLE) notApplicable[r] = 1;
    } else if (frameworkInScope[prep.reqFramework[r]!] && !(excluded && excluded[r])) {
      status[r] = rollUpStatus(covered[r]!, partial[r]!, uncovered[r]!, notApplicable[r]!);
    }
    const parent = prep.reqParent[r]!;
    if (parent >= 0) {
      covered[parent]! += covered[r]!;
      partial[parent]! += partial[r]!;
      uncovered[parent]! += uncovered[r]!;
      notApplicable[parent]! += notApplicable[r]!;
    }
  }
  return compactCounts(status, leaf, covered, partial, uncovered, notApplicable);
}

/**
 * The per-requirement counting space of rollUp, zeroed, shared by every evaluation (they run one
 * at a time, synchronously, and keep only the compact counts): a pass over every scope at a large
 * size would otherwise leave four arrays per requirement as garbage per scope.
 */
let scratch = new Int32Array(0);
function scratchOf(length: number): Int32Array {
  if (scratch.length < length) scratch = new Int32Array(length);
  const out = scratch.subarray(0, length);
  out.fill(0);
  return out;
}

/** The counts of the evaluated non-leaves (see LeafCounts). */
function compactCounts(status: Uint8Array, leaf: Uint8Array, covered: Int32Array, partial: Int32Array, uncovered: Int32Array, notApplicable: Int32Array): LeafCounts {
  let k = 0;
  for (let r = 0; r < status.length; r++) if (status[r] !== COV_NONE && !leaf[r]) k++;
  const nonLeaves = new Int32Array(k);
  const tallies = new Int32Array(4 * k);
  k = 0;
  for (let r = 0; r < status.length; r++) {
    if (status[r] === COV_NONE || leaf[r]) continue;
    nonLeaves[k] = r;
    tallies[4 * k] = covered[r]!;
    tallies[4 * k + 1] = partial[r]!;
    tallies[4 * k + 2] = uncovered[r]!;
    tallies[4 * k + 3] = notApplicable[r]!;
    k++;
  }
  return { nonLeaves, tallies };
}

/** Leaf counts of every in-scope framework, keyed by framework index. */
export function frameworkSummaries(
  prep: PreparedCoverageGraph,
  status: Uint8Array,
  frameworkInScope: Uint8Array,
  leaf: Uint8Array,
): Map<number, CoverageSummary> {
  const nf = prep.frameworkIds.length;
  // Four slots per framework, indexed by status code − 1: NOT_APPLICABLE, UNCOVERED, PARTIAL, COVERED.
  const tally = new Int32Array(4 * nf);
  for (let r = 0; r < status.length; r++) {
    const s = status[r]!;
    if (s !== COV_NONE && leaf[r]) tally[4 * prep.reqFramework[r]! + s - 1]!++;
  }
  const out = new Map<number, CoverageSummary>();
  for (let f = 0; f < nf; f++) {
    if (frameworkInScope[f]) out.set(f, summaryOf(tally[4 * f + 3]!, tally[4 * f + 2]!, tally[4 * f + 1]!, tally[4 * f]!));
  }
  return out;
}
