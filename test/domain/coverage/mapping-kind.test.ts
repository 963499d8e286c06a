/** Rule 3 — mapping kind, validity in time, inheritance down the hierarchy. */
import { describe, expect, it } from 'vitest';
import { evaluateCoverage } from '../../../src/domain/coverage/index.js';
import type { Relationship } from '../../../src/domain/vocabulary.js';
import { GraphBuilder } from './graph-builder.js';

const at = (b: GraphBuilder, t: number) => evaluateCoverage(b.graph, { at: t, aiSystemId: null });

describe('rule 3: mapping kind', () => {
  it.each<[Relationship, string, string]>([
    ['EQUAL', 'FULL', 'COVERED'],
    ['SUBSET_OF', 'FULL', 'COVERED'],
    ['SUPERSET_OF', 'PARTIAL', 'PARTIAL'],
    ['INTERSECTS_WITH', 'PARTIAL', 'PARTIAL'],
  ])('%s is %s', (relationship, kind, status) => {
    const result = at(new GraphBuilder().req(1, 10).effective(5).map(1, 5, relationship), 1);
    expect(result.requirement(1)?.contributions.map((c) => c.kind)).toEqual([kind]);
    expect(result.status(1)).toBe(status);
  });

  it('takes the relationship of the latest revision as of T (FULL → PARTIAL over time)', () => {
    const b = new GraphBuilder().req(1, 10).effective(5).map(1, 5, 'EQUAL', { id: 77 }).revise(77, 'INTERSECTS_WITH', 10);
    expect(at(b, 9).status(1)).toBe('COVERED');
    expect(at(b, 10).status(1)).toBe('PARTIAL');
    b.revise(77, 'SUBSET_OF', 20);
    expect(at(b, 25).status(1)).toBe('COVERED');
  });

  it('counts a mapping created exactly at T, and not one retired exactly at T', () => {
    const b = new GraphBuilder().req(1, 10).effective(5).map(1, 5, 'EQUAL', { createdAt: 10, retiredAt: 20 });
    expect(at(b, 9).status(1)).toBe('UNCOVERED');
    expect(at(b, 10).status(1)).toBe('COVERED');
    expect(at(b, 19).status(1)).toBe('COVERED');
    expect(at(b, 20).status(1)).toBe('UNCOVERED');
  });

  it('ignores a mapping without a revision valid at T', () => {
    const b = new GraphBuilder().req(1, 10).effective(5);
    b.graph.mappings.push({ id: 9, requirementId: 1, controlId: 5, createdAt: 0, retiredAt: null });
    b.revise(9, 'EQUAL', 5);
    expect(at(b, 4).status(1)).toBe('UNCOVERED');
    expect(at(b, 5).status(1)).toBe('COVERED');
  });

  it('applies a mapping to every descendant with the same kind (inherited from a grandparent)', () => {
    const b = new GraphBuilder()
      .req(1, 10)
      .req(2, 10, 1)
      .req(3, 10, 2)
      .req(4, 10, 2)
      .effective(5)
      .effective(6)
      .map(1, 5, 'SUBSET_OF', { id: 70 })
      .map(2, 6, 'INTERSECTS_WITH', { id: 71 });
    const result = at(b, 1);
    for (const leaf of [3, 4]) {
      expect(result.status(leaf)).toBe('COVERED');
      expect(result.requirement(leaf)?.contributions).toEqual([
        { controlId: 5, state: 'EFFECTIVE', kind: 'FULL', inferred: false, path: [leaf], steps: [], mappedRequirementId: 1, mappingId: 70 },
        { controlId: 6, state: 'EFFECTIVE', kind: 'PARTIAL', inferred: false, path: [leaf], steps: [], mappedRequirementId: 2, mappingId: 71 },
      ]);
    }
  });

  it('keeps the strongest kind when a control is mapped at several levels, own mapping first on ties', () => {
    const b = new GraphBuilder()
      .req(1, 10)
      .req(2, 10, 1)
      .effective(5)
      .map(1, 5, 'EQUAL', { id: 80 })
      .map(2, 5, 'INTERSECTS_WITH', { id: 81 });
    expect(at(b, 1).requirement(2)?.contributions.map((c) => [c.kind, c.mappedRequirementId])).toEqual([['FULL', 1]]);
    b.revise(80, 'SUPERSET_OF', 2);
    expect(at(b, 3).requirement(2)?.contributions.map((c) => [c.kind, c.mappedRequirementId])).toEqual([['PARTIAL', 2]]);
  });
});
