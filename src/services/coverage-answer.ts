/**
 * One evaluated (scope, instant, crosswalk options) of the coverage engine, with everything the
 * API derives from it: framework summaries, requirement details, the gap list in API order with
 * keyset paging, threat exposure, and what-if comparisons (control impact, simulation) against
 * the same time slice. Every query path reads the same evaluation, so summaries, gap lists,
 * per-requirement statuses and threat exposure always agree.
 *
 * Built by CoverageService, which caches answers; nothing here does I/O.
 */
import { sumOfSummaries } from '../domain/coverage/index.js';
import { COV_PARTIAL, COV_UNCOVERED, STATE_NONE, STATE_NOT_IMPLEMENTED, exposureName, stateName } from '../domain/coverage/codes.js';
import { TimeSlice, evaluateScope, resultOf, type ScopeEvaluation } from '../domain/coverage/evaluate.js';
import { frameworkSummaries } from '../domain/coverage/roll-up.js';
import { changedThreats, forcedStates, requirementChanges } from '../domain/coverage/what-if.js';
import { evidenceExpiringAt, evidenceExpiryEffect } from '../domain/coverage/expiry.js';
import type {
  ControlState,
  ControlStateOverride,
  CoverageResult,
  CoverageStatus,
  CoverageSummary,
  FrameworkCoverage,
  GapReasonCode,
  PreparedCoverageGraph,
  RequirementCoverage,
  RequirementStatusChange,
  ThreatExposure,
  ThreatExposureChange,
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

/** A framework's counts before and after a what-if change. */
export interface FrameworkSummaryComparison {
  frameworkId: number;
  before: CoverageSummary;
  after: CoverageSummary;
  changed: boolean;
}

/** What changes between the evaluation as it is and a what-if evaluation. */
export interface CoverageComparison {
  /** Requirements (leaves and rolled-up parents) whose status changes, by (framework id, requirement id). */
  requirements: RequirementStatusChange[];
  /** Threats whose exposure changes, by (framework id, threat id). */
  threats: (ThreatExposureChange & { frameworkId: number })[];
  /** Frameworks in scope with both summaries, by id (see each method for which are listed). */
  frameworks: FrameworkSummaryComparison[];
}

/** What breaks when one control stops being EFFECTIVE (forced to NOT_IMPLEMENTED). */
export interface ControlImpactAnswer extends CoverageComparison {
  controlId: number;
  /** The control's state as it is; null when it did not exist at the instant. */
  stateBefore: ControlState | null;
  /** NOT_IMPLEMENTED; null when it did not exist. */
  stateAfter: ControlState | null;
}

export interface SimulationAnswer extends CoverageComparison {
  /** The forced controls (last override of a control wins), by id, with their state before. */
  controls: { controlId: number; before: ControlState | null; after: ControlState }[];
}

/** What drops when one item of evidence expires (everything else as it is at the instant). */
export interface EvidenceExpiryAnswer extends CoverageComparison {
  evidenceId: number;
  /** The controls whose state would change, by id. */
  controls: { controlId: number; before: ControlState; after: ControlState }[];
}

/** An item of evidence current at the instant whose validUntil falls in the window asked for. */
export interface ExpiringEvidenceItem {
  evidenceId: number;
  /** Epoch milliseconds. */
  validUntil: number;
  /** What would drop with it (computed on first call, then memoised with the evaluation). */
  effect(): EvidenceExpiryAnswer;
}

/** What every instant of one epoch shares: the evaluation and what is derived from it. */
/** A framework's coverage, with the framework as it was when the graph was read. */
export interface FrameworkCoverageWithRow extends FrameworkCoverage {
  readonly frameworkRow: FrameworkRow | null;
}

interface EvaluationCore {
  readonly result: CoverageResult;
  readonly evaluation: ScopeEvaluation;
  readonly prep: PreparedCoverageGraph;
  /** The framework rows read with the graph, by id. */
  readonly frameworkRows: ReadonlyMap<number, FrameworkRow>;
  /** `result.frameworks` with their rows (built on first use). */
  frameworkItems?: readonly FrameworkCoverageWithRow[];
  /** Gap requirement ids in API order and, per framework, their range in it (built on first use). */
  gapIndex?: { frameworkIds: Float64Array; requirementIds: Float64Array; ranges: Map<number, [number, number]> };
  /** What-if answers of expiring evidence, by evidence index (built on first use). */
  expiries?: Map<number, EvidenceExpiryAnswer>;
}

/**
 * The time slice every scope of one instant and crosswalk options shares (without crosswalks the
 * depth plays no part: pass 0).
 */
export const coverageSlice = (prep: PreparedCoverageGraph, at: number, depth: number): TimeSlice =>
  new TimeSlice(prep, { at, aiSystemId: null, viaCrosswalks: depth > 0, maxDepth: depth });

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

  /** The engine's time slice (for what-if evaluations on the same instant). */
  private get slice(): TimeSlice {
    return this.evaluation.slice;
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

  private gaps$() {
    if (this.core.gapIndex) return this.core.gapIndex;
    const prep = this.prep;
    const status = this.evaluation.status;
    const buckets = new Map<number, number[]>();
    for (let r = 0; r < status.length; r++) {
      const s = status[r]!;
      if ((s === COV_PARTIAL || s === COV_UNCOVERED) && this.evaluation.leaf[r] === 1) {
        const f = prep.frameworkIds[prep.reqFramework[r]!]!;
        let bucket = buckets.get(f);
        if (!bucket) buckets.set(f, (bucket = []));
        bucket.push(prep.reqIds[r]!);
      }
    }
    const order = [...buckets.keys()].sort((a, b) => a - b);
    let n = 0;
    for (const f of order) n += buckets.get(f)!.length;
    const frameworkIds = new Float64Array(n);
    const requirementIds = new Float64Array(n);
    const ranges = new Map<number, [number, number]>();
    let k = 0;
    for (const f of order) {
      const start = k;
      for (const id of buckets.get(f)!) {
        frameworkIds[k] = f;
        requirementIds[k++] = id;
      }
      ranges.set(f, [start, k]);
    }
    return (this.core.gapIndex = { frameworkIds, requirementIds, ranges });
  }

  /**
   * What drops if `controlId` stopped being EFFECTIVE: requirements (of every framework in scope)
   * and threats whose status changes, and the frameworks whose counts change. Empty when the
   * control is not EFFECTIVE to begin with. null when the control is unknown to the graph.
   */
  impact(controlId: number): ControlImpactAnswer | null {
    const c = this.prep.controlIndex.get(controlId);
    if (c < 0) return null;
    const before = this.evaluation.controlStates[c]!;
    if (before === STATE_NONE) {
      return { controlId, stateBefore: null, stateAfter: null, requirements: [], threats: [], frameworks: [] };
    }
    const after = evaluateScope(this.slice, this.aiSystemId, new Map([[c, STATE_NOT_IMPLEMENTED]]));
    const comparison = this.compare(after);
    return {
      controlId,
      stateBefore: stateName(before),
      stateAfter: 'NOT_IMPLEMENTED',
      ...comparison,
      frameworks: comparison.frameworks.filter((f) => f.changed),
    };
  }

  /**
   * Coverage with some control states forced, compared with coverage as it is. Every framework in
   * scope is listed. Controls unknown to the graph must be filtered out by the caller.
   */
  simulate(overrides: readonly ControlStateOverride[]): SimulationAnswer {
    const forced = forcedStates(this.prep, overrides);
    const after = evaluateScope(this.slice, this.aiSystemId, forced);
    const controls = [...forced]
      .map(([c, state]) => ({
        controlId: this.prep.controlIds[c]!,
        before: stateName(this.evaluation.controlStates[c]!),
        after: stateName(state)!,
      }))
      .sort((a, b) => a.controlId - b.controlId);
    return { controls, ...this.compare(after) };
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
    const known = memo.get(e);
    if (known) return known;
    const prep = this.prep;
    const effect = evidenceExpiryEffect(this.slice, this.evaluation, e);
    const controls = [...effect.controls]
      .map(([c, [before, after]]) => ({ controlId: prep.controlIds[c]!, before: stateName(before)!, after: stateName(after)! }))
      .sort((a, b) => a.controlId - b.controlId);
    const comparison = this.compare(effect.after);
    const answer: EvidenceExpiryAnswer = { evidenceId: prep.evIds[e]!, controls, ...comparison, frameworks: comparison.frameworks.filter((f) => f.changed) };
    memo.set(e, answer);
    return answer;
  }

  /** True when the graph knows the control (it has a status history). */
  knowsControl(controlId: number): boolean {
    return this.prep.controlIndex.get(controlId) >= 0;
  }

  private compare(after: ScopeEvaluation): CoverageComparison {
    const prep = this.prep;
    const before = this.evaluation;
    const requirements = requirementChanges(prep, before, after).sort((x, y) => x.frameworkId - y.frameworkId || x.requirementId - y.requirementId);
    const threats = changedThreats(before, after)
      .map((t) => ({
        threatId: prep.threatIds[t]!,
        frameworkId: prep.threatFrameworkIds[t]!,
        before: exposureName(before.threatCodes[t]!),
        after: exposureName(after.threatCodes[t]!),
      }))
      .sort((x, y) => x.frameworkId - y.frameworkId || x.threatId - y.threatId);
    const afterSummaries = frameworkSummaries(prep, after.status, after.frameworkInScope, after.leaf);
    const frameworks = this.result.frameworks.map(({ frameworkId, summary }) => {
      const next = afterSummaries.get(prep.frameworkIndex.get(frameworkId)) ?? summary;
      const changed =
        summary.covered !== next.covered || summary.partial !== next.partial || summary.uncovered !== next.uncovered;
      return { frameworkId, before: summary, after: next, changed };
    });
    return { requirements, threats, frameworks };
  }
}
