/**
 * The engine: evaluates rules 1–9 for one scope at one instant, without any I/O.
 *
 * Work is split in three layers: the prepared graph (independent of T and scope, see
 * prepare.ts), a time slice (everything that depends on T only: mapping kinds, own control
 * statuses, evidence classes, crosswalk reach sets) and the scope evaluation (control states,
 * not-applicable flags, statuses, roll-ups, threats). Statuses of every requirement are computed
 * eagerly with typed arrays; the per-requirement details (contributions, reasons, paths) are
 * built lazily, on first request, and memoised.
 */
import {
  COV_COVERED,
  COV_NONE,
  COV_PARTIAL,
  COV_UNCOVERED,
  KIND_FULL,
  STATE_NONE,
  coverageName,
  exposureName,
  stateName,
} from './codes.js';
import { excludedAt, leavesIn, notApplicableAt } from './applicability.js';
import { ContributionScratch, contributionsOf, justification, type ContributionContext } from './contributions.js';
import { controlStatesAt, ownStatusesAt, scopedStatusesAt } from './control-state.js';
import { CrosswalkClosure } from './crosswalk.js';
import { inferredEffectiveKind, leafStatus } from './leaf-status.js';
import { effectiveKindsByRequirement, mappingKindsAt } from './mapping-kind.js';
import { isPrepared, prepareCoverageGraph, reviewsAppendedTo, serialOf, type PreparedCoverageGraph } from './prepare.js';
import { preparedAt } from './epochs.js';
import { gapReasons } from './reasons.js';
import { frameworkSummaries, rollUp, rollUpStatus, subtreeSummary, type LeafCounts } from './roll-up.js';
import { frameworksInScope } from './scope.js';
import { threatExposureCodes, threatExposureRecords } from './threats.js';
import {
  DEFAULT_MAX_DEPTH,
  THREAT_EXPOSURES,
  type ControlState,
  type CoverageGraph,
  type CoverageQuery,
  type CoverageStatus,
  type CoverageSummary,
  type FrameworkCoverage,
  type RequirementCoverage,
  type ThreatExposure,
  type ThreatExposureLevel,
} from './types.js';

/** A query with its defaults applied. */
export interface NormalizedQuery {
  at: number;
  aiSystemId: number | null;
  viaCrosswalks: boolean;
  maxDepth: number;
}

export function normalizeQuery(query: CoverageQuery): NormalizedQuery {
  if (!Number.isFinite(query.at)) throw new RangeError(`coverage: "at" must be a finite instant, got ${query.at}`);
  const maxDepth = query.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > 255) {
    throw new RangeError(`coverage: maxDepth must be an integer from 0 to 255, got ${maxDepth}`);
  }
  return { at: query.at, aiSystemId: query.aiSystemId, viaCrosswalks: query.viaCrosswalks ?? true, maxDepth };
}

export const asPrepared = (graph: CoverageGraph | PreparedCoverageGraph): PreparedCoverageGraph =>
  isPrepared(graph) ? graph : prepareCoverageGraph(graph);

/** Everything that depends on T (and the crosswalk options) but not on the scope. */
export class TimeSlice {
  /** The graph prepared for the structure epoch of T (see epochs.ts). */
  readonly prep: PreparedCoverageGraph;
  readonly mappingKinds: Uint8Array;
  readonly ownStatuses: Uint8Array;
  /** Evidence class per evidence index at T; 0 until computed. */
  readonly evidenceMemo: Uint8Array;
  /** Per control, the best class of its organisation-wide evidence at T, plus one; 0 until computed (see controlStatesAt). */
  readonly orgEvidenceBest: Uint8Array;
  readonly closure: CrosswalkClosure | null;

