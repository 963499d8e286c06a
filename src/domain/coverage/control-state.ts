/**
 * Rule 2 — control state at T in a scope.
 *
 * The implementation status is read from the history as of T: the latest own change (aiSystemId
 * null) with changedAt ≤ T, ties broken by the larger id. A control without such a change did not
 * exist at T: it has no state and every mapping to it is ignored. In an AI system's scope the
 * latest override change of that system with changedAt ≤ T wins when it sets a status; an override
 * cleared (toStatus null) falls back to the control's own status.
 *
 * State: NOT_APPLICABLE when the status is NOT_APPLICABLE; NOT_IMPLEMENTED for any other status
 * but IMPLEMENTED; for IMPLEMENTED, judged on the evidence counting in the scope (rule 1):
 * EFFECTIVE with at least one current item, else EVIDENCE_PENDING_REVIEW when an item awaits
 * review (whatever its validUntil: the next action is a reviewer's), else EVIDENCE_EXPIRED when an
 * accepted item has expired, else EVIDENCE_MISSING.
 */
import {
  NO_STATUS,
  STATE_EFFECTIVE,
  STATE_EVIDENCE_EXPIRED,
  STATE_EVIDENCE_MISSING,
  STATE_EVIDENCE_PENDING_REVIEW,
  STATE_NONE,
  STATE_NOT_APPLICABLE,
  STATE_NOT_IMPLEMENTED,
  STATUS_IMPLEMENTED,
  STATUS_NOT_APPLICABLE,
} from './codes.js';
import { EV_CURRENT, EV_EXPIRED, EV_PENDING, EV_UNKNOWN, evidenceClassAt } from './evidence-currency.js';
import { lastAtOrBefore } from './indexing.js';
import type { PreparedCoverageGraph } from './prepare.js';

/** Own implementation status of every control at T (NO_STATUS: did not exist). */
export function ownStatusesAt(prep: PreparedCoverageGraph, at: number): Uint8Array {
  const n = prep.controlIds.length;
  const out = new Uint8Array(n);
  const { start, items } = prep.ownChanges;
  for (let c = 0; c < n; c++) {
    const k = lastAtOrBefore(items, start[c]!, start[c + 1]!, prep.changeTime, at);
    out[c] = k < 0 ? NO_STATUS : prep.changeStatus[items[k]!]!;
  }
  return out;
}

/** Status of every control at T in the scope: the system's live override, else the own status. */
export function scopedStatusesAt(
  prep: PreparedCoverageGraph,
  ownStatuses: Uint8Array,
  at: number,
  aiSystemId: number | null,
): Uint8Array {
  const changes = aiSystemId === null ? undefined : prep.overrideChanges.get(aiSystemId);
  if (!changes) return ownStatuses;
  const override = new Uint8Array(ownStatuses.length).fill(NO_STATUS);
  for (let k = 0; k < changes.length && prep.changeTime[changes[k]!]! <= at; k++) {
    const change = changes[k]!;
    const c = prep.changeControl[change]!;
    if (c >= 0) override[c] = prep.changeStatus[change]!;
  }
  const out = new Uint8Array(ownStatuses.length);
  for (let c = 0; c < out.length; c++) {
    const own = ownStatuses[c]!;
    out[c] = own === NO_STATUS || override[c] === NO_STATUS ? own : override[c]!;
  }
  return out;
}

/**
 * State of every control. `evidenceMemo` caches evidence classes at the same T (0: not computed)
 * and may be shared by several scopes. `sharedBest`, when given, caches per control the best class
 * of its organisation-wide evidence at that T, plus one (0: not computed), which counts in every
 * scope (TimeSlice.orgEvidenceBest): an AI system's scope then only looks at that system's own
 * items (see systemBest). Pass it only with the slice's own `evidenceMemo`.
 */
