/** Rule 9 — AI system scope. */
import { describe, expect, it } from 'vitest';
import { evaluateCoverage } from '../../../src/domain/coverage/index.js';
import { GraphBuilder } from './graph-builder.js';

describe('rule 9: AI system scope', () => {
  const b = new GraphBuilder()
    .req(1, 10)
    .req(2, 20)
    .req(3, 30)
    .effective(50)
    .map(2, 50)
    .link(1, 2, 'EQUAL')
    .system(7, [10, 30]);

  it('evaluates only the frameworks that apply to the system; others are absent', () => {
    const r = evaluateCoverage(b.graph, { at: 0, aiSystemId: 7 });
    expect(r.frameworks.map((f) => f.frameworkId)).toEqual([10, 30]);
    expect(r.framework(20)).toBeNull();
    expect(r.status(2)).toBeNull();
    expect(r.requirement(2)).toBeNull();
    expect(r.subtree(2)).toBeNull();
    expect(r.requirementIds()).toEqual([1, 3]);
  });

  it('still infers through requirements of frameworks out of scope', () => {
    expect(evaluateCoverage(b.graph, { at: 0, aiSystemId: 7 }).status(1)).toBe('COVERED');
  });

  it('evaluates every framework for the organisation, and none for a system without frameworks', () => {
    expect(evaluateCoverage(b.graph, { at: 0, aiSystemId: null }).frameworks.map((f) => f.frameworkId)).toEqual([10, 20, 30]);
    expect(evaluateCoverage(b.graph, { at: 0, aiSystemId: 8 }).frameworks).toEqual([]);
  });

  it('rejects malformed queries', () => {
    expect(() => evaluateCoverage(b.graph, { at: Number.NaN, aiSystemId: null })).toThrow(RangeError);
    expect(() => evaluateCoverage(b.graph, { at: 0, aiSystemId: null, maxDepth: -1 })).toThrow(RangeError);
    expect(() => evaluateCoverage(b.graph, { at: 0, aiSystemId: null, maxDepth: 1.5 })).toThrow(RangeError);
  });
});
