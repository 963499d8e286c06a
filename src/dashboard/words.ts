/** The API's codes in words a compliance lead reads (the rules behind them: docs/coverage-rules.md). */
import type { Contribution, ControlState, CoverageStatus, GapReasonCode } from './queries.js';

export const STATUS_WORDS: Record<CoverageStatus, string> = {
  COVERED: 'Covered',
  PARTIAL: 'Partly covered',
  UNCOVERED: 'Not covered',
  NOT_APPLICABLE: 'Not applicable',
};

export const STATE_WORDS: Record<ControlState, string> = {
  EFFECTIVE: 'effective',
  NOT_IMPLEMENTED: 'not implemented',
  NOT_APPLICABLE: 'not applicable',
  EVIDENCE_MISSING: 'implemented, no evidence',
  EVIDENCE_EXPIRED: 'implemented, evidence expired',
  EVIDENCE_PENDING_REVIEW: 'implemented, evidence awaiting review',
};

/** One sentence per reason code; the controls concerned follow it. */
export const REASON_WORDS: Record<GapReasonCode, string> = {
  NO_MAPPING: 'No control is mapped to it.',
  ONLY_PARTIAL: 'Controls are mapped, but each enforces only part of it:',
  CONTROL_NOT_IMPLEMENTED: 'A fully mapped control is not implemented:',
  EVIDENCE_MISSING: 'A fully mapped control is implemented, but has no accepted evidence:',
  EVIDENCE_EXPIRED: "A fully mapped control's evidence has expired:",
  EVIDENCE_PENDING_REVIEW: "A fully mapped control's evidence is waiting for a reviewer:",
};

export const statusWords = (status: CoverageStatus | null): string => (status ? STATUS_WORDS[status] : 'No requirements');

/** "HR-DATA-01 Training data review (effective, partial mapping, via crosswalk)". */
export function contributionWords(c: Contribution): string {
  const notes = [STATE_WORDS[c.state], c.kind === 'FULL' ? 'full mapping' : 'partial mapping'];
  if (c.inferred) notes.push('via crosswalk');
  return `${c.control.refId} ${c.control.title} (${notes.join(', ')})`;
}

export function percent(ratio: number | null): string {
  return ratio === null ? '—' : `${(ratio * 100).toFixed(1)} %`;
}

/** A date and time in the reader's locale, with the exact instant in a tooltip elsewhere. */
export function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function day(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
}
