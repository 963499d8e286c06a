/** Rule 7 — crosswalk inference, both directions. */
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

  it('reads a link both ways: the target receives the source’s mappings through the inverse relationship', () => {
    const inverse = { EQUAL: 'COVERED', SUBSET_OF: 'PARTIAL', SUPERSET_OF: 'COVERED', INTERSECTS_WITH: 'PARTIAL' } as const;
    const read = { EQUAL: 'EQUAL', SUBSET_OF: 'SUPERSET_OF', SUPERSET_OF: 'SUBSET_OF', INTERSECTS_WITH: 'INTERSECTS_WITH' } as const;
    for (const rel of ['EQUAL', 'SUBSET_OF', 'SUPERSET_OF', 'INTERSECTS_WITH'] as const) {
      const b = new GraphBuilder().req(1, 10).req(2, 20).effective(50).map(1, 50).link(1, 2, rel);
      const linkId = b.graph.requirementLinks[0]!.id;
      const r = evaluateCoverage(b.graph, q()).requirement(2)!;
      expect(r, rel).toMatchObject({
        status: inverse[rel],
        inferred: true,
        via: { controlId: 50, path: [2, 1], steps: [{ requirementId: 1, linkId, direction: 'INVERSE', relationship: read[rel] }] },
      });
    }
  });

  it('reads inverse links of ancestors too: "B SUPERSET_OF A" reaches B’s descendants', () => {
    // 1 (framework 10) SUPERSET_OF 3 (framework 20); 4 is a leaf under 3. 4 reads 3's link
    // inversely: "3 SUBSET_OF 1", so 4 gets 1's mapping FULL.
    const b = new GraphBuilder().req(1, 10).req(3, 20).req(4, 20, 3).effective(50).map(1, 50).link(1, 3, 'SUPERSET_OF');
    const linkId = b.graph.requirementLinks[0]!.id;
    expect(evaluateCoverage(b.graph, q()).requirement(4)).toMatchObject({
      status: 'COVERED',
      via: { path: [4, 1], mappedRequirementId: 1, steps: [{ requirementId: 1, linkId, direction: 'INVERSE', relationship: 'SUBSET_OF' }] },
    });
  });

  it('mixes directions along a chain, the weakest reading deciding', () => {
    // 1 → 2 EQUAL, 3 → 2 SUPERSET_OF (read from 2: "2 SUBSET_OF 3"), control on 3: 1 is COVERED
    // through 2 then 3; with 3 → 2 SUBSET_OF (read "2 SUPERSET_OF 3") only PARTIAL.
    const b = new GraphBuilder().req(1, 10).req(2, 20).req(3, 30).effective(50).map(3, 50).link(1, 2, 'EQUAL').link(3, 2, 'SUPERSET_OF');
    const [forward, inverse] = b.graph.requirementLinks.map((l) => l.id);
    expect(evaluateCoverage(b.graph, q()).requirement(1)).toMatchObject({
      status: 'COVERED',
      via: {
        path: [1, 2, 3],
        steps: [
          { requirementId: 2, linkId: forward, direction: 'FORWARD', relationship: 'EQUAL' },
          { requirementId: 3, linkId: inverse, direction: 'INVERSE', relationship: 'SUBSET_OF' },
        ],
      },
    });
    b.graph.requirementLinks[1]!.relationship = 'SUBSET_OF';
    expect(evaluateCoverage(b.graph, q()).status(1)).toBe('PARTIAL');
  });

  it('reads both links of a pair linked both ways (raw input; the API forbids it), the best reading winning', () => {
    // 1 → 2 INTERSECTS_WITH and 2 → 1 SUPERSET_OF: 1 reads the second inversely as SUBSET_OF.
    const b = new GraphBuilder().req(1, 10).req(2, 20).effective(50).map(2, 50).link(1, 2, 'INTERSECTS_WITH').link(2, 1, 'SUPERSET_OF');
    const second = b.graph.requirementLinks[1]!.id;
    expect(evaluateCoverage(b.graph, q()).requirement(1)?.via).toMatchObject({
      kind: 'FULL',
      steps: [{ requirementId: 2, linkId: second, direction: 'INVERSE', relationship: 'SUBSET_OF' }],
    });
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

  it('prefers the strongest kind, then the fewest links, then the smallest link ids', () => {
    // 1 → 2 (INTERSECTS) → 50; 1 → 3 (EQUAL) → 5 or 4 (EQUAL) → 50: the longer FULL path wins,
    // through 5, whose link is older (smaller id) although 4 is the smaller requirement id.
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
    expect(contribution).toMatchObject({ kind: 'FULL', path: [1, 3, 5], mappedRequirementId: 5 });
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
      {
        controlId: 50,
        state: 'EFFECTIVE',
        kind: 'FULL',
        inferred: true,
        path: [5, 4],
        steps: [{ requirementId: 4, linkId: expect.any(Number), direction: 'FORWARD', relationship: 'EQUAL' }],
        mappedRequirementId: 3,
        mappingId: expect.any(Number),
      },
      { controlId: 51, state: 'EFFECTIVE', kind: 'PARTIAL', inferred: false, path: [5], steps: [], mappedRequirementId: 5, mappingId: expect.any(Number) },
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
