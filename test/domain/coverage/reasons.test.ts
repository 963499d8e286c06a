/** Rule 6 — gap reasons. */
import { describe, expect, it } from 'vitest';
import { evaluateCoverage } from '../../../src/domain/coverage/index.js';
import { GraphBuilder } from './graph-builder.js';

const reasonsOf = (b: GraphBuilder, id = 1, t = 10) =>
  evaluateCoverage(b.graph, { at: t, aiSystemId: null }).requirement(id)?.reasons.map((r) => [r.code, r.controlIds]);

describe('rule 6: gap reasons', () => {
  it('says NO_MAPPING when nothing reaches the leaf', () => {
    expect(reasonsOf(new GraphBuilder().req(1, 10))).toEqual([['NO_MAPPING', []]]);
  });

  it('says ONLY_PARTIAL listing the partial controls when no FULL mapping exists', () => {
    const b = new GraphBuilder().req(1, 10).effective(6).control(5, 'PLANNED').map(1, 6, 'INTERSECTS_WITH').map(1, 5, 'SUPERSET_OF');
    expect(reasonsOf(b)).toEqual([['ONLY_PARTIAL', [5, 6]]]);
  });

  it('names every FULL control that is not EFFECTIVE under its state, in a fixed order, controls by id', () => {
    const b = new GraphBuilder()
      .req(1, 10)
      .control(9, 'IN_PROGRESS')
      .control(3, 'NOT_APPLICABLE')
      .control(4) // IMPLEMENTED, no evidence
      .control(8)
      .evidence([8], { validUntil: 5, reviews: [['ACCEPTED', 1]] })
      .control(2)
      .evidence([2], { createdAt: 1 })
      .control(7)
      .evidence([7], { createdAt: 1 })
      .effective(6)
      .map(1, 9)
      .map(1, 3)
      .map(1, 4)
      .map(1, 8)
      .map(1, 2)
      .map(1, 7)
      .map(1, 6, 'INTERSECTS_WITH');
    const leaf = evaluateCoverage(b.graph, { at: 10, aiSystemId: null }).requirement(1)!;
    expect(leaf.status).toBe('PARTIAL');
    expect(leaf.reasons.map((r) => [r.code, r.controlIds])).toEqual([
      ['CONTROL_NOT_IMPLEMENTED', [3, 9]],
      ['EVIDENCE_MISSING', [4]],
      ['EVIDENCE_EXPIRED', [8]],
      ['EVIDENCE_PENDING_REVIEW', [2, 7]],
    ]);
    // Decision: a NOT_APPLICABLE control is reported under CONTROL_NOT_IMPLEMENTED, its state shown.
    expect(leaf.reasons[0]!.controls.map((c) => [c.controlId, c.state])).toEqual([
      [3, 'NOT_APPLICABLE'],
      [9, 'NOT_IMPLEMENTED'],
    ]);
  });

  it('has no reasons for a COVERED or NOT_APPLICABLE leaf', () => {
    const b = new GraphBuilder().req(1, 10).req(2, 10).effective(5).control(6, 'PLANNED').map(1, 5).map(1, 6).notApplicable(2);
    expect(reasonsOf(b, 1)).toEqual([]);
    expect(reasonsOf(b, 2)).toEqual([]);
  });

  it('uses inferred mappings: no NO_MAPPING when a crosswalk reaches a control', () => {
    const b = new GraphBuilder().req(1, 10).req(2, 20).control(5, 'PLANNED').map(2, 5).link(1, 2, 'EQUAL');
    const leaf = evaluateCoverage(b.graph, { at: 0, aiSystemId: null }).requirement(1)!;
    expect(leaf.reasons).toEqual([
      {
        code: 'CONTROL_NOT_IMPLEMENTED',
        controlIds: [5],
        controls: [
          {
            controlId: 5,
            state: 'NOT_IMPLEMENTED',
            kind: 'FULL',
            inferred: true,
            path: [1, 2],
            steps: [{ requirementId: 2, linkId: b.graph.requirementLinks[0]!.id, direction: 'FORWARD', relationship: 'EQUAL' }],
          },
        ],
      },
    ]);
  });
});
