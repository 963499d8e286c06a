/** Rule 10 — the structure as of T: a requirement whose framework does not exist at T does not exist either. */
import { describe, expect, it } from 'vitest';
import { evaluateCoverage, prepareCoverageGraph } from '../../../src/domain/coverage/index.js';
import { GraphBuilder } from './graph-builder.js';

/**
 * Framework 10 (deleted at 5) holds requirement 1, mapped to the effective control 50 and marked
 * not applicable; requirement 2 of framework 20 is EQUAL to 1; requirement 3 of framework 20 has
 * requirement 1 as its parent (raw input: the API keeps parents in one framework). Requirement 1's
 * version is never closed, as when a framework is deleted while its requirements stay.
 */
function graph() {
  const b = new GraphBuilder().effective(50).req(1, 10).req(2, 20).req(3, 20, 1).link(2, 1, 'EQUAL').map(1, 50).notApplicable(1);
  b.graph.frameworks[0] = { id: 10, createdAt: 0, retiredAt: 5 };
  return b.graph;
}

describe('rule 10: requirements of a framework absent at T', () => {
  it('lend nothing through crosswalk links once their framework is deleted', () => {
    const prepared = prepareCoverageGraph(graph());
    const before = evaluateCoverage(prepared, { at: 3, aiSystemId: null });
    expect(before.requirement(2)).toMatchObject({ status: 'COVERED', inferred: true, via: { controlId: 50, path: [2, 1] } });
    const after = evaluateCoverage(prepared, { at: 6, aiSystemId: null });
    expect(after.status(1)).toBeNull();
    expect(after.requirement(2)).toMatchObject({ status: 'UNCOVERED', inferred: false, contributions: [] });
    expect(after.requirement(2)!.reasons.map((r) => r.code)).toEqual(['NO_MAPPING']);
  });

  it('are nobody’s parent: their children are roots, without their not-applicable marks', () => {
    const prepared = prepareCoverageGraph(graph());
    expect(evaluateCoverage(prepared, { at: 3, aiSystemId: null }).requirement(3)).toMatchObject({ parentId: 1, status: 'NOT_APPLICABLE' });
    expect(evaluateCoverage(prepared, { at: 6, aiSystemId: null }).requirement(3)).toMatchObject({ parentId: null, status: 'UNCOVERED' });
  });
});
