/**
 * Property test of rule 10 (history is never lost): on random graphs whose structure is history —
 * frameworks created and retired, requirements with several versions (framework, parent,
 * withdrawn) and retirements, AI-system framework assignments, threats and threat links created
 * and retired, controls deleted (an own status change to no status) — evaluating the whole
 * history graph at T gives exactly what evaluating the graph "as it was at T" gives: its
 * structure rebuilt by keeping the rows live at T (as rows without a lifespan, i.e. live
 * forever), every other table as it is. Checked through one prepared history graph queried at
 * many instants in random order (the engine then prepares and reuses structure epochs), through
 * several scopes at once, and through simulate and impact.
 *
 * Each run uses the fixed seed and one random seed, printed (a failure names it too). The number
 * of runs per seed is HISTORY_PROPERTY_RUNS (default 150; CI sets thousands).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateCoverage,
  evaluateScopes,
  impact,
  prepareCoverageGraph,
  simulate,
  type CoverageGraph,
  type CoverageResult,
} from '../../../src/domain/coverage/index.js';
import { normalizeQuery, TimeSlice } from '../../../src/domain/coverage/evaluate.js';
import { earliestInstant } from '../../../src/domain/coverage/structure.js';
import { IMPLEMENTATION_STATUSES, RELATIONSHIPS } from '../../../src/domain/vocabulary.js';

const RUNS = Number(process.env.HISTORY_PROPERTY_RUNS ?? 150);
const FIXED_SEED = 20_261_207;
const RANDOM_SEED = (Math.random() * 2 ** 31) | 0;
const MAX_TIME = 12;
/** Thousands of runs (CI) take a while on a loaded machine. */
const TIMEOUT_MS = Math.max(120_000, RUNS * 60);

const time = fc.integer({ min: 0, max: MAX_TIME });
const lifespan = fc.record({ createdAt: time, retiredAfter: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null, freq: 2 }) });
const span = (l: { createdAt: number; retiredAfter: number | null }) => ({
  createdAt: l.createdAt,
  retiredAt: l.retiredAfter === null ? null : l.createdAt + l.retiredAfter,
});

interface Shape {
  frameworks: { createdAt: number; retiredAfter: number | null }[];
  requirements: {
    createdAt: number;
    /** Later versions: after `gap` more instants, another framework/parent/withdrawn. */
    versions: { gap: number; framework: number; parent: number; withdrawn: boolean }[];
    retiredAfter: number | null;
  }[];
  controls: { at: number; status: number; deletedAfter: number | null; evidence: boolean }[];
  statusChanges: { control: number; system: number; status: number; at: number }[];
  mappings: { req: number; control: number; rel: number; createdAt: number; retiredAfter: number | null }[];
  links: { source: number; target: number; rel: number; createdAt: number; retiredAfter: number | null }[];
  marks: { req: number; system: number; createdAt: number; retiredAfter: number | null }[];
  assignments: { system: number; framework: number; createdAt: number; retiredAfter: number | null }[];
  threats: { createdAt: number; retiredAfter: number | null; links: { req: number; createdAt: number; retiredAfter: number | null }[] }[];
}

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  frameworks: fc.array(lifespan, { minLength: 1, maxLength: 3 }),
  requirements: fc.array(
    fc.record({
      createdAt: time,
      versions: fc.array(
        fc.record({ gap: fc.integer({ min: 0, max: 4 }), framework: fc.nat(5), parent: fc.integer({ min: -2, max: 12 }), withdrawn: fc.boolean() }),
        { minLength: 1, maxLength: 3 },
      ),
      retiredAfter: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null, freq: 2 }),
    }),
    { minLength: 1, maxLength: 10 },
  ),
  controls: fc.array(
    fc.record({
      at: fc.integer({ min: 0, max: 4 }),
      status: fc.constantFrom(3, 3, 3, 0, 1, 4),
      deletedAfter: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null, freq: 2 }),
      evidence: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  statusChanges: fc.array(fc.record({ control: fc.nat(5), system: fc.constantFrom(0, 0, 1, 2), status: fc.nat(IMPLEMENTATION_STATUSES.length), at: time }), {
    maxLength: 5,
  }),
  mappings: fc.constant([]),
  links: fc.array(fc.record({ source: fc.nat(12), target: fc.nat(12), rel: fc.nat(3), createdAt: time, retiredAfter: fc.option(fc.nat(6), { nil: null }) }), {
    maxLength: 6,
  }),
  marks: fc.array(fc.record({ req: fc.nat(12), system: fc.constantFrom(0, 1, 2), createdAt: time, retiredAfter: fc.option(fc.nat(6), { nil: null }) }), {
    maxLength: 3,
  }),
  assignments: fc.array(
    fc.record({ system: fc.constantFrom(1, 2), framework: fc.nat(5), createdAt: time, retiredAfter: fc.option(fc.nat(6), { nil: null }) }),
    { maxLength: 5 },
  ),
  threats: fc.array(
    fc.record({
      createdAt: time,
      retiredAfter: fc.option(fc.nat(8), { nil: null, freq: 2 }),
      links: fc.array(fc.record({ req: fc.nat(12), createdAt: time, retiredAfter: fc.option(fc.nat(6), { nil: null }) }), { maxLength: 3 }),
    }),
    { maxLength: 3 },
  ),
});

