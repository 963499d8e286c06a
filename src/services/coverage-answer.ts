/**
 * One evaluated (scope, instant, crosswalk options) of the coverage engine, with everything the
 * API derives from it: framework summaries, requirement details, the gap list in API order with
 * keyset paging, threat exposure, and what-if comparisons (control impact, simulation) against
 * the same time slice. Every query path reads the same evaluation, so summaries, gap lists,
 * per-requirement statuses and threat exposure always agree.
 *
 * Built by CoverageService, which caches answers; nothing here does I/O.
 */
import {
  TimeSlice,
  evaluateScope,
  evidenceExpiringAt,
  expiryOn,
  gapIndexOf,
  impactOn,
  resultOf,
  simulationOn,
  sumOfSummaries,
  type ControlStateOverride,
  type CoverageComparison,
  type CoverageImpact,
  type CoverageResult,
  type CoverageSimulation,
  type CoverageStatus,
  type CoverageSummary,
  type ControlState,
  type EvidenceExpiry,
  type FrameworkCoverage,
  type FrameworkSummaryChange,
  type GapIndex,
  type GapReasonCode,
  type PreparedCoverageGraph,
  type RequirementCoverage,
  type ScopeEvaluation,
  type ThreatExposure,
} from '../domain/coverage/index.js';
import type { FrameworkRow } from '../db/rows.js';
import { compareKeys, type SortKey } from '../domain/paging.js';

/** Which gaps to list (scope, instant and crosswalk options are the answer's). */
export interface GapFilter {
  frameworkId?: number | null;
  /** Gaps with at least one of these reasons. */
  reasons?: readonly GapReasonCode[] | null;
  /** Gaps with a reason naming one of these controls (the controlId and domain filters). */
  controlIds?: readonly number[] | null;
}

export interface GapPage {
  items: RequirementCoverage[];
  hasNextPage: boolean;
  /** Number of gaps matching the filter, over all pages (computed on call). */
  totalCount: () => number;
}

/** Gap order: (framework id, requirement id). */
export const gapSortKey = (gap: RequirementCoverage): SortKey => [gap.frameworkId, gap.requirementId];

/** The engine's what-if answers, as the API names them (domain/coverage/what-if.ts and expiry.ts). */
export type FrameworkSummaryComparison = FrameworkSummaryChange;
export type { CoverageComparison };
/** What breaks when one control stops being EFFECTIVE (forced to NOT_IMPLEMENTED). */
export type ControlImpactAnswer = CoverageImpact;
export type SimulationAnswer = CoverageSimulation;
/** What drops when one item of evidence expires (everything else as it is at the instant). */
export type EvidenceExpiryAnswer = EvidenceExpiry;

/** An item of evidence current at the instant whose validUntil falls in the window asked for. */
export interface ExpiringEvidenceItem {
  evidenceId: number;
  /** Epoch milliseconds. */
  validUntil: number;
  /** What would drop with it (computed on first call, then memoised with the evaluation). */
  effect(): EvidenceExpiryAnswer;
}

/** A framework's coverage, with the framework as it was when the graph was read. */
export interface FrameworkCoverageWithRow extends FrameworkCoverage {
  readonly frameworkRow: FrameworkRow | null;
}

/** What every instant of one epoch shares: the evaluation and what is derived from it. */
interface EvaluationCore {
  readonly result: CoverageResult;
  readonly evaluation: ScopeEvaluation;
  readonly prep: PreparedCoverageGraph;
  /** The framework rows read with the graph, by id. */
  readonly frameworkRows: ReadonlyMap<number, FrameworkRow>;
  /** `result.frameworks` with their rows (built on first use). */
  frameworkItems?: readonly FrameworkCoverageWithRow[];
  /** Gap requirement ids in API order and, per framework, their range in it (built on first use). */
  gapIndex?: GapIndex;
  /** What-if answers of expiring evidence, by evidence index (built on first use). */
  expiries?: Map<number, EvidenceExpiryAnswer>;
}

/**
 * The time slice every scope of one instant and crosswalk options shares (without crosswalks the
 * depth plays no part: pass 0).
 */
export const coverageSlice = (prep: PreparedCoverageGraph, at: number, depth: number): TimeSlice => new TimeSlice(prep, sliceQuery(at, depth));