  /**
   * The slice of `graph` at `query.at`; or, given `earlier` (see {@link TimeSlice.afterReviews}),
   * that slice with what the appended reviews may change cleared.
   */
  constructor(
    graph: PreparedCoverageGraph,
    readonly query: NormalizedQuery,
    earlier?: { slice: TimeSlice; evidence: Int32Array },
  ) {
    const prep = (this.prep = preparedAt(graph, query.at));
    // The closure holds the graph it was built on: built again (it is cheap), so that no slice keeps an earlier graph alive.
    this.closure =
      query.viaCrosswalks && query.maxDepth > 0 && prep.reqLinks.items.length > 0 ? new CrosswalkClosure(prep, query.at, query.maxDepth) : null;
    if (earlier) {
      const { slice, evidence } = earlier;
      this.mappingKinds = slice.mappingKinds;
      this.ownStatuses = slice.ownStatuses;
      this.evidenceMemo = slice.evidenceMemo.slice();
      this.orgEvidenceBest = slice.orgEvidenceBest.slice();
      const changed = new Uint8Array(this.evidenceMemo.length);
      for (const e of evidence) {
        if (e < 0) continue;
        changed[e] = 1;
        this.evidenceMemo[e] = 0;
      }
      const { start, items } = prep.controlEvidence;
      for (let c = 0; c < this.orgEvidenceBest.length; c++) {
        for (let k = start[c]!, end = start[c + 1]!; k < end; k++) {
          if (changed[items[k]!]) {
            this.orgEvidenceBest[c] = 0;
            break;
          }
        }
      }
      return;
    }
    this.mappingKinds = mappingKindsAt(prep, query.at);
    this.ownStatuses = ownStatusesAt(prep, query.at);
    this.evidenceMemo = new Uint8Array(prep.evCreated.length);
    this.orgEvidenceBest = new Uint8Array(prep.controlIds.length);
  }

  /**
   * The slice of `graph` at `query.at`, from `earlier`: a slice of the graph `graph` was prepared
   * from by appending reviews only (reviewsAppendedTo, prepare.ts), at an instant that no instant
   * of that earlier graph separates from `query.at`, with the same crosswalk options. What no review
   * decides (mapping kinds, control statuses) is the same at both instants and is taken over; so
   * are the evidence classes, and the best class of the controls' evidence,
   * except those of the reviewed items and of the controls they support, which are computed anew
   * when asked. The same slice as one computed from scratch; null when `earlier` does not qualify.
   */
  static afterReviews(graph: PreparedCoverageGraph, query: NormalizedQuery, earlier: TimeSlice): TimeSlice | null {
    const appended = reviewsAppendedTo(graph);
    if (!appended || serialOf(earlier.prep) !== appended.previous || preparedAt(graph, query.at) !== graph) return null;
    if (earlier.query.viaCrosswalks !== query.viaCrosswalks || earlier.query.maxDepth !== query.maxDepth) return null;
    return new TimeSlice(graph, query, { slice: earlier, evidence: appended.evidence });
  }
}

/** Statuses and counts of one scope at one instant. */
export interface ScopeEvaluation {
  slice: TimeSlice;
  aiSystemId: number | null;
  frameworkInScope: Uint8Array;
  controlStates: Uint8Array;
  notApplicable: Uint8Array;
  /** Leaf flags in this scope at T (see leavesIn: baselines can turn a parent into a leaf). */
  leaf: Uint8Array;
  /** Status code per requirement index (COV_NONE: not evaluated). */
  status: Uint8Array;
  counts: LeafCounts;
  /** Exposure code per threat index (the records are built on first use, see CoverageResult.threats). */
  threatCodes: Uint8Array;
}

/**
 * Evaluates one scope. `forced` maps control indices to forced state codes (what-if), applied
 * after the states are computed from the history.
 */