/** Mappings drawn separately (fc.record cannot spread an arbitrary). */
const mappingsArb = fc.array(
  fc.record({ req: fc.nat(12), control: fc.nat(5), rel: fc.nat(3), createdAt: time, retiredAfter: fc.option(fc.nat(6), { nil: null, freq: 2 }) }),
  { minLength: 1, maxLength: 12 },
);

const THREAT_CATALOG = 99;

/** The history graph of a shape: every structure row with its lifespan. */
function buildGraph(shape: Shape): CoverageGraph {
  const frameworkIds = shape.frameworks.map((_, i) => 10 + i);
  const fw = (k: number) => frameworkIds[k % frameworkIds.length]!;
  const reqId = (k: number) => 200 + (k % shape.requirements.length);
  const requirements: CoverageGraph['requirements'][number][] = [];
  shape.requirements.forEach((r, i) => {
    const id = 200 + i;
    const end = r.retiredAfter === null ? null : r.createdAt + r.retiredAfter;
    // Version k is live from the sum of the gaps before it until the next one starts; the last
    // until the retirement. A requirement keeps its framework (the API never moves one), its
    // parent and withdrawn flag change; versions starting at or after the retirement are left out.
    let from = r.createdAt;
    r.versions.forEach((v, k) => {
      if (end !== null && from >= end && k > 0) return;
      const next = k + 1 < r.versions.length ? from + r.versions[k + 1]!.gap : null;
      const to = next === null ? end : end === null ? next : Math.min(next, end);
      requirements.push({
        id,
        frameworkId: fw(r.versions[0]!.framework),
        parentId: v.parent < 0 ? null : reqId(v.parent),
        withdrawn: v.withdrawn,
        validFrom: from,
        validTo: to,
      });
      if (next !== null) from = next;
    });
  });
  const controlStatusChanges: CoverageGraph['controlStatusChanges'][number][] = [];
  let changeId = 1;
  shape.controls.forEach((c, i) => {
    controlStatusChanges.push({ id: changeId++, controlId: 100 + i, aiSystemId: null, toStatus: IMPLEMENTATION_STATUSES[c.status]!, changedAt: c.at });
    if (c.deletedAfter !== null) {
      controlStatusChanges.push({ id: changeId++, controlId: 100 + i, aiSystemId: null, toStatus: null, changedAt: c.at + c.deletedAfter });
    }
  });
  for (const s of shape.statusChanges) {
    controlStatusChanges.push({
      id: changeId++,
      controlId: 100 + (s.control % shape.controls.length),
      aiSystemId: s.system === 0 ? null : s.system,
      toStatus: IMPLEMENTATION_STATUSES[s.status] ?? null,
      changedAt: s.at,
    });
  }
  const mappings = shape.mappings.map((m, i) => ({
    id: 300 + i,
    requirementId: reqId(m.req),
    controlId: 100 + (m.control % shape.controls.length),
    ...span(m),
  }));
  const evidence = shape.controls.flatMap((c, i) => (c.evidence ? [{ id: 700 + i, createdAt: c.at, collectedAt: c.at, validUntil: null, aiSystemId: null }] : []));
  return {
    frameworks: shape.frameworks.map((f, i) => ({ id: frameworkIds[i]!, ...span(f) })),
    requirements,
    controlStatusChanges,
    mappings,
    mappingRevisions: shape.mappings.map((m, i) => ({ id: 400 + i, mappingId: 300 + i, relationship: RELATIONSHIPS[m.rel]!, validFrom: m.createdAt })),
    requirementLinks: shape.links.map((l, i) => ({
      id: 500 + i,
      sourceRequirementId: reqId(l.source),
      targetRequirementId: reqId(l.target),
      relationship: RELATIONSHIPS[l.rel]!,
      ...span(l),
    })),
    evidence,
    evidenceControls: evidence.map((e) => ({ evidenceId: e.id, controlId: e.id - 600 })),
    evidenceReviews: evidence.map((e) => ({ id: e.id, evidenceId: e.id, status: 'ACCEPTED' as const, reviewedAt: e.createdAt })),
    notApplicableMarks: shape.marks.map((m) => ({ requirementId: reqId(m.req), aiSystemId: m.system === 0 ? null : m.system, ...span(m) })),
    aiSystemFrameworks: shape.assignments.map((a) => ({ aiSystemId: a.system, frameworkId: fw(a.framework), ...span(a) })),
    threats: shape.threats.map((t, i) => ({ id: 900 + i, frameworkId: THREAT_CATALOG, ...span(t) })),
    threatRequirements: shape.threats.flatMap((t, i) => t.links.map((l) => ({ threatId: 900 + i, requirementId: reqId(l.req), ...span(l) }))),
  };
}

