/**
 * What-if analysis: a scope evaluated again at the same T with some control states forced (the
 * rest come from the history as usual), compared with the scope as it is. The API's controlImpact
 * and coverageSimulation are {@link impactOn} and {@link simulationOn} on its cached evaluation;
 * {@link impact} and {@link simulate} are the same rules on a graph and a query.
 *
 * A comparison lists the requirements (leaves and rolled-up parents) whose status changes, by
 * (framework id, requirement id), the threats whose exposure changes, by (framework id, threat
 * id), and the frameworks in scope with their counts before and after, by id; a framework
 * "changed" when its covered, partial or uncovered count differs.
 */
import { COV_NONE, STATE_NONE, coverageName, exposureName, stateCode, stateName } from './codes.js';
import { asPrepared, evaluateScope, normalizeQuery, resultOf, TimeSlice, type CoverageResult, type ScopeEvaluation } from './evaluate.js';
import type { PreparedCoverageGraph } from './prepare.js';
import { frameworkSummaries } from './roll-up.js';
import type {
  ControlState,
  ControlStateOverride,
  CoverageComparison,
  CoverageGraph,
  CoverageImpact,
  CoverageQuery,
  CoverageSimulation,
  CoverageSummary,
  FrameworkSummaryChange,
  RequirementStatusChange,
  ThreatExposureChange,
} from './types.js';

/** Converts overrides to control indices and state codes; controls absent from the snapshot are dropped. */
function forcedStates(prep: PreparedCoverageGraph, overrides: readonly ControlStateOverride[]): Map<number, number> {
  const forced = new Map<number, number>();
  for (const { controlId, state } of overrides) {
    const c = prep.controlIndex.get(controlId);
    if (c >= 0) forced.set(c, stateCode(state));
  }
  return forced;
}

/** Coverage with the given control states forced (a later override of the same control wins). */
export function simulate(
  graph: CoverageGraph | PreparedCoverageGraph,
  query: CoverageQuery,
  overrides: readonly ControlStateOverride[],
): CoverageResult {
  const slice = new TimeSlice(asPrepared(graph), normalizeQuery(query));
  return resultOf(evaluateScope(slice, query.aiSystemId, forcedStates(slice.prep, overrides)));
}

/** What drops when `controlId` stops being EFFECTIVE (see {@link impactOn}). */
export function impact(
  graph: CoverageGraph | PreparedCoverageGraph,
  query: CoverageQuery,
  controlId: number,
  options: { as?: ControlState } = {},
): CoverageImpact {
  const slice = new TimeSlice(asPrepared(graph), normalizeQuery(query));
  return impactOn(evaluateScope(slice, query.aiSystemId), controlId, options);
}

/**
 * What changes in the evaluated scope `before` when `controlId` takes state `options.as`
 * (default NOT_IMPLEMENTED): the frameworks whose counts change are listed. Empty lists, with
 * both states null, when the control does not exist at T (or is unknown to the graph); a control
 * that is not EFFECTIVE to begin with changes no status.
 */
export function impactOn(before: ScopeEvaluation, controlId: number, options: { as?: ControlState } = {}): CoverageImpact {
  const prep = before.slice.prep;
  const c = prep.controlIndex.get(controlId);
  if (c < 0 || before.controlStates[c] === STATE_NONE) {
    return { controlId, stateBefore: null, stateAfter: null, requirements: [], threats: [], frameworks: [] };
  }
  const forcedState = stateCode(options.as ?? 'NOT_IMPLEMENTED');
  const after = evaluateScope(before.slice, before.aiSystemId, new Map([[c, forcedState]]));
  const comparison = compareEvaluations(before, after);
  return {
    controlId,
    stateBefore: stateName(before.controlStates[c]!),
    stateAfter: stateName(forcedState),
    ...comparison,
    frameworks: comparison.frameworks.filter((f) => f.changed),
  };
}

/**
 * The evaluated scope `before` with some control states forced, compared with it as it is; every
 * framework in scope is listed. Controls unknown to the graph are dropped.
 */
export function simulationOn(before: ScopeEvaluation, overrides: readonly ControlStateOverride[]): CoverageSimulation {
  const prep = before.slice.prep;
  const forced = forcedStates(prep, overrides);
  const after = evaluateScope(before.slice, before.aiSystemId, forced);
  const controls = [...forced]
    .map(([c, state]) => ({ controlId: prep.controlIds[c]!, before: stateName(before.controlStates[c]!), after: stateName(state)! }))
    .sort((a, b) => a.controlId - b.controlId);
  return { controls, ...compareEvaluations(before, after) };
}

/** What changes from `before` to `after`, two evaluations of the same scope on the same time slice. */
export function compareEvaluations(before: ScopeEvaluation, after: ScopeEvaluation): CoverageComparison {
  const prep = before.slice.prep;
  return {
    requirements: requirementChanges(prep, before, after),
    threats: threatChanges(prep, before, after),
    frameworks: frameworkChanges(prep, before, after),
  };
}

function requirementChanges(prep: PreparedCoverageGraph, before: ScopeEvaluation, after: ScopeEvaluation): RequirementStatusChange[] {
  const out: RequirementStatusChange[] = [];
  for (let r = 0; r < before.status.length; r++) {
    const b = before.status[r]!;
    const a = after.status[r]!;
    if (b === a || b === COV_NONE) continue;
    out.push({
      requirementId: prep.reqIds[r]!,
      frameworkId: prep.frameworkIds[prep.reqFramework[r]!]!,
      leaf: before.leaf[r] === 1,
      before: coverageName(b)!,
      after: coverageName(a)!,
    });
  }
  return out.sort((x, y) => x.frameworkId - y.frameworkId || x.requirementId - y.requirementId);
}

function threatChanges(prep: PreparedCoverageGraph, before: ScopeEvaluation, after: ScopeEvaluation): ThreatExposureChange[] {
  const out: ThreatExposureChange[] = [];
  for (let t = 0; t < before.threatCodes.length; t++) {
    if (before.threatCodes[t] === after.threatCodes[t]) continue;
    out.push({
      threatId: prep.threatIds[t]!,
      frameworkId: prep.threatFrameworkIds[t]!,
      before: exposureName(before.threatCodes[t]!),
      after: exposureName(after.threatCodes[t]!),
    });
  }
  return out.sort((x, y) => x.frameworkId - y.frameworkId || x.threatId - y.threatId);
}

/** Framework summaries of an evaluation, by framework index (memoised: an evaluation is never changed). */
const summaries = new WeakMap<ScopeEvaluation, Map<number, CoverageSummary>>();
function summariesOf(prep: PreparedCoverageGraph, evaluation: ScopeEvaluation): Map<number, CoverageSummary> {
  let out = summaries.get(evaluation);
  if (!out) summaries.set(evaluation, (out = frameworkSummaries(prep, evaluation.status, evaluation.frameworkInScope, evaluation.leaf)));
  return out;
}

function frameworkChanges(prep: PreparedCoverageGraph, before: ScopeEvaluation, after: ScopeEvaluation): FrameworkSummaryChange[] {
  const a = summariesOf(prep, after);
  const out: FrameworkSummaryChange[] = [];
  for (const [f, summary] of summariesOf(prep, before)) {
    const next = a.get(f) ?? summary;
    const changed = summary.covered !== next.covered || summary.partial !== next.partial || summary.uncovered !== next.uncovered;
    out.push({ frameworkId: prep.frameworkIds[f]!, before: summary, after: next, changed });
  }
  return out.sort((x, y) => x.frameworkId - y.frameworkId);
}