export function evaluateScope(slice: TimeSlice, aiSystemId: number | null, forced?: ReadonlyMap<number, number>): ScopeEvaluation {
  const { prep, query } = slice;
  const statuses = scopedStatusesAt(prep, slice.ownStatuses, query.at, aiSystemId);
  const controlStates = controlStatesAt(prep, statuses, query.at, aiSystemId, slice.evidenceMemo, slice.orgEvidenceBest);
  if (forced) for (const [c, state] of forced) controlStates[c] = state;
  const frameworkInScope = frameworksInScope(prep, aiSystemId);
  const notApplicable = notApplicableAt(prep, query.at, aiSystemId);
  const excluded = excludedAt(prep, query.at, aiSystemId);
  const leaf = leavesIn(prep, excluded);
  const effectiveKinds = effectiveKindsByRequirement(prep, slice.mappingKinds, controlStates);
  const closure = slice.closure;
  const status = new Uint8Array(prep.reqIds.length);
  const inferredMemo: (Uint8Array | undefined)[] = [];
  const order = prep.reqOrder;
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    if (!leaf[r] || !frameworkInScope[prep.reqFramework[r]!] || (excluded && excluded[r])) continue;
    const na = notApplicable[r] === 1;
    let kind = effectiveKinds[r]!;
    if (closure && !na && kind < KIND_FULL) {
      const owner = closure.ownerOf(r);
      if (owner >= 0) {
        const inferred = inferredEffectiveKind(closure, owner, effectiveKinds, inferredMemo);
        if (inferred > kind) kind = inferred;
      }
    }
    status[r] = leafStatus(na, kind);
  }
  const counts = rollUp(prep, status, frameworkInScope, leaf, excluded);
  const threatCodes = threatExposureCodes(prep, status);
  return { slice, aiSystemId, frameworkInScope, controlStates, notApplicable, leaf, status, counts, threatCodes };
}

/** The outcome of {@link evaluateCoverage}. Unknown, withdrawn or out-of-scope ids give null. */
export interface CoverageResult {
  readonly at: number;
  readonly aiSystemId: number | null;
  readonly viaCrosswalks: boolean;
  readonly maxDepth: number;
  /** Summaries of the frameworks in scope, by id. */
  readonly frameworks: readonly FrameworkCoverage[];
  framework(frameworkId: number): FrameworkCoverage | null;
  /** Status of a requirement (cheap: no details are built). */
  status(requirementId: number): CoverageStatus | null;
  /** Full details of a requirement (built on first request, then memoised). */
  requirement(requirementId: number): RequirementCoverage | null;
  /** The same details, not memoised (built afresh unless already memoised): for one pass over many requirements. */
  requirementDetail(requirementId: number): RequirementCoverage | null;
  /** Ids of the evaluated requirements, ascending; of one framework when given. */
  requirementIds(frameworkId?: number): number[];
  /** Applicable leaves that are not COVERED, by requirement id; of one framework when given. */
  gaps(frameworkId?: number): RequirementCoverage[];
  /** Rule-5 counts of the leaves under a requirement (itself for a leaf). */
  subtree(requirementId: number): CoverageSummary | null;
  /** State of a control in the scope at T; null when it did not exist. */
  controlState(controlId: number): ControlState | null;
  /** States of every control existing at T, by control id. */
  controlStates(): ReadonlyMap<number, ControlState>;
  /** Exposure of every threat, by threat id (built on first use, then memoised). */
  readonly threats: readonly ThreatExposure[];
  /** Number of threats per exposure level (cheap: no records are built). */
  threatExposureCounts(): Record<ThreatExposureLevel, number>;
  threat(threatId: number): ThreatExposure | null;
}

class Result implements CoverageResult {
  readonly at: number;
  readonly aiSystemId: number | null;
  readonly viaCrosswalks: boolean;
  readonly maxDepth: number;
  readonly frameworks: readonly FrameworkCoverage[];
  private readonly prep: PreparedCoverageGraph;
  private readonly details = new Map<number, RequirementCoverage>();
  private readonly context: ContributionContext;
  private scratch: ContributionScratch | undefined;
  private threatIndex: Map<number, number> | undefined;
  private threatRecords: ThreatExposure[] | undefined;