/** {@link coverageSlice} from a slice of the graph `prep` added reviews to (TimeSlice.afterReviews); null when it does not qualify. */
export const afterReviewsSlice = (prep: PreparedCoverageGraph, at: number, depth: number, earlier: TimeSlice): TimeSlice | null =>
  TimeSlice.afterReviews(prep, sliceQuery(at, depth), earlier);

const sliceQuery = (at: number, depth: number) => ({ at, aiSystemId: null, viaCrosswalks: depth > 0, maxDepth: depth });

/** Evaluates one scope on a time slice: the answer CoverageService caches (no I/O). */
export function evaluateAnswer(
  slice: TimeSlice,
  options: { at: number; aiSystemId: number | null; viaCrosswalks: boolean; maxDepth: number },
  frameworkRows: ReadonlyMap<number, FrameworkRow>,
): CoverageAnswer {
  const evaluation = evaluateScope(slice, options.aiSystemId);
  return new CoverageAnswer(options.at, options.aiSystemId, options.viaCrosswalks, options.maxDepth, {
    result: resultOf(evaluation),
    evaluation,
    prep: slice.prep,
    frameworkRows,
  });
}

export class CoverageAnswer {
  private readonly core: EvaluationCore;

  constructor(
    /** The instant asked for (the evaluation may have been computed at an equivalent earlier one). */
    readonly at: number,
    readonly aiSystemId: number | null,
    readonly viaCrosswalks: boolean,
    readonly maxDepth: number,
    core: EvaluationCore,
  ) {
    this.core = core;
  }

  /** The same evaluation reported at another instant at which the graph is in the same state. */
  withInstant(at: number): CoverageAnswer {
    return at === this.at ? this : new CoverageAnswer(at, this.aiSystemId, this.viaCrosswalks, this.maxDepth, this.core);
  }

  /** The engine's result (its own `at` may be an earlier instant of the same state). */
  get result(): CoverageResult {
    return this.core.result;
  }

  private get evaluation(): ScopeEvaluation {
    return this.core.evaluation;
  }

  private get prep(): PreparedCoverageGraph {
    return this.core.prep;
  }

  /** Summaries of every framework in scope, by framework id. */
  get frameworks(): readonly FrameworkCoverageWithRow[] {
    const { core } = this;
    return (core.frameworkItems ??= this.result.frameworks.map((f) => ({ ...f, frameworkRow: core.frameworkRows.get(f.frameworkId) ?? null })));
  }

  framework(frameworkId: number): FrameworkCoverageWithRow | null {
    return this.frameworks.find((f) => f.frameworkId === frameworkId) ?? null;
  }

  /** Sum of the framework summaries. */
  totals(): CoverageSummary {
    return sumOfSummaries(this.result.frameworks.map((f) => f.summary));
  }

  requirement(requirementId: number): RequirementCoverage | null {
    return this.result.requirement(requirementId);
  }

  /**
   * The details of `requirement`, not kept with the evaluation: for a pass over every requirement
   * (the exports), which would otherwise keep them all for as long as the evaluation is cached.
   */
  requirementDetail(requirementId: number): RequirementCoverage | null {
    return this.result.requirementDetail(requirementId);
  }

  /** The parent of an evaluated requirement as evaluated (rule 10: at the instant); undefined when it was not evaluated. */
  evaluatedParentId(requirementId: number): number | null | undefined {
    if (this.result.status(requirementId) === null) return undefined;
    const parent = this.prep.reqParent[this.prep.reqIndex.get(requirementId)]!;
    return parent >= 0 ? this.prep.reqIds[parent]! : null;
  }

  status(requirementId: number): CoverageStatus | null {
    return this.result.status(requirementId);
  }

  /**
   * False when a not-applicable mark live at the instant in the scope covers the requirement or
   * an ancestor: the flags rule 4 gave this evaluation, so a leaf's status is NOT_APPLICABLE
   * exactly when this is false. null when the requirement is not live (withdrawn, under a
   * withdrawn parent, or unknown to the graph).
   */
  applicable(requirementId: number): boolean | null {
    const r = this.prep.reqIndex.get(requirementId);
    if (r < 0 || this.prep.reqLive[r] !== 1) return null;
    return this.evaluation.notApplicable[r] !== 1;
  }

  get threats(): readonly ThreatExposure[] {
    return this.result.threats;
  }

  threat(threatId: number): ThreatExposure | null {
    return this.result.threat(threatId);
  }

  controlState(controlId: number): ControlState | null {
    return this.result.controlState(controlId);
  }

