/**
 * Expiry ahead: which evidence stops being current within a window, and what would drop with it.
 *
 * An item is listed when it is CURRENT at T (rule 1) in the scope and its validUntil lies in
 * (T, T + window]. What drops with an item is found by the what-if of the engine: the scope is
 * evaluated again at T with that one item classed EXPIRED (everything else as it is at T), the
 * control states that change are forced, and the requirements whose status changes are compared
 * (what-if.ts). No rule is restated here: control states come from rule 2 with the one item's
 * class replaced.
 */
import { stateName } from './codes.js';
import { controlStatesAt, scopedStatusesAt } from './control-state.js';
import { EV_CURRENT, EV_EXPIRED, evidenceClassAt, evidenceInScope } from './evidence-currency.js';
import { evaluateScope, type ScopeEvaluation } from './evaluate.js';
import type { PreparedCoverageGraph } from './prepare.js';
import type { EvidenceExpiry } from './types.js';
import { compareEvaluations } from './what-if.js';

/**
 * Indices of the evidence items CURRENT at `at` whose validUntil lies in (at, until], ordered by
 * (validUntil, id). `aiSystemId`: the scope (null: the organisation, where only items for no AI
 * system count); `'any'`: every item whatever its AI system (the metrics' count).
 */
export function evidenceExpiringAt(prep: PreparedCoverageGraph, at: number, until: number, aiSystemId: number | null | 'any'): number[] {
  const out: number[] = [];
  const validUntil = prep.evValidUntil;
  for (let e = 0; e < validUntil.length; e++) {
    const end = validUntil[e]!;
    if (!(end > at && end <= until)) continue;
    if (aiSystemId !== 'any' && !evidenceInScope(prep, e, aiSystemId)) continue;
    if (evidenceClassAt(prep, e, at) === EV_CURRENT) out.push(e);
  }
  const ids = prep.evIds;
  return out.sort((a, b) => validUntil[a]! - validUntil[b]! || ids[a]! - ids[b]!);
}

/** What changes when one evidence item expires: the control states that differ, and the what-if evaluation. */
export interface EvidenceExpiryEffect {
  /** Control index → [state before, state after], for the controls whose state changes. */
  controls: Map<number, [number, number]>;
  /** The scope evaluated with those states; `before` itself when nothing changes. */
  after: ScopeEvaluation;
}

/** The evaluated scope `before` with evidence item `e` classed EXPIRED. */
export function evidenceExpiryEffect(before: ScopeEvaluation, e: number): EvidenceExpiryEffect {
  const slice = before.slice;
  const { prep, query } = slice;
  const memo = slice.evidenceMemo.slice();
  memo[e] = EV_EXPIRED;
  // The other items keep their classes at T (rule 2 computes the missing ones into the copy).
  const statuses = scopedStatusesAt(prep, slice.ownStatuses, query.at, before.aiSystemId);
  const states = controlStatesAt(prep, statuses, query.at, before.aiSystemId, memo);
  const controls = new Map<number, [number, number]>();
  const forced = new Map<number, number>();
  for (let c = 0; c < states.length; c++) {
    if (states[c] !== before.controlStates[c]) {
      controls.set(c, [before.controlStates[c]!, states[c]!]);
      forced.set(c, states[c]!);
    }
  }
  return { controls, after: forced.size === 0 ? before : evaluateScope(slice, before.aiSystemId, forced) };
}

/**
 * What drops in the evaluated scope `before` when evidence item `e` (an index) expires: the
 * controls whose state changes and the what-if comparison; only the frameworks whose counts
 * change are listed.
 */
export function expiryOn(before: ScopeEvaluation, e: number): EvidenceExpiry {
  const prep = before.slice.prep;
  const effect = evidenceExpiryEffect(before, e);
  const controls = [...effect.controls]
    .map(([c, [was, will]]) => ({ controlId: prep.controlIds[c]!, before: stateName(was)!, after: stateName(will)! }))
    .sort((a, b) => a.controlId - b.controlId);
  const comparison = compareEvaluations(before, effect.after);
  return { evidenceId: prep.evIds[e]!, controls, ...comparison, frameworks: comparison.frameworks.filter((f) => f.changed) };
}
