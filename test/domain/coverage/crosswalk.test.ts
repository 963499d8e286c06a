/** Rule 7 — crosswalk inference. */
import { describe, expect, it } from 'vitest';
import { evaluateCoverage, type CoverageQuery } from '../../../src/domain/coverage/index.js';
import type { Relationship } from '../../../src/domain/vocabulary.js';
import { GraphBuilder } from './graph-builder.js';

const q = (extra: Partial<CoverageQuery> = {}): CoverageQuery => ({ at: 10, aiSystemId: null, ...extra });

/** Requirements 1…n in frameworks 10, 20, …, linked in a chain 1 → 2 → … → n; control 50 mapped on n. */
function chain(relationships: Relationship[], mapping: Relationship = 'EQUAL'): GraphBuilder {
  const b = new GraphBuilder().effective(50);
  for (let i = 1; i <= relationships.length + 1; i++) b.req(i, 10 * i);
  relationships.forEach((rel, i) => b.link(i + 1, i + 2, rel));
  return b.map(relationships.length + 1, 50, mapping);
}

describe('rule 7: crosswalk inference', () => {
  it('gives A the mappings of B through EQUAL / SUBSET_OF with their kinds, and names the path', () => {
    for (const rel of ['EQUAL', 'SUBSET_OF'] as const) {
      const r = evaluateCoverage(chain([rel]).graph, q());
      expect(r.requirement(1)).toMatchObject({
        status: 'COVERED',
        inferred: true,
        via: { controlId: 50, kind: 'FULL', inferred: true, path: [1, 2], mappedRequirementId: 2 },
      });
    }
    expect(evaluateCoverage(chain(['EQUAL'], 'INTERSECTS_WITH').graph, q()).status(1)).toBe('PARTIAL');
  });

  it('caps at PARTIAL through SUPERSET_OF / INTERSECTS_WITH', () => {
    for (const rel of ['SUPERSET_OF', 'INTERSECTS_WITH'] as const) {
      const r = evaluateCoverage(chain([rel]).graph, q());
      expect(r.requirement(1)).toMatchObject({ status: 'PARTIAL', inferred: true, via: { kind: 'PARTIAL', path: [1, 2] } });
    }
  });

  it('lets the weakest link of a chain decide', () => {
    expect(evaluateCoverage(chain(['EQUAL', 'SUBSET_OF', 'EQUAL']).graph, q()).status(1)).toBe('COVERED');
    expect(evaluateCoverage(chain(['EQUAL', 'INTERSECTS_WITH', 'EQUAL']).graph, q()).status(1)).toBe('PARTIAL');
    const r = evaluateCoverage(chain(['SUBSET_OF', 'EQUAL', 'EQUAL']).graph, q());
    expect(r.requirement(1)?.via?.path).toEqual([1, 2, 3, 4]);
    expect(r.requirement(2)?.via?.path).toEqual([2, 3, 4]);
  });

  it('follows chains of at most maxDepth links (default 3)', () => {
    const b = chain(['EQUAL', 'EQUAL', 'EQUAL', 'EQUAL']); // 1 → 2 → 3 → 4 → 5, control on 5
    const r = evaluateCoverage(b.graph, q());
    expect([1, 2, 3, 4, 5].map((id) => r.status(id))).toEqual(['UNCOVERED', 'COVERED', 'COVERED', 'COVERED', 'COVERED']);
    expect(r.requirement(1)?.reasons.map((x) => x.code)).toEqual(['NO_MAPPING']);
    expect(evaluateCoverage(b.graph, q({ maxDepth: 4 })).status(1)).toBe('COVERED');
    expect(evaluateCoverage(b.graph, q({ maxDepth: 1 })).status(3)).toBe('UNCOVERED');
    expect(evaluateCoverage(b.graph, q({ maxDepth: 0 })).status(4)).toBe('UNCOVERED');
  });

  it('is off with viaCrosswalks = false', () => {
    expect(evaluateCoverage(chain(['EQUAL']).graph, q({ viaCrosswalks: false })).status(1)).toBe('UNCOVERED');
  });

  it('follows links from source to target only', () => {
    const b = new GraphBuilder().req(1, 10).req(2, 20).effective(50).map(1, 50).link(1, 2, 'EQUAL');
    expect(evaluateCoverage(b.graph, q()).status(2)).toBe('UNCOVERED');
  });

  it('terminates on cycles (A → B → A) and still finds what the cycle reaches', () => {
    const b = new GraphBuilder()
      .req(1, 10)
      .req(2, 20)
      .req(3, 30)
      .effective(50)
      .link(1, 2, 'EQUAL')
      .link(2, 1, 'EQUAL')
      .link(2, 3, 'SUBSET_OF')
      .map(3, 50);
    const r = evaluateCoverage(b.graph, q({ maxDepth: 10 }));
    expect(r.requirement(1)?.via?.path).toEqual([1, 2, 3]);
    expect(r.requirement(2)?.via?.path).toEqual([2, 3]);
    expect(r.status(3)).toBe('COVERED');
  });

  it('prefers the strongest kind, then the shortest path, then the smallest id path', () => {
    // 1 → 2 (INTERSECTS) → 50; 1 → 3 (EQUAL) → 4 (EQUAL) → 50: the longer FULL path wins.
    const b = new GraphBuilder()
      .req(1, 10)
      .req(2, 20)
      .req(3, 30)
      .req(4, 40)
      .req(5, 40)
      .effective(50)
      .link(1, 2, 'INTERSECTS_WITH')
      .link(1, 3, 'EQUAL')
      .link(3, 5, 'EQUAL')
      .link(3, 4, 'EQUAL')
      .map(2, 50)
      .map(4, 50)
      .map(5, 50);
    const contribution = evaluateCoverage(b.graph, q()).requirement(1)?.contributions[0];
    expect(contribution).toMatchObject({ kind: 'FULL', path: [1, 3, 4], mappedRequirementId: 4 });
    // Make every path PARTIAL: the shortest one wins.
    b.graph.requirementLinks.find((l) => l.sourceRequirementId === 1 && l.targetRequirementId === 3)!.relationship = 'SUPERSET_OF';
    expect(evaluateCoverage(b.graph, q()).requirement(1)?.contributions[0]).toMatchObject({ kind: 'PARTIAL', path: [1, 2] });
  });

  it('prefers a direct mapping over an inferred one of the same kind, and says when a status is only inferred', () => {
    const b = chain(['EQUAL']).map(1, 50, 'EQUAL');
    expect(evaluateCoverage(b.graph, q()).requirement(1)).toMatchObject({ inferred: false, via: { path: [1], inferred: false } });
    // A direct PARTIAL mapping does not hide an inferred FULL one: COVERED only through inference.
    const c = chain(['EQUAL']).map(1, 50, 'INTERSECTS_WITH');
    expect(evaluateCoverage(c.graph, q()).requirement(1)).toMatchObject({
      status: 'COVERED',
      inferred: true,
      via: { path: [1, 2], kind: 'FULL' },
    });
  });

  it('uses what the target inherits from its ancestors, and links of the source’s ancestors', () => {
    const b = new GraphBuilder()
      .req(1, 10)
      .req(2, 10, 1) // leaf under 1
      .req(3, 20)
      .req(4, 20, 3) // leaf under 3
      .req(5, 30)
      .effective(50)
      .effective(51)
      .map(3, 50) // inherited by 4
      .link(5, 4, 'EQUAL') // 5 gets 4's own and inherited mappings
      .link(1, 5, 'EQUAL') // 2 follows its parent's link
      .map(5, 51, 'INTERSECTS_WITH');
    const r = evaluateCoverage(b.graph, q());
    expect(r.requirement(5)?.contributions).toEqual([
      { controlId: 50, state: 'EFFECTIVE', kind: 'FULL', inferred: true, path: [5, 4], mappedRequirementId: 3, mappingId: expect.any(Number) },
      { controlId: 51, state: 'EFFECTIVE', kind: 'PARTIAL', inferred: false, path: [5], mappedRequirementId: 5, mappingId: expect.any(Number) },
    ]);
    expect(r.requirement(2)?.contributions.map((c) => [c.controlId, c.path])).toEqual([
      [50, [2, 5, 4]],
      [51, [2, 5]],
    ]);
  });

  it('honours link lifetimes: created exactly at T counts, retired exactly at T does not', () => {
    const b = new GraphBuilder().req(1, 10).req(2, 20).effective(50).map(2, 50).link(1, 2, 'EQUAL', { createdAt: 5, retiredAt: 8 });
    expect([4, 5, 7, 8].map((t) => evaluateCoverage(b.graph, q({ at: t })).status(1))).toEqual([
      'UNCOVERED',
      'COVERED',
      'COVERED',
      'UNCOVERED',
    ]);
  });
});