  /**
   * One page of the applicable leaves that are not COVERED, ordered by (framework id,
   * requirement id), after the gap whose key is `after`.
   */
  gaps(filter: GapFilter, first: number, after: SortKey | null): GapPage {
    const index = this.gaps$();
    let from = 0;
    let to = index.requirementIds.length;
    if (filter.frameworkId != null) {
      const range = index.ranges.get(filter.frameworkId);
      [from, to] = range ?? [0, 0];
    }
    const matches = this.gapPredicate(filter);
    const total = () => {
      if (!matches) return to - from;
      let n = 0;
      for (let i = from; i < to; i++) if (matches(this.result.requirement(index.requirementIds[i]!)!)) n++;
      return n;
    };
    let start = from;
    if (after !== null) {
      if (after.length !== 2 || !after.every((k) => typeof k === 'number')) return { items: [], hasNextPage: false, totalCount: total };
      start = Math.max(from, this.firstGapAfter(after));
    }
    const items: RequirementCoverage[] = [];
    let hasNextPage = false;
    for (let i = start; i < to; i++) {
      const gap = this.result.requirement(index.requirementIds[i]!)!;
      if (matches && !matches(gap)) continue;
      if (items.length === first) {
        hasNextPage = true;
        break;
      }
      items.push(gap);
    }
    return { items, hasNextPage, totalCount: total };
  }

  /** Number of gaps (cheap: no details are built). */
  gapCount(frameworkId?: number | null): number {
    const index = this.gaps$();
    if (frameworkId == null) return index.requirementIds.length;
    const range = index.ranges.get(frameworkId);
    return range ? range[1] - range[0] : 0;
  }

  private gapPredicate(filter: GapFilter): ((gap: RequirementCoverage) => boolean) | null {
    const reasons = filter.reasons?.length ? new Set(filter.reasons) : null;
    const controls = filter.controlIds ? new Set(filter.controlIds) : null;
    if (!reasons && !controls) return null;
    return (gap) =>
      (!reasons || gap.reasons.some((r) => reasons.has(r.code))) &&
      (!controls || gap.reasons.some((r) => r.controlIds.some((c) => controls.has(c))));
  }

  /** Index of the first gap whose key is greater than `key`. */
  private firstGapAfter(key: SortKey): number {
    const { frameworkIds, requirementIds } = this.gaps$();
    let lo = 0;
    let hi = requirementIds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys([frameworkIds[mid]!, requirementIds[mid]!], key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private gaps$(): GapIndex {
    return (this.core.gapIndex ??= gapIndexOf(this.evaluation));
  }

  /**
   * What drops if `controlId` stopped being EFFECTIVE: requirements (of every framework in scope)
   * and threats whose status changes, and the frameworks whose counts change. Empty when the
   * control is not EFFECTIVE to begin with. null when the control is unknown to the graph.
   */
  impact(controlId: number): ControlImpactAnswer | null {
    return this.knowsControl(controlId) ? impactOn(this.evaluation, controlId) : null;
  }

  /**
   * Coverage with some control states forced, compared with coverage as it is. Every framework in
   * scope is listed. Controls unknown to the graph must be filtered out by the caller.
   */
  simulate(overrides: readonly ControlStateOverride[]): SimulationAnswer {
    return simulationOn(this.evaluation, overrides);
  }

  /**
   * Evidence CURRENT at the instant in this scope whose validUntil lies in (instant, `until`],
   * ordered by (validUntil, id), each with what would drop when it expires (the engine's
   * what-if, domain/coverage/expiry.ts). `everyScope`: items of every AI system, whatever the
   * scope (the metrics' count; their effects are not meaningful then).
   */
  expiringEvidence(until: number, everyScope = false): ExpiringEvidenceItem[] {
    const prep = this.prep;
    const indices = evidenceExpiringAt(prep, this.at, until, everyScope ? 'any' : this.aiSystemId);
    return indices.map((e) => ({ evidenceId: prep.evIds[e]!, validUntil: prep.evValidUntil[e]!, effect: () => this.expiryOf(e) }));
  }

  private expiryOf(e: number): EvidenceExpiryAnswer {
    const memo = (this.core.expiries ??= new Map());
    let answer = memo.get(e);
    if (!answer) memo.set(e, (answer = expiryOn(this.evaluation, e)));
    return answer;
  }

  /** True when the graph knows the control (it has a status history). */
  knowsControl(controlId: number): boolean {
    return this.prep.controlIndex.get(controlId) >= 0;
  }
}