export function controlStatesAt(
  prep: PreparedCoverageGraph,
  statuses: Uint8Array,
  at: number,
  aiSystemId: number | null,
  evidenceMemo: Uint8Array,
  sharedBest?: Uint8Array,
): Uint8Array {
  const n = statuses.length;
  const out = new Uint8Array(n);
  const own = sharedBest && aiSystemId !== null ? systemBest(prep, aiSystemId, at, evidenceMemo, n) : null;
  for (let c = 0; c < n; c++) {
    const status = statuses[c]!;
    if (status === NO_STATUS) out[c] = STATE_NONE;
    else if (status === STATUS_NOT_APPLICABLE) out[c] = STATE_NOT_APPLICABLE;
    else if (status !== STATUS_IMPLEMENTED) out[c] = STATE_NOT_IMPLEMENTED;
    else {
      let best: number;
      if (!sharedBest) best = bestClass(prep, c, -1, aiSystemId, at, evidenceMemo);
      else {
        best = sharedBest[c]! - 1;
        if (best < 0) sharedBest[c] = (best = bestClass(prep, c, -1, -1, at, evidenceMemo)) + 1;
        if (own && own[c]! > best) best = own[c]!;
      }
      out[c] =
        best === EV_CURRENT
          ? STATE_EFFECTIVE
          : best === EV_PENDING
            ? STATE_EVIDENCE_PENDING_REVIEW
            : best === EV_EXPIRED
              ? STATE_EVIDENCE_EXPIRED
              : STATE_EVIDENCE_MISSING;
    }
  }
  return out;
}

/**
 * The best class at T among control c's evidence items of AI system `a` or `b` (-1: the
 * organisation's; null matches none); 0 when there is none.
 */
function bestClass(prep: PreparedCoverageGraph, c: number, a: number, b: number | null, at: number, evidenceMemo: Uint8Array): number {
  const { start, items } = prep.controlEvidence;
  const evAi = prep.evAiSystem;
  let best = 0;
  for (let k = start[c]!, end = start[c + 1]!; k < end; k++) {
    const e = items[k]!;
    const system = evAi[e]!;
    if (system !== a && system !== b) continue;
    let cls = evidenceMemo[e]!;
    if (cls === EV_UNKNOWN) evidenceMemo[e] = cls = evidenceClassAt(prep, e, at);
    if (cls > best) {
      best = cls;
      if (cls === EV_CURRENT) break;
    }
  }
  return best;
}

/** Per AI system, its evidence links as (control, item) pairs; memoised per prepared graph. */
const systemLinksByPrep = new WeakMap<PreparedCoverageGraph, Map<number, { controls: number[]; items: number[] }>>();

/** Per control, the best class at T of the AI system's own evidence items (0: none). */
function systemBest(prep: PreparedCoverageGraph, aiSystemId: number, at: number, evidenceMemo: Uint8Array, n: number): Uint8Array {
  let bySystem = systemLinksByPrep.get(prep);
  if (!bySystem) {
    bySystem = new Map();
    const { start, items } = prep.controlEvidence;
    const evAi = prep.evAiSystem;
    for (let c = 0; c < n; c++) {
      for (let k = start[c]!, end = start[c + 1]!; k < end; k++) {
        const system = evAi[items[k]!]!;
        if (system === -1) continue;
        let links = bySystem.get(system);
        if (!links) bySystem.set(system, (links = { controls: [], items: [] }));
        links.controls.push(c);
        links.items.push(items[k]!);
      }
    }
    systemLinksByPrep.set(prep, bySystem);
  }
  const best = new Uint8Array(n);
  const links = bySystem.get(aiSystemId);
  if (!links) return best;
  for (let i = 0; i < links.items.length; i++) {
    const e = links.items[i]!;
    const c = links.controls[i]!;
    let cls = evidenceMemo[e]!;
    if (cls === EV_UNKNOWN) evidenceMemo[e] = cls = evidenceClassAt(prep, e, at);
    if (cls > best[c]!) best[c] = cls;
  }
  return best;
}
