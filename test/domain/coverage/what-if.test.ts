/** simulate (forced control states) and impact (what drops if a control stops being EFFECTIVE). */
import { describe, expect, it } from 'vitest';
import { evaluateCoverage, impact, prepareCoverageGraph, simulate } from '../../../src/domain/coverage/index.js';
import { GraphBuilder } from './graph-builder.js';

const graph = () =>
  new GraphBuilder()
    .req(1, 10)
    .req(2, 10, 1)
    .req(3, 10, 1)
    .req(4, 20)
    .effective(50)
    .effective(51)
    .control(52, 'PLANNED')
    .map(2, 50)
    .map(3, 50, 'INTERSECTS_WITH')
    .map(3, 51)
    .map(4, 52)
    .link(4, 2, 'EQUAL')
    .threat(900, 99, [2])
    .threat(901, 99, [4]).graph;

describe('what-if', () => {
  it('simulate forces control states', () => {
    const g = graph();
    const q = { at: 0, aiSystemId: null };
    expect(evaluateCoverage(g, q).requirement(3)?.status).toBe('COVERED');
    const r = simulate(g, q, [
      { controlId: 51, state: 'EVIDENCE_EXPIRED' },
      { controlId: 999, state: 'EFFECTIVE' }, // unknown: ignored
    ]);
    expect(r.controlState(51)).toBe('EVIDENCE_EXPIRED');
    expect(r.requirement(3)).toMatchObject({
      status: 'PARTIAL',
      reasons: [{ code: 'EVIDENCE_EXPIRED', controlIds: [51] }],
    });
  });

  it('impact lists the requirements, threats and frameworks that drop', () => {
    const prepared = prepareCoverageGraph(graph());
    const q = { at: 0, aiSystemId: null };
    expect(impact(prepared, q, 50)).toEqual({
      controlId: 50,
      stateBefore: 'EFFECTIVE',
      stateAfter: 'NOT_IMPLEMENTED',
      requirements: [
        { requirementId: 1, frameworkId: 10, leaf: false, before: 'COVERED', after: 'PARTIAL' },
        { requirementId: 2, frameworkId: 10, leaf: true, before: 'COVERED', after: 'UNCOVERED' },
        { requirementId: 4, frameworkId: 20, leaf: true, before: 'COVERED', after: 'UNCOVERED' },
      ],
      threats: [
        { threatId: 900, frameworkId: 99, before: 'ADDRESSED', after: 'EXPOSED' },
        { threatId: 901, frameworkId: 99, before: 'ADDRESSED', after: 'EXPOSED' },
      ],
      frameworks: [
        {
          frameworkId: 10,
          before: { total: 2, covered: 2, partial: 0, uncovered: 0, notApplicable: 0, coverageRatio: 1 },
          after: { total: 2, covered: 1, partial: 0, uncovered: 1, notApplicable: 0, coverageRatio: 0.5 },
          changed: true,
        },
        {
          frameworkId: 20,
          before: { total: 1, covered: 1, partial: 0, uncovered: 0, notApplicable: 0, coverageRatio: 1 },
          after: { total: 1, covered: 0, partial: 0, uncovered: 1, notApplicable: 0, coverageRatio: 0 },
          changed: true,
        },
      ],
    });
  });

  it('impact of a control that is not EFFECTIVE, or unknown, changes nothing', () => {
    const q = { at: 0, aiSystemId: null };
    expect(impact(graph(), q, 52)).toMatchObject({ stateBefore: 'NOT_IMPLEMENTED', requirements: [], threats: [], frameworks: [] });
    expect(impact(graph(), q, 999)).toEqual({
      controlId: 999,
      stateBefore: null,
      stateAfter: null,
      requirements: [],
      threats: [],
      frameworks: [],
    });
  });
});
