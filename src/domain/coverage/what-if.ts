/**
 * What-if analysis. `simulate` evaluates the scope with some control states forced (the rest come
 * from the history as usual). `impact` compares the scope with one control as it is and with it
 * no longer EFFECTIVE (forced to NOT_IMPLEMENTED unless another state is given), listing the
 * requirements, threats and frameworks whose status or counts change.
 */
import { COV_NONE, STATE_NONE, coverageName, exposureName, stateCode, stateName } from './codes.js';
import { asPrepared, evaluateScope, normalizeQuery, resultOf, TimeSlice, type CoverageResult, type ScopeEvaluation } from './evaluate.js';
import type { PreparedCoverageGraph } from './prepare.js';
import { frameworkSummaries } from './roll-up.js';
import type {
  ControlState,
  ControlStateOverride,
  CoverageGraph,
  CoverageImpact,
  CoverageQuery,
  FrameworkSummaryChange,
  RequirementStatusChange,
  ThreatExposureChange,
} from './types.js';

/** Converts overrides to control indices and state codes; controls absent from the snapshot are dropped. */
export function forcedStates(prep: PreparedCoverageGraph, overrides: readonly ControlStateOverride[]): Map<number, number> {
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
  const prep = slice.prep;
  return resultOf(evaluateScope(slice, query.aiSystemId, forcedStates(prep, overrides)));
}

/**
 * What drops when `controlId` stops being EFFECTIVE. Empty lists when it is not EFFECTIVE to
 * begin with. Requirements are listed by id, threats by id, frameworks by id.
 */
export function impact(
  graph: CoverageGraph | PreparedCoverageGraph,
  query: CoverageQuery,
  controlId: number,
  options: { as?: ControlState } = {},
): CoverageImpact {
  const slice = new TimeSlice(asPrepared(graph), normalizeQuery(query));
  const prep = slice.prep;
  const before = evaluateScope(slice, query.aiSystemId);
  const c = prep.controlIndex.get(controlId);
  const stateBefore = c < 0 ? null : stateName(before.controlStates[c]!);
  const forcedState = stateCode(options.as ?? 'NOT_IMPLEMENTED');
  if (c < 0 || before.controlStates[c] === STATE_NONE) {
    return { controlId, stateBefore, stateAfter: stateBefore, requirements: [], threats: [], frameworks: [] };
  }
  const after = evaluateScope(slice, query.aiSystemId, new Map([[c, forcedState]]));
  return {
    controlId,
    stateBefore,
    stateAfter: stateName(forcedState),
    requirements: requirementChanges(prep, before, after),
    threats: threatChanges(prep, before, after),
    frameworks: frameworkChanges(prep, before, after),
  };
}

/** Requirements (leaves and rolled-up parents) evaluated in both whose status differs, by requirement index. */
export function requirementChanges(prep: PreparedCoverageGraph, before: ScopeEvaluation, after: ScopeEvaluation): RequirementStatusChange[] {
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
  return out;
}

/** Indices of the threats whose exposure differs, ascending. */
export function changedThreats(before: ScopeEvaluation, after: ScopeEvaluation): number[] {
  const out: number[] = [];
  for (let t = 0; t < before.threatCodes.length; t++) if (before.threatCodes[t] !== after.threatCodes[t]) out.push(t);
  return out;
}

function threatChanges(prep: PreparedCoverageGraph, before: ScopeEvaluation, after: ScopeEvaluation): ThreatExposureChange[] {
  return changedThreats(before, after).map((t) => ({
    threatId: prep.threatIds[t]!,
    before: exposureName(before.threatCodes[t]!),
    after: exposureName(after.threatCodes[t]!),
  }));
}

function frameworkChanges(prep: PreparedCoverageGraph, before: ScopeEvaluation, after: ScopeEvaluation): FrameworkSummaryChange[] {
  const b = frameworkSummaries(prep, before.status, before.frameworkInScope, before.leaf);
  const a = frameworkSummaries(prep, after.status, after.frameworkInScope, after.leaf);
  const out: FrameworkSummaryChange[] = [];
  for (const [f, summary] of b) {
    const next = a.get(f)!;
    if (summary.covered !== next.covered || summary.partial !== next.partial || summary.uncovered !== next.uncovered) {
      out.push({ frameworkId: prep.frameworkIds[f]!, before: summary, after: next });
    }
  }
  return out.sort((x, y) => x.frameworkId - y.frameworkId);
}
