/** Rule 8 — threat exposure. */
import { describe, expect, it } from 'vitest';
import { evaluateCoverage } from '../../../src/domain/coverage/index.js';
import { GraphBuilder } from './graph-builder.js';

describe('rule 8: threat exposure', () => {
  const b = new GraphBuilder()
    .req(1, 10)
    .req(2, 10)
    .req(3, 10)
    .req(4, 10, 3)
    .req(5, 10, 3)
    .effective(50)
    .map(1, 50)
    .map(2, 50, 'INTERSECTS_WITH')
    .map(4, 50)
    .threat(900, 99, [1, 2])
    .threat(901, 99, [2])
    .threat(902, 99, [3]) // a non-leaf: its rolled-up status (PARTIAL) counts
    .threat(903, 99, [])
    .threat(904, 99, [5]);
  const r = evaluateCoverage(b.graph, { at: 0, aiSystemId: null });

  it('is ADDRESSED by a COVERED requirement, PARTIALLY_ADDRESSED by a PARTIAL one, EXPOSED otherwise', () => {
    expect(r.threats.map((t) => [t.threatId, t.exposure])).toEqual([
      [900, 'ADDRESSED'],
      [901, 'PARTIALLY_ADDRESSED'],
      [902, 'PARTIALLY_ADDRESSED'],
      [903, 'EXPOSED'],
      [904, 'EXPOSED'],
    ]);
    expect(r.threat(900)).toEqual({
      threatId: 900,
      frameworkId: 99,
      exposure: 'ADDRESSED',
      requirementIds: [1, 2],
      coveredRequirementIds: [1],
      partialRequirementIds: [2],
    });
    expect(r.threat(1)).toBeNull();
  });

  it('only counts requirements evaluated in the scope', () => {
    const c = new GraphBuilder().req(1, 10).req(2, 20).effective(50).map(1, 50).threat(900, 99, [1, 2]).system(7, [20]);
    expect(evaluateCoverage(c.graph, { at: 0, aiSystemId: null }).threat(900)?.exposure).toBe('ADDRESSED');
    expect(evaluateCoverage(c.graph, { at: 0, aiSystemId: 7 }).threat(900)).toMatchObject({ exposure: 'EXPOSED', requirementIds: [2] });
  });
});