const liveAt = (row: { createdAt?: number; retiredAt?: number | null }, at: number) =>
  (row.createdAt ?? -Infinity) <= at && !(row.retiredAt != null && row.retiredAt <= at);

/** The graph as it was at `at`: structure rows live at `at`, without lifespans; the rest as it is. */
function graphAsOf(graph: CoverageGraph, at: number): CoverageGraph {
  const strip = <T extends { createdAt?: number; retiredAt?: number | null }>(rows: readonly T[]) =>
    rows.filter((r) => liveAt(r, at)).map(({ createdAt: _c, retiredAt: _r, ...rest }) => rest);
  return {
    ...graph,
    frameworks: strip(graph.frameworks),
    requirements: graph.requirements
      .filter((r) => (r.validFrom ?? -Infinity) <= at && !(r.validTo != null && r.validTo <= at))
      .map(({ validFrom: _f, validTo: _t, ...rest }) => rest),
    aiSystemFrameworks: strip(graph.aiSystemFrameworks),
    threats: strip(graph.threats),
    threatRequirements: strip(graph.threatRequirements),
  };
}

/** Everything a result answers, for requirement ids 200… and control ids 100…. */
function dump(result: CoverageResult, shape: Shape): unknown {
  const ids = shape.requirements.map((_, i) => 200 + i);
  return {
    frameworks: result.frameworks,
    requirementIds: result.requirementIds(),
    requirements: ids.map((id) => [result.status(id), result.requirement(id), result.subtree(id)]),
    gaps: result.gaps().map((g) => g.requirementId),
    controls: [...result.controlStates()],
    threats: result.threats,
  };
}

const queryArb = fc.record({
  at: fc.integer({ min: -1, max: MAX_TIME + 8 }),
  aiSystemId: fc.constantFrom(null, null, 1, 2),
  viaCrosswalks: fc.constantFrom(true, true, false),
  maxDepth: fc.constantFrom(0, 1, 3, 3),
});

const seen = new Map<string, number>();
const note = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);

function check<Ts extends unknown[]>(property: fc.IRawProperty<Ts>, seed: number): void {
  console.log(`history property: seed ${seed}, ${RUNS} runs`);
  fc.assert(property, { seed, numRuns: RUNS });
}

