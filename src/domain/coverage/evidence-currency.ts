/**
 * Rule 1 — evidence currency. At instant T an evidence item is, for the controls it supports:
 *
 * - CURRENT when its latest review at or before T is ACCEPTED (so reviewedAt ≤ T), it was
 *   collected at or before T (collectedAt ≤ T) and it is still valid (validUntil null or
 *   T < validUntil — at T == validUntil it is no longer current);
 * - EXPIRED when that latest review is ACCEPTED and validUntil ≤ T;
 * - PENDING when it was created at or before T and has no review yet as of T (a review with the
 *   status PENDING_REVIEW also counts as "awaiting review"), whatever its validUntil;
 * - nothing otherwise (REJECTED as of T, not yet created, or accepted but collected after T).
 *
 * Scope: in an AI system's scope an item counts when it has no AI system or that system. In the
 * organisation scope only items without an AI system count (evidence gathered for one system
 * says nothing about the organisation as a whole).
 */
import { lastAtOrBefore } from './indexing.js';
import { EVIDENCE_ACCEPTED, EVIDENCE_REJECTED, type PreparedCoverageGraph } from './prepare.js';

/**
 * Evidence class codes; 0 is "not computed yet" in memo arrays. Larger decides the control's state
 * first (rule 2): current, then awaiting review (the next action is a reviewer's), then expired.
 */
export const EV_UNKNOWN = 0;
export const EV_NONE = 1;
export const EV_EXPIRED = 2;
export const EV_PENDING = 3;
export const EV_CURRENT = 4;

/** The class of evidence item `e` (an index) at `at`. */
export function evidenceClassAt(prep: PreparedCoverageGraph, e: number, at: number): number {
  const { start, items } = prep.evReviews;
  const k = lastAtOrBefore(items, start[e]!, start[e + 1]!, prep.reviewTime, at);
  const status = k < 0 ? -1 : prep.reviewStatus[items[k]!]!;
  if (status === EVIDENCE_ACCEPTED) {
    if (at >= prep.evValidUntil[e]!) return EV_EXPIRED;
    return prep.evCollected[e]! <= at ? EV_CURRENT : EV_NONE;
  }
  if (status === EVIDENCE_REJECTED) return EV_NONE;
  return prep.evCreated[e]! <= at ? EV_PENDING : EV_NONE;
}

/** Whether evidence item `e` counts in the scope (`aiSystemId` null: organisation). */
export function evidenceInScope(prep: PreparedCoverageGraph, e: number, aiSystemId: number | null): boolean {
  const system = prep.evAiSystem[e]!;
  return system === -1 || system === aiSystemId;
}
