/** Rule 5 — roll-up of non-leaves, framework and subtree summaries. */
import { describe, expect, it } from 'vitest';
import { evaluateCoverage } from '../../../src/domain/coverage/index.js';
import { GraphBuilder } from './graph-builder.js';

/** Framework 10: 1 → {2 → {3, 4}, 5 → {6}}; controls: 50 effective, 51 planned. */
const tree = () =>
  new GraphBuilder()
    .req(1, 10)
    .req(2, 10, 1)
    .req(3, 10, 2)
    .req(4, 10, 2)
    .req(5, 10, 1)
    .req(6, 10, 5)
    .effective(50)
    .control(51, 'PLANNED');

describe('rule 5: roll-up', () => {
  it('is COVERED when all applicable leaves are, PARTIAL when mixed, UNCOVERED when none is covered or partial', () => {
    const b = tree().map(3, 50).map(4, 50).map(6, 51);
    const r = evaluateCoverage(b.graph, { at: 0, aiSystemId: null });
    expect([r.status(2), r.status(5), r.status(1)]).toEqual(['COVERED', 'UNCOVERED', 'PARTIAL']);
    expect(r.subtree(1)).toEqual({ total: 3, covered: 2, partial: 0, uncovered: 1, notApplicable: 0, coverageRatio: 2 / 3 });
    expect(r.subtree(3)).toEqual({ total: 1, covered: 1, partial: 0, uncovered: 0, notApplicable: 0, coverageRatio: 1 });
    expect(r.framework(10)).toEqual({ frameworkId: 10, status: 'PARTIAL', summary: r.subtree(1) });
  });

  it('is PARTIAL when some leaf is PARTIAL and none COVERED', () => {
    const b = tree().map(3, 50, 'INTERSECTS_WITH');
    expect(evaluateCoverage(b.graph, { at: 0, aiSystemId: null }).status(2)).toBe('PARTIAL');
  });

  it('ignores not-applicable leaves, and is NOT_APPLICABLE when all leaves are', () => {
    const b = tree().map(3, 50).notApplicable(4).notApplicable(5);
    const r = evaluateCoverage(b.graph, { at: 0, aiSystemId: null });
    expect(r.status(2)).toBe('COVERED');
    expect(r.status(5)).toBe('NOT_APPLICABLE');
    expect(r.status(6)).toBe('NOT_APPLICABLE'); // a marked non-leaf makes every leaf under it not applicable
    expect(r.subtree(1)).toEqual({ total: 3, covered: 1, partial: 0, uncovered: 0, notApplicable: 2, coverageRatio: 1 });
  });

  it('has a null ratio when every leaf is not applicable, and frameworks without leaves have no status', () => {
    const b = tree().notApplicable(1).framework(20);
    const r = evaluateCoverage(b.graph, { at: 0, aiSystemId: null });
    expect(r.framework(10)).toEqual({
      frameworkId: 10,
      status: 'NOT_APPLICABLE',
      summary: { total: 3, covered: 0, partial: 0, uncovered: 0, notApplicable: 3, coverageRatio: null },
    });
    expect(r.framework(20)).toEqual({
      frameworkId: 20,
      status: null,
      summary: { total: 0, covered: 0, partial: 0, uncovered: 0, notApplicable: 0, coverageRatio: null },
    });
  });

  it('lists per-requirement results and gaps by framework', () => {
    const b = tree().map(3, 50).req(7, 20);
    const r = evaluateCoverage(b.graph, { at: 0, aiSystemId: null });
    expect(r.requirementIds()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(r.requirementIds(20)).toEqual([7]);
    expect(r.gaps(10).map((g) => g.requirementId)).toEqual([4, 6]);
    expect(r.requirement(1)).toMatchObject({ leaf: false, status: 'PARTIAL', reasons: [], via: null, inferred: false });
  });
});
