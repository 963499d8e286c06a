/** Rule 2 — control state at T in a scope. */
import { describe, expect, it } from 'vitest';
import { controlStates, evaluateCoverage, evaluateScopes } from '../../../src/domain/coverage/index.js';
import { GraphBuilder } from './graph-builder.js';

const stateAt = (b: GraphBuilder, at: number, aiSystemId: number | null = null, controlId = 1) =>
  controlStates(b.graph, { at, aiSystemId }).get(controlId) ?? null;

describe('rule 2: control state', () => {
  it('maps statuses: NOT_APPLICABLE, anything but IMPLEMENTED is NOT_IMPLEMENTED', () => {
    const b = new GraphBuilder()
      .control(1, 'NOT_APPLICABLE')
      .control(2, 'PLANNED')
      .control(3, 'IN_PROGRESS')
      .control(4, 'NOT_IMPLEMENTED');
    const states = controlStates(b.graph, { at: 0, aiSystemId: null });
    expect([...states]).toEqual([
      [1, 'NOT_APPLICABLE'],
      [2, 'NOT_IMPLEMENTED'],
      [3, 'NOT_IMPLEMENTED'],
      [4, 'NOT_IMPLEMENTED'],
    ]);
  });

  it('judges an IMPLEMENTED control by evidence: effective > pending review > expired > missing', () => {
    const b = new GraphBuilder().control(1);
    expect(stateAt(b, 10)).toBe('EVIDENCE_MISSING');
    b.evidence([1], { reviews: [['REJECTED', 1]] });
    expect(stateAt(b, 10)).toBe('EVIDENCE_MISSING');
    b.evidence([1], { validUntil: 5, reviews: [['ACCEPTED', 1]] });
    expect(stateAt(b, 10)).toBe('EVIDENCE_EXPIRED');
    expect(stateAt(b, 0)).toBe('EVIDENCE_PENDING_REVIEW'); // not reviewed yet at 0
    expect(stateAt(b, 3)).toBe('EFFECTIVE');
    // An item awaiting review wins over expired evidence, whatever its own validUntil.
    b.evidence([1], { createdAt: 2, validUntil: 4 });
    expect(stateAt(b, 10)).toBe('EVIDENCE_PENDING_REVIEW');
    expect(stateAt(b, 3)).toBe('EFFECTIVE');
    b.evidence([1], { reviews: [['ACCEPTED', 3]] });
    expect(stateAt(b, 10)).toBe('EFFECTIVE');
  });

  it('reads the status history as of T (ties: the larger id wins)', () => {
    const b = new GraphBuilder().effective(1, 0).status(1, 'PLANNED', 10).status(1, 'IMPLEMENTED', 20);
    expect(stateAt(b, 9)).toBe('EFFECTIVE');
    expect(stateAt(b, 10)).toBe('NOT_IMPLEMENTED');
    expect(stateAt(b, 19)).toBe('NOT_IMPLEMENTED');
    expect(stateAt(b, 20)).toBe('EFFECTIVE');
    b.graph.controlStatusChanges.push({ id: 1, controlId: 1, aiSystemId: null, toStatus: 'NOT_APPLICABLE', changedAt: 20 });
    expect(stateAt(b, 20)).toBe('EFFECTIVE'); // id 1 is older than the IMPLEMENTED row at the same instant
  });

  it('has no state before the control exists, and its mappings are ignored then', () => {
    const b = new GraphBuilder().req(1, 10).effective(5, 10).map(1, 5);
    expect(stateAt(b, 9, null, 5)).toBeNull();
    const before = evaluateCoverage(b.graph, { at: 9, aiSystemId: null });
    expect(before.controlState(5)).toBeNull();
    expect(before.requirement(1)?.contributions).toEqual([]);
    expect(before.requirement(1)?.reasons.map((r) => r.code)).toEqual(['NO_MAPPING']);
    expect(evaluateCoverage(b.graph, { at: 10, aiSystemId: null }).status(1)).toBe('COVERED');
  });

  it('lets a per-system override win in that system only, until it is cleared', () => {
    const b = new GraphBuilder()
      .effective(1, 0)
      .status(1, 'NOT_APPLICABLE', 5, 7) // override for system 7
      .status(1, null, 9, 7); // override cleared
    expect(stateAt(b, 4, 7)).toBe('EFFECTIVE');
    expect(stateAt(b, 5, 7)).toBe('NOT_APPLICABLE');
    expect(stateAt(b, 5, 8)).toBe('EFFECTIVE');
    expect(stateAt(b, 5, null)).toBe('EFFECTIVE');
    expect(stateAt(b, 9, 7)).toBe('EFFECTIVE'); // back to the control's own status
    b.status(1, 'PLANNED', 12); // the own status changes later; the cleared override follows it
    expect(stateAt(b, 12, 7)).toBe('NOT_IMPLEMENTED');
  });

  it('an override to IMPLEMENTED is judged on the evidence of that scope', () => {
    const b = new GraphBuilder()
      .control(1, 'PLANNED')
      .status(1, 'IMPLEMENTED', 1, 7)
      .evidence([1], { aiSystemId: 7, reviews: [['ACCEPTED', 1]] });
    expect(stateAt(b, 2, null)).toBe('NOT_IMPLEMENTED');
    expect(stateAt(b, 2, 7)).toBe('EFFECTIVE');
  });

  it('gives every scope evaluated on one time slice, in any order, the states it has alone', () => {
    const accepted: ['ACCEPTED', number][] = [['ACCEPTED', 1]];
    const b = new GraphBuilder()
      .control(1)
      .evidence([1], { validUntil: 5, reviews: accepted })
      .evidence([1], { aiSystemId: 1, reviews: accepted })
      .control(2)
      .evidence([2], { aiSystemId: 2 })
      .control(3)
      .evidence([3], { reviews: accepted })
      .evidence([3], { aiSystemId: 1, reviews: [['REJECTED', 1]] })
      .control(4)
      .evidence([4], { aiSystemId: 1, validUntil: 5, reviews: accepted })
      .evidence([4, 1], { aiSystemId: 2, validUntil: 5, reviews: accepted })
      .evidence([4], { aiSystemId: 2, createdAt: 8 })
      .control(5)
      .status(5, 'PLANNED', 0, 2);
    for (const at of [0, 3, 10]) {
      const order = [1, null, 2, 1, 2, null, 3];
      const together = evaluateScopes(b.graph, { at }, order).map((r) => [...r.controlStates()]);
      expect(together).toEqual(order.map((aiSystemId) => [...controlStates(b.graph, { at, aiSystemId })]));
    }
    expect(stateAt(b, 10, 1, 1)).toBe('EFFECTIVE');
    expect(stateAt(b, 10, 2, 4)).toBe('EVIDENCE_PENDING_REVIEW');
    expect(stateAt(b, 10, null, 4)).toBe('EVIDENCE_MISSING');
    expect(stateAt(b, 10, 2, 5)).toBe('NOT_IMPLEMENTED');
  });
});
