/** Rule 4 — leaf status, not-applicable marks, what a leaf is. */
import { describe, expect, it } from 'vitest';
import { evaluateCoverage } from '../../../src/domain/coverage/index.js';
import { GraphBuilder } from './graph-builder.js';

const at = (b: GraphBuilder, t: number, aiSystemId: number | null = null) => evaluateCoverage(b.graph, { at: t, aiSystemId });

describe('rule 4: leaf status', () => {
  it('is COVERED with a FULL mapping to an EFFECTIVE control', () => {
    const b = new GraphBuilder().req(1, 10).effective(5).map(1, 5, 'EQUAL');
    expect(at(b, 0).status(1)).toBe('COVERED');
  });

  it('is PARTIAL with only a PARTIAL mapping to an EFFECTIVE control, even beside a non-effective FULL one', () => {
    const b = new GraphBuilder().req(1, 10).effective(5).control(6, 'PLANNED').map(1, 5, 'INTERSECTS_WITH').map(1, 6, 'EQUAL');
    expect(at(b, 0).status(1)).toBe('PARTIAL');
  });

  it('is UNCOVERED when no mapping reaches an EFFECTIVE control', () => {
    const b = new GraphBuilder().req(1, 10).req(2, 10).control(6, 'IMPLEMENTED').map(1, 6, 'EQUAL');
    expect(at(b, 0).status(1)).toBe('UNCOVERED');
    expect(at(b, 0).status(2)).toBe('UNCOVERED');
  });

  it('is NOT_APPLICABLE when marked, globally or for the scope’s system, while the mark is live', () => {
    const b = new GraphBuilder()
      .req(1, 10)
      .req(2, 10)
      .system(7, [10])
      .system(8, [10])
      .notApplicable(1, { createdAt: 10, retiredAt: 20 })
      .notApplicable(2, { aiSystemId: 7 });
    expect(at(b, 9).status(1)).toBe('UNCOVERED');
    expect(at(b, 10).status(1)).toBe('NOT_APPLICABLE'); // created exactly at T counts
    expect(at(b, 10, 7).status(1)).toBe('NOT_APPLICABLE'); // global marks apply in every scope
    expect(at(b, 20).status(1)).toBe('UNCOVERED'); // retired exactly at T does not
    expect(at(b, 0, 7).status(2)).toBe('NOT_APPLICABLE');
    expect(at(b, 0, 8).status(2)).toBe('UNCOVERED');
    expect(at(b, 0, null).status(2)).toBe('UNCOVERED');
  });

  it('wins over coverage', () => {
    const b = new GraphBuilder().req(1, 10).effective(5).map(1, 5).notApplicable(1);
    expect(at(b, 0).status(1)).toBe('NOT_APPLICABLE');
  });

  it('treats a requirement whose children are all withdrawn as a leaf, and never counts withdrawn ones', () => {
    const b = new GraphBuilder().req(1, 10).req(2, 10, 1, true).req(3, 10, 2).effective(5).map(1, 5);
    const result = at(b, 0);
    expect(result.requirement(1)).toMatchObject({ leaf: true, status: 'COVERED' });
    expect(result.status(2)).toBeNull();
    // Decision: withdrawing a requirement withdraws everything under it.
    expect(result.status(3)).toBeNull();
    expect(result.framework(10)?.summary.total).toBe(1);
  });
});