  constructor(private readonly evaluation: ScopeEvaluation) {
    const { slice } = evaluation;
    this.prep = slice.prep;
    this.at = slice.query.at;
    this.aiSystemId = evaluation.aiSystemId;
    this.viaCrosswalks = slice.query.viaCrosswalks;
    this.maxDepth = slice.query.maxDepth;
    this.context = {
      prep: this.prep,
      mappingKinds: slice.mappingKinds,
      controlStates: evaluation.controlStates,
      closure: slice.closure,
    };
    this.frameworks = frameworkCoverages(evaluation);
  }

  framework(frameworkId: number): FrameworkCoverage | null {
    return this.frameworks.find((f) => f.frameworkId === frameworkId) ?? null;
  }

  private indexOf(requirementId: number): number {
    const r = this.prep.reqIndex.get(requirementId);
    return r >= 0 && this.evaluation.status[r] !== COV_NONE ? r : -1;
  }

  status(requirementId: number): CoverageStatus | null {
    const r = this.indexOf(requirementId);
    return r < 0 ? null : coverageName(this.evaluation.status[r]!);
  }

  subtree(requirementId: number): CoverageSummary | null {
    const r = this.indexOf(requirementId);
    if (r < 0) return null;
    const { counts, status, leaf } = this.evaluation;
    return subtreeSummary(counts, status, leaf, r);
  }

  requirement(requirementId: number): RequirementCoverage | null {
    const r = this.indexOf(requirementId);
    if (r < 0) return null;
    let detail = this.details.get(r);
    if (!detail) this.details.set(r, (detail = this.buildDetail(r)));
    return detail;
  }

  requirementDetail(requirementId: number): RequirementCoverage | null {
    const r = this.indexOf(requirementId);
    if (r < 0) return null;
    return this.details.get(r) ?? this.buildDetail(r);
  }

  private buildDetail(r: number): RequirementCoverage {
    const prep = this.prep;
    const code = this.evaluation.status[r]!;
    const leaf = this.evaluation.leaf[r] === 1;
    this.scratch ??= new ContributionScratch(prep.controlIds.length);
    const contributions = contributionsOf(this.context, this.scratch, r);
    const via = leaf && (code === COV_COVERED || code === COV_PARTIAL) ? justification(contributions, code === COV_COVERED) : null;
    const parent = prep.reqParent[r]!;
    return {
      requirementId: prep.reqIds[r]!,
      frameworkId: prep.frameworkIds[prep.reqFramework[r]!]!,
      parentId: parent >= 0 ? prep.reqIds[parent]! : null,
      leaf,
      status: coverageName(code)!,
      inferred: via !== null && via.inferred,
      via,
      contributions,
      reasons: leaf && (code === COV_PARTIAL || code === COV_UNCOVERED) ? gapReasons(contributions) : [],
      summary: this.subtree(prep.reqIds[r]!)!,
    };
  }

  requirementIds(frameworkId?: number): number[] {
    const prep = this.prep;
    const f = frameworkId === undefined ? -1 : prep.frameworkIndex.get(frameworkId);
    if (frameworkId !== undefined && f < 0) return [];
    const ids: number[] = [];
    const status = this.evaluation.status;
    for (let r = 0; r < status.length; r++) {
      if (status[r] !== COV_NONE && (f < 0 || prep.reqFramework[r] === f)) ids.push(prep.reqIds[r]!);
    }
    return ids;
  }

  gaps(frameworkId?: number): RequirementCoverage[] {
    return this.requirementIds(frameworkId)
      .filter((id) => {
        const r = this.prep.reqIndex.get(id);
        const s = this.evaluation.status[r]!;
        return this.evaluation.leaf[r] === 1 && (s === COV_PARTIAL || s === COV_UNCOVERED);
      })
      .map((id) => this.requirement(id)!);
  }

  controlState(controlId: number): ControlState | null {
    const c = this.prep.controlIndex.get(controlId);
    return c < 0 ? null : stateName(this.evaluation.controlStates[c]!);
  }

