/** Rule 1 — evidence currency, observed through the state of an IMPLEMENTED control. */
import { describe, expect, it } from 'vitest';
import { controlStates } from '../../../src/domain/coverage/index.js';
import { GraphBuilder } from './graph-builder.js';

const stateAt = (b: GraphBuilder, at: number, aiSystemId: number | null = null) =>
  controlStates(b.graph, { at, aiSystemId }).get(1) ?? null;

describe('rule 1: current evidence', () => {
  it('is current once accepted: reviewedAt == T counts, the instant before it is still pending', () => {
    const b = new GraphBuilder().control(1).evidence([1], { createdAt: 0, collectedAt: 0, reviews: [['ACCEPTED', 10]] });
    expect(stateAt(b, 9)).toBe('EVIDENCE_PENDING_REVIEW');
    expect(stateAt(b, 10)).toBe('EFFECTIVE');
    expect(stateAt(b, 1_000_000)).toBe('EFFECTIVE');
  });

  it('stops being current at validUntil exactly (T == validUntil is expired)', () => {
    const b = new GraphBuilder().control(1).evidence([1], { collectedAt: 0, validUntil: 20, reviews: [['ACCEPTED', 1]] });
    expect(stateAt(b, 19)).toBe('EFFECTIVE');
    expect(stateAt(b, 20)).toBe('EVIDENCE_EXPIRED');
    expect(stateAt(b, 21)).toBe('EVIDENCE_EXPIRED');
  });

  it('needs collectedAt ≤ T', () => {
    const b = new GraphBuilder().control(1).evidence([1], { createdAt: 0, collectedAt: 5, reviews: [['ACCEPTED', 2]] });
    expect(stateAt(b, 4)).toBe('EVIDENCE_MISSING');
    expect(stateAt(b, 5)).toBe('EFFECTIVE');
  });

  it('follows the latest review as of T: accepted, then rejected, then accepted again', () => {
    const b = new GraphBuilder().control(1).evidence([1], {
      reviews: [
        ['ACCEPTED', 1],
        ['REJECTED', 5],
        ['ACCEPTED', 9],
      ],
    });
    expect(stateAt(b, 0)).toBe('EVIDENCE_PENDING_REVIEW');
    expect(stateAt(b, 1)).toBe('EFFECTIVE');
    expect(stateAt(b, 5)).toBe('EVIDENCE_MISSING');
    expect(stateAt(b, 9)).toBe('EFFECTIVE');
  });

  it('breaks review ties at the same instant by the larger review id', () => {
    const b = new GraphBuilder().control(1).evidence([1], { id: 50 });
    b.graph.evidenceReviews.push(
      { id: 2, evidenceId: 50, status: 'ACCEPTED', reviewedAt: 3 },
      { id: 1, evidenceId: 50, status: 'REJECTED', reviewedAt: 3 },
    );
    expect(stateAt(b, 3)).toBe('EFFECTIVE');
  });

  it('counts evidence without an AI system everywhere and evidence of a system only in that system', () => {
    const b = new GraphBuilder()
      .control(1)
      .evidence([1], { aiSystemId: 7, reviews: [['ACCEPTED', 0]] })
      .system(7, [])
      .system(8, []);
    expect(stateAt(b, 1, 7)).toBe('EFFECTIVE');
    expect(stateAt(b, 1, 8)).toBe('EVIDENCE_MISSING');
    // Decision: the organisation scope counts only evidence with no AI system.
    expect(stateAt(b, 1, null)).toBe('EVIDENCE_MISSING');
    b.evidence([1], { reviews: [['ACCEPTED', 0]] });
    expect(stateAt(b, 1, null)).toBe('EFFECTIVE');
    expect(stateAt(b, 1, 8)).toBe('EFFECTIVE');
  });
});