describe('rule 10: the history graph at T is the graph as it was at T', () => {
  for (const seed of [FIXED_SEED, RANDOM_SEED]) {
    it(`agrees for every kind of delete, at instants in random order (seed ${seed})`, () => {
      check(
        fc.property(shapeArb, mappingsArb, fc.array(queryArb, { minLength: 1, maxLength: 8 }), (shape, mappings, queries) => {
          shape = { ...shape, mappings };
          const graph = buildGraph(shape);
          // One prepared history graph serves every instant (epochs prepared on demand).
          const prepared = prepareCoverageGraph(graph);
          for (const query of queries) {
            // The graph as it was at T, prepared once for the four answers compared with it (what
            // each of evaluateCoverage, impact and simulate does itself with an unprepared graph).
            const asOf = prepareCoverageGraph(graphAsOf(graph, query.at));
            const expected = evaluateCoverage(asOf, query);
            const context = `seed ${seed} at ${query.at} scope ${query.aiSystemId}`;
            expect(dump(evaluateCoverage(prepared, query), shape), context).toEqual(dump(expected, shape));
            expect(dump(evaluateCoverage(graph, query), shape), context).toEqual(dump(expected, shape));
            const [org, system] = evaluateScopes(prepared, query, [null, query.aiSystemId]);
            expect(dump(org!, shape), context).toEqual(dump(evaluateCoverage(asOf, { ...query, aiSystemId: null }), shape));
            expect(dump(system!, shape), context).toEqual(dump(expected, shape));
            const controlId = 100 + (query.at % shape.controls.length + shape.controls.length) % shape.controls.length;
            expect(impact(prepared, query, controlId), context).toEqual(impact(asOf, query, controlId));
            const forced = [{ controlId, state: 'EFFECTIVE' as const }];
            expect(dump(simulate(prepared, query, forced), shape), context).toEqual(dump(simulate(asOf, query, forced), shape));
            for (const f of expected.frameworks) note(`framework:${f.status}`);
            note(expected.threats.length ? 'threats' : 'no-threats');
            note(expected.requirementIds().length ? 'requirements' : 'no-requirements');
          }
          // The structure did change over time in this graph (deletes, versions): note it.
          if (graph.requirements.some((r) => r.validTo != null)) note('requirement-retired-or-changed');
          if (graph.controlStatusChanges.some((c) => c.aiSystemId === null && c.toStatus === null)) note('control-deleted');
          if (graph.threats.some((t) => t.retiredAt != null)) note('threat-deleted');
          if (graph.frameworks.some((f) => f.retiredAt != null)) note('framework-deleted');
          if (graph.aiSystemFrameworks.some((a) => a.retiredAt != null)) note('assignment-retired');
        }),
        seed,
      );
      for (const key of ['requirement-retired-or-changed', 'control-deleted', 'threat-deleted', 'framework-deleted', 'assignment-retired', 'threats', 'requirements']) {
        expect(seen.get(key) ?? 0, key).toBeGreaterThan(0);
      }
    }, TIMEOUT_MS);
  }

  it('prepares each structure epoch once, reusing the passes the structure does not touch, and evaluates T with its epoch', () => {
    const graph = buildGraph({
      frameworks: [{ createdAt: 0, retiredAfter: null }, { createdAt: 5, retiredAfter: 3 }],
      requirements: [{ createdAt: 1, versions: [{ gap: 0, framework: 0, parent: -1, withdrawn: false }], retiredAfter: 4 }],
      controls: [{ at: 0, status: 3, deletedAfter: 6, evidence: true }],
      statusChanges: [],
      mappings: [{ req: 0, control: 0, rel: 0, createdAt: 1, retiredAfter: null }],
      links: [],
      marks: [],
      assignments: [],
      threats: [],
    });
    const prepared = prepareCoverageGraph(graph);
    expect(prepared.structureTimes).toEqual(Float64Array.from([0, 1, 5, 8]));
    expect(prepared.epoch).toEqual({ from: 8, to: Infinity });
    expect(earliestInstant(prepared.source)).toBe(0);
    const sliceAt = (at: number) => new TimeSlice(prepared, normalizeQuery({ at, aiSystemId: null })).prep;
    expect(sliceAt(9)).toBe(prepared);
    expect(sliceAt(2)).toBe(sliceAt(3));
    expect(sliceAt(2)).not.toBe(prepared);
    expect(sliceAt(2).epoch).toEqual({ from: 1, to: 5 });
    // The control and evidence passes do not depend on the structure: reused, not recomputed.
    expect(sliceAt(2).ownChanges).toBe(prepared.ownChanges);
    expect(sliceAt(2).controlEvidence).toBe(prepared.controlEvidence);
    const at2 = evaluateCoverage(prepared, { at: 2, aiSystemId: null });
    const at3 = evaluateCoverage(prepared, { at: 3, aiSystemId: null });
    expect(at2.status(200)).toBe('COVERED');
    expect(at3.status(200)).toBe('COVERED');
    expect(evaluateCoverage(prepared, { at: 6, aiSystemId: null }).status(200)).toBeNull();
    expect(evaluateCoverage(prepared, { at: 0, aiSystemId: null }).status(200)).toBeNull();
    expect(evaluateCoverage(prepared, { at: 6, aiSystemId: null }).frameworks.map((f) => f.frameworkId)).toEqual([10, 11]);
    expect(evaluateCoverage(prepared, { at: 9, aiSystemId: null }).frameworks.map((f) => f.frameworkId)).toEqual([10]);
  });
});