  controlStates(): ReadonlyMap<number, ControlState> {
    return stateMap(this.prep, this.evaluation.controlStates);
  }

  get threats(): readonly ThreatExposure[] {
    return (this.threatRecords ??= threatExposureRecords(this.prep, this.evaluation.status, this.evaluation.threatCodes));
  }

  threatExposureCounts(): Record<ThreatExposureLevel, number> {
    const out = Object.fromEntries(THREAT_EXPOSURES.map((level) => [level, 0])) as Record<ThreatExposureLevel, number>;
    for (const code of this.evaluation.threatCodes) out[exposureName(code)]++;
    return out;
  }

  threat(threatId: number): ThreatExposure | null {
    const threats = this.threats;
    this.threatIndex ??= new Map(threats.map((t, i) => [t.threatId, i]));
    const t = this.threatIndex.get(threatId);
    return t === undefined ? null : threats[t]!;
  }
}

function frameworkCoverages(evaluation: ScopeEvaluation): FrameworkCoverage[] {
  const prep = evaluation.slice.prep;
  const out: FrameworkCoverage[] = [];
  for (const [f, summary] of frameworkSummaries(prep, evaluation.status, evaluation.frameworkInScope, evaluation.leaf)) {
    const { covered, partial, uncovered, notApplicable } = summary;
    out.push({
      frameworkId: prep.frameworkIds[f]!,
      status: coverageName(rollUpStatus(covered, partial, uncovered, notApplicable)),
      summary,
    });
  }
  return out.sort((a, b) => a.frameworkId - b.frameworkId);
}

function stateMap(prep: PreparedCoverageGraph, states: Uint8Array): Map<number, ControlState> {
  const out = new Map<number, ControlState>();
  for (let c = 0; c < states.length; c++) {
    if (states[c] !== STATE_NONE) out.set(prep.controlIds[c]!, stateName(states[c]!)!);
  }
  return out;
}

export const resultOf = (evaluation: ScopeEvaluation): CoverageResult => new Result(evaluation);

/**
 * Coverage of every framework in the scope at `query.at`. Pass a graph prepared with
 * {@link prepareCoverageGraph} when running several queries on the same snapshot.
 */
export function evaluateCoverage(graph: CoverageGraph | PreparedCoverageGraph, query: CoverageQuery): CoverageResult {
  const slice = new TimeSlice(asPrepared(graph), normalizeQuery(query));
  return resultOf(evaluateScope(slice, query.aiSystemId));
}

/** States of every control existing at T in the scope (rule 2), by control id. */
export function controlStates(
  graph: CoverageGraph | PreparedCoverageGraph,
  query: Pick<CoverageQuery, 'at' | 'aiSystemId'>,
): ReadonlyMap<number, ControlState> {
  const { at, aiSystemId } = normalizeQuery({ ...query, viaCrosswalks: false });
  const prep = preparedAt(asPrepared(graph), at);
  const statuses = scopedStatusesAt(prep, ownStatusesAt(prep, at), at, aiSystemId);
  return stateMap(prep, controlStatesAt(prep, statuses, at, aiSystemId, new Uint8Array(prep.evCreated.length)));
}

/**
 * Coverage of several scopes (null: the organisation) at the same instant, in the given order.
 * Cheaper than one {@link evaluateCoverage} call per scope: mapping kinds, own control statuses,
 * evidence classes and crosswalk reach sets are computed once for all of them.
 */
export function evaluateScopes(
  graph: CoverageGraph | PreparedCoverageGraph,
  query: Omit<CoverageQuery, 'aiSystemId'>,
  aiSystemIds: readonly (number | null)[],
): CoverageResult[] {
  const slice = new TimeSlice(asPrepared(graph), normalizeQuery({ ...query, aiSystemId: null }));
  return aiSystemIds.map((aiSystemId) => resultOf(evaluateScope(slice, aiSystemId)));
}
