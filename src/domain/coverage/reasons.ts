/**
 * Rule 6 — gap reasons of an applicable leaf that is not COVERED. NO_MAPPING when no control
 * reaches it at all (own, inherited or inferred); ONLY_PARTIAL when controls reach it but none
 * with a FULL kind (listing them); and, for every FULL control that is not EFFECTIVE, a reason by
 * its state: CONTROL_NOT_IMPLEMENTED (for the states NOT_IMPLEMENTED and NOT_APPLICABLE — there is
 * no separate code, the control's state tells them apart), EVIDENCE_MISSING, EVIDENCE_EXPIRED or
 * EVIDENCE_PENDING_REVIEW. One entry per code, in GAP_REASON_CODES order, controls by id.
 */
import { GAP_REASON_CODES, type Contribution, type ControlState, type GapReason, type GapReasonCode } from './types.js';

const CODE_OF_STATE: Record<ControlState, GapReasonCode | null> = {
  EFFECTIVE: null,
  NOT_IMPLEMENTED: 'CONTROL_NOT_IMPLEMENTED',
  NOT_APPLICABLE: 'CONTROL_NOT_IMPLEMENTED',
  EVIDENCE_MISSING: 'EVIDENCE_MISSING',
  EVIDENCE_EXPIRED: 'EVIDENCE_EXPIRED',
  EVIDENCE_PENDING_REVIEW: 'EVIDENCE_PENDING_REVIEW',
};

/** Reasons from the contributions of a leaf (sorted by control id, as contributionsOf returns them). */
export function gapReasons(contributions: readonly Contribution[]): GapReason[] {
  if (contributions.length === 0) return [{ code: 'NO_MAPPING', controlIds: [], controls: [] }];
  const byCode = new Map<GapReasonCode, Contribution[]>();
  const add = (code: GapReasonCode, c: Contribution) => {
    const list = byCode.get(code);
    if (list) list.push(c);
    else byCode.set(code, [c]);
  };
  const full = contributions.filter((c) => c.kind === 'FULL');
  if (full.length === 0) for (const c of contributions) add('ONLY_PARTIAL', c);
  for (const c of full) {
    const code = CODE_OF_STATE[c.state];
    if (code) add(code, c);
  }
  const reasons: GapReason[] = [];
  for (const code of GAP_REASON_CODES) {
    const list = byCode.get(code);
    if (!list) continue;
    const sorted = [...list].sort((a, b) => a.controlId - b.controlId);
    reasons.push({
      code,
      controlIds: sorted.map((c) => c.controlId),
      controls: sorted.map(({ controlId, state, kind, inferred, path, steps }) => ({ controlId, state, kind, inferred, path, steps })),
    });
  }
  return reasons;
}
