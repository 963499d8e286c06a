/**
 * Property tests: the engine agrees with the naive reference implementation (reference.ts) on
 * random graphs — hierarchies up to depth 4 with withdrawn requirements, parent cycles and parent
 * ids absent from the snapshot, mappings with revisions and retirements, crosswalk links in both
 * directions (reverse pairs, links of ancestors, cycles included), status histories with
 * per-system overrides, evidence with reviews, expiry and AI systems, not-applicable marks,
 * threats — and with history (rule 10): frameworks, requirements, controls, AI systems and threats
 * deleted at random instants, frameworks imported late, requirements re-parented and withdrawn over
 * time, assignments and threat links created and retired — at random instants chosen in a small
 * time range, before, between and after those, so that boundary ties (T equal to an instant) are
 * frequent. The API's path (CoverageAnswer: gaps, impact, simulation) is compared with the
 * reference too; its impact and simulation are the engine's impactOn and simulationOn (what-if.ts).
 *
 * Every property runs on its fixed seed and on one random seed per run, printed at the start
 * (CROSSWALK_PROPERTY_SEED=<n> repeats it; a failure names its seed). CROSSWALK_PROPERTY_RUNS
 * sets the number of cases per seed of the main property (the others run a fraction of it; CI
 * sets thousands).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONTROL_STATES,
  evaluateCoverage,
  impact,
  prepareCoverageGraph,
  simulate,
  type ControlStateOverride,
  type CoverageGraph,
  type PreparedCoverageGraph,
  type CoverageResult,
} from '../../../src/domain/coverage/index.js';
import { EVIDENCE_STATUSES, IMPLEMENTATION_STATUSES, RELATIONSHIPS } from '../../../src/domain/vocabulary.js';
import { randomInt } from 'node:crypto';
import { referenceCoverage, structureOf, type RefQuery, type RefResult } from './reference.js';
import { columnsOf, type ColumnarCoverageGraph } from '../../../src/domain/coverage/columns.js';
import { afterReviewsSlice, coverageSlice, evaluateAnswer } from '../../../src/services/coverage-answer.js';
import { epochKey, instantsAfter } from '../../../src/services/coverage-cache.js';
import { evaluateScope } from '../../../src/domain/coverage/evaluate.js';
import { queryArb, shapeArb, type MaybeSpan, type Shape } from './reference-shapes.js';

const SEED = 20_240_601;
const RUNS = Number(process.env.CROSSWALK_PROPERTY_RUNS ?? 1200);
const RANDOM_SEED = process.env.CROSSWALK_PROPERTY_SEED ? Number(process.env.CROSSWALK_PROPERTY_SEED) : randomInt(2 ** 31 - 1);
/** Thousands of runs (CI) take a while on a loaded machine. */
const TIMEOUT_MS = Math.max(120_000, RUNS * 50);
console.info(`reference property test: random seed ${RANDOM_SEED} (CROSSWALK_PROPERTY_SEED=${RANDOM_SEED} repeats it), ${RUNS} runs per seed`);

/** Runs a property on its fixed seed, then on the run's random seed; a failure names the seed. */
function check<T>(property: fc.IProperty<T>, offset: number, numRuns: number): void {
  const runs = Math.max(1, Math.round(numRuns));
  for (const [seed, which] of [
    [SEED + offset, 'fixed seed'],
    [RANDOM_SEED + offset, `random seed: CROSSWALK_PROPERTY_SEED=${RANDOM_SEED}`],
  ] as const) {
    const details = fc.check(property, { seed, numRuns: runs }) as fc.RunDetails<unknown>;
    if (details.failed) throw new Error(`${which} (fast-check seed ${seed}): ${fc.defaultReportMessage(details)}`, { cause: details.errorInstance });
    // Graphs too big to enumerate are skipped (MOST_WALKS, reference.ts): about 0.5 % of them. Many
    // more would mean the shapes changed and the reference no longer judges what it should.
    expect(details.numSkips, `${which}: graphs skipped as too big for the reference`).toBeLessThanOrEqual(Math.ceil(runs * 0.02) + 5);
  }
}
/** Unique-ish ids in random order relative to creation: random prefix, row index suffix. */
const rowId = (prefix: number, index: number) => prefix * 1000 + index + 1;

/** The lifespan columns of a span (none for a row without one). */
const lifespan = (span: MaybeSpan): { createdAt?: number; retiredAt?: number | null } =>
  span === null ? {} : { createdAt: span.from, retiredAt: span.length === null ? null : span.from + span.length };

/** A lifespan cut short by a delete at `at` (the delete retires what is live then). */
const retiredBy = <T extends { createdAt?: number; retiredAt?: number | null }>(row: T, at: number | undefined): T =>
  at === undefined || (row.createdAt ?? -Infinity) > at || (row.retiredAt != null && row.retiredAt <= at) ? row : { ...row, retiredAt: at };

/**
 * Builds a snapshot from a random shape: a tree-shaped hierarchy (depth ≤ 4) at first, which later
 * requirement versions may re-parent anywhere (cycles included) or withdraw, plus raw cycles and
 * dangling parents; frameworks, requirements, controls, AI systems, assignments, threats and threat
 * links created and deleted at random instants (rule 10).
 */
function buildGraph(shape: Shape): CoverageGraph {
  const frameworkIds = Array.from({ length: shape.frameworks }, (_, i) => 10 + i);
  const reqs: { id: number; frameworkId: number; parentId: number | null; withdrawn: boolean; depth: number; index: number }[] = [];
  const usedIds = new Set<number>();
  shape.requirements.forEach((r, i) => {
    let id = r.idPrefix + 1;
    while (usedIds.has(id)) id += 61;
    usedIds.add(id);
    const parent = r.parent >= 0 && r.parent < reqs.length && reqs[r.parent]!.depth < 3 ? reqs[r.parent]! : null;
    reqs.push({
      id,
      frameworkId: parent ? parent.frameworkId : frameworkIds[i % frameworkIds.length]!,
      parentId: parent ? parent.id : null,
      withdrawn: r.withdrawn && i % 4 === 0,
      depth: parent ? parent.depth + 1 : 0,
      index: i,
    });
  });
  let extraId = 700;
  for (const cycle of shape.cycles) {
    const ids = Array.from({ length: cycle.size }, () => extraId++);
    const frameworkId = frameworkIds[cycle.framework % frameworkIds.length]!;
    ids.forEach((id, k) => reqs.push({ id, frameworkId, parentId: ids[(k + 1) % ids.length]!, withdrawn: false, depth: 0, index: -1 }));
    if (cycle.child) reqs.push({ id: extraId++, frameworkId, parentId: ids[0]!, withdrawn: false, depth: 1, index: -1 });
  }
  for (const d of shape.dangling) {
    const id = extraId++;
    const frameworkId = frameworkIds[d.framework % frameworkIds.length]!;
    reqs.push({ id, frameworkId, parentId: 990_000 + id, withdrawn: false, depth: 0, index: -1 });
    if (d.withChild) reqs.push({ id: extraId++, frameworkId, parentId: id, withdrawn: false, depth: 1, index: -1 });
  }
  const reqId = (n: number) => reqs[n % reqs.length]!.id;
  const controlId = (n: number) => 100 + (n % (shape.controls.length + 1));
  const systemOf = (n: number) => (n === 0 ? null : n);

  const initialChanges: CoverageGraph['controlStatusChanges'][number][] = shape.controls.flatMap((c, i) =>
    c.exists
      ? [
          { id: rowId((c.at * 7) % 20, 500 + i), controlId: 100 + i, aiSystemId: null, toStatus: IMPLEMENTATION_STATUSES[c.status]!, changedAt: c.at },
          // A delete: the control's own status becomes none.
          ...(c.deletedAfter === null
            ? []
            : [{ id: rowId(c.deletedAfter, 800 + i), controlId: 100 + i, aiSystemId: null, toStatus: null, changedAt: c.at + c.deletedAfter }]),
        ]
      : [],
  );
  const laterChanges = shape.statusChanges.map((c, i) => ({
    id: rowId(c.idPrefix, i),
    controlId: controlId(c.control),
    aiSystemId: systemOf(c.system),
    toStatus:
      c.status < IMPLEMENTATION_STATUSES.length
        ? IMPLEMENTATION_STATUSES[c.status]!
        : c.system === 0
          ? 'IMPLEMENTED'
          : null,
    changedAt: c.at,
  }));
  const controlStatusChanges = [...initialChanges, ...laterChanges];
  const mappings: CoverageGraph['mappings'][number][] = [];
  const mappingRevisions: CoverageGraph['mappingRevisions'][number][] = [];
  shape.mappings.forEach((m, i) => {
    const id = rowId(m.idPrefix, i);
    mappings.push({
      id,
      requirementId: reqId(m.req),
      controlId: controlId(m.control),
      createdAt: m.createdAt,
      retiredAt: m.retiredAfter === null ? null : m.createdAt + m.retiredAfter,
    });
    mappingRevisions.push({
      id: rowId(m.idPrefix, 100 + i),
      mappingId: id,
      relationship: RELATIONSHIPS[m.rel]!,
      validFrom: m.createdAt + (m.firstRevisionLate ? 2 : 0),
    });
    m.revisions.forEach((r, k) =>
      mappingRevisions.push({ id: rowId(r.idPrefix, 200 + 10 * i + k), mappingId: id, relationship: RELATIONSHIPS[r.rel]!, validFrom: r.at }),
    );
  });
  const chainLinks = shape.chains.flatMap((chain) =>
    chain.slice(1).map((step, k) => ({ source: chain[k]!.node, target: step.node, rel: step.rel, createdAt: k, retiredAfter: null })),
  );
  const indexOf = new Map(reqs.map((r, i) => [r.id, i]));
  const familyLinks = shape.familyLinks.flatMap((f) => {
    let at: number | undefined = f.node % reqs.length;
    for (let k = 0; k < f.up && at !== undefined; k++) {
      const parent: number | null = reqs[at]!.parentId;
      at = parent === null ? undefined : indexOf.get(parent);
    }
    if (at === undefined || at === f.node % reqs.length) return [];
    const [source, target] = f.downward ? [at, f.node] : [f.node, at];
    return [{ source, target, rel: f.rel, createdAt: 0, retiredAfter: null }];
  });
  const reverseLinks = shape.links.flatMap((l) =>
    l.reverse === null ? [] : [{ source: l.target, target: l.source, rel: l.reverse, createdAt: l.createdAt + 1, retiredAfter: l.retiredAfter }],
  );
  // Ids in an order unrelated to creation, so that link-id ties are not creation-order ties.
  const requirementLinks = [...shape.links, ...chainLinks, ...familyLinks, ...reverseLinks].map((l, i) => ({
    id: 5000 + ((i * 37) % 11) * 1000 + i,
    sourceRequirementId: reqId(l.source),
    targetRequirementId: reqId(l.target),
    relationship: RELATIONSHIPS[l.rel]!,
    createdAt: l.createdAt,
    retiredAt: l.retiredAfter === null ? null : l.createdAt + l.retiredAfter,
  }));
  const evidence: CoverageGraph['evidence'][number][] = [];
  const evidenceControls: CoverageGraph['evidenceControls'][number][] = [];
  const evidenceReviews: CoverageGraph['evidenceReviews'][number][] = [];
  shape.controls.forEach((c, i) => {
    if (c.evidence === 0) return;
    const id = 8000 + i;
    evidence.push({ id, createdAt: c.at, collectedAt: c.at, validUntil: c.evidence >= 9 ? null : c.at + c.evidence, aiSystemId: null });
    evidenceControls.push({ evidenceId: id, controlId: 100 + i });
    evidenceReviews.push({ id: rowId(3, 600 + i), evidenceId: id, status: 'ACCEPTED', reviewedAt: c.at + (c.evidence % 3) });
  });
  shape.evidence.forEach((e, i) => {
    const id = 7000 + i;
    const collectedAt = e.createdAt + e.collectedShift;
    evidence.push({
      id,
      createdAt: e.createdAt,
      collectedAt,
      validUntil: e.validFor === null ? null : collectedAt + e.validFor,
      aiSystemId: systemOf(e.system),
    });
    for (const c of new Set(e.controls.map(controlId))) evidenceControls.push({ evidenceId: id, controlId: c });
    e.reviews.forEach((r, k) =>
      evidenceReviews.push({
        id: rowId(r.idPrefix, 10 * i + k),
        evidenceId: id,
        status: (['ACCEPTED', 'REJECTED', 'PENDING_REVIEW'] as const)[r.status] ?? EVIDENCE_STATUSES[0],
        reviewedAt: Math.max(r.at, e.createdAt),
      }),
    );
  });
  // Requirement versions: the first one as built above, later ones re-parent or withdraw; a
  // requirement's span bounds them all (versions starting at or after its deletion are left out).
  const requirements: CoverageGraph['requirements'][number][] = reqs.flatMap(({ id, frameworkId, parentId, withdrawn, index }) => {
    const r = index >= 0 ? shape.requirements[index]! : undefined;
    if (!r || (r.span === null && r.versions.length === 0)) return [{ id, frameworkId, parentId, withdrawn }];
    const start = r.span?.from ?? 0;
    const end = r.span === null || r.span.length === null ? null : start + r.span.length;
    const versions = [{ from: start, parentId, withdrawn }];
    for (const v of r.versions) {
      const from = versions[versions.length - 1]!.from + v.gap;
      if (end !== null && from >= end) break;
      versions.push({ from, parentId: v.parent < 0 ? null : reqs[v.parent % reqs.length]!.id, withdrawn: v.withdrawn });
    }
    return versions.map((v, k) => ({
      id,
      frameworkId,
      parentId: v.parentId,
      withdrawn: v.withdrawn,
      ...(k === 0 && r.span === null ? {} : { validFrom: v.from }),
      validTo: k + 1 < versions.length ? versions[k + 1]!.from : end,
    }));
  });
  const systemDeleted = (system: number) => shape.systemDeletes.find((d) => d.system === system)?.at;
  return {
    frameworks: frameworkIds.map((id, i) => ({ id, ...lifespan(shape.frameworkSpans[i]!) })),
    requirements,
    controlStatusChanges,
    mappings,
    mappingRevisions,
    requirementLinks,
    evidence,
    evidenceControls,
    evidenceReviews,
    notApplicableMarks: shape.marks.map((m) => {
      const mark = {
        requirementId: reqId(m.req),
        aiSystemId: systemOf(m.system),
        createdAt: m.createdAt,
        retiredAt: m.retiredAfter === null ? null : m.createdAt + m.retiredAfter,
      };
      const { retiredAt } = retiredBy(mark, m.system === 0 ? undefined : systemDeleted(m.system));
      return { ...mark, retiredAt: retiredAt ?? null };
    }),
    baselineExclusions: shape.exclusions.map((m) => ({
      requirementId: reqId(m.req),
      aiSystemId: systemOf(m.system),
      createdAt: m.createdAt,
      retiredAt: m.retiredAfter === null ? null : m.createdAt + m.retiredAfter,
    })),
    aiSystemFrameworks: [
      ...new Map(
        shape.systemFrameworks.map((s) => [
          `${s.system}:${s.framework}:${JSON.stringify(s.span)}`,
          retiredBy(
            { aiSystemId: s.system, frameworkId: frameworkIds[s.framework % frameworkIds.length]!, ...lifespan(s.span) },
            systemDeleted(s.system),
          ),
        ]),
      ).values(),
    ],
    threats: shape.threats.map((t, i) => ({ id: 900 + i, frameworkId: 99, ...lifespan(t.span) })),
    threatRequirements: shape.threats.flatMap((t, i) =>
      [...new Set(t.reqs.map(reqId))].map((requirementId, k) => ({ threatId: 900 + i, requirementId, ...lifespan(t.linkSpans[k] ?? null) })),
    ),
  };
}


/** Outcome counters, to check that the generator exercises the interesting cases. */
const seen = new Map<string, number>();
const note = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);

function expectSame(graph: CoverageGraph, engine: CoverageResult, ref: RefResult): void {
  const T = engine.at;
  const structure = structureOf(graph, T);
  for (const id of new Set(graph.requirements.map((r) => r.id))) {
    const expected = ref.requirements.get(id);
    expect(engine.status(id), `status of requirement ${id}`).toBe(expected?.status ?? null);
    if (!expected) continue;
    const actual = engine.requirement(id)!;
    const context = `requirement ${id}`;
    expect(actual.leaf, context).toBe(expected.leaf);
    expect([actual.frameworkId, actual.parentId], context).toEqual([structure.frameworkOf(id), structure.parentOf(id)]);
    expect(actual.summary, context).toEqual(expected.summary);
    expect(engine.subtree(id), context).toEqual(expected.summary);
    expect(
      actual.contributions.map((c) => [c.controlId, c.state, c.kind, c.inferred, c.path, c.steps, c.mappedRequirementId, c.mappingId]),
      context,
    ).toEqual(expected.contributions.map((c) => [c.controlId, c.state, c.kind, c.depth > 0, c.path, c.steps, c.mappedRequirementId, c.mappingId]));
    expect(actual.inferred, context).toBe(expected.inferred);
    expect(actual.via && [actual.via.controlId, actual.via.kind, actual.via.path, actual.via.steps, actual.via.mappingId], context).toEqual(
      expected.via && [expected.via.controlId, expected.via.kind, expected.via.path, expected.via.steps, expected.via.mappingId],
    );
    expect(
      actual.reasons.map((x) => ({ code: x.code, controlIds: x.controlIds, states: x.controls.map((c) => c.state) })),
      context,
    ).toEqual(expected.reasons);
    for (const reason of actual.reasons) {
      for (const c of reason.controls) {
        const contribution = actual.contributions.find((x) => x.controlId === c.controlId)!;
        expect([c.kind, c.path, c.steps], context).toEqual([contribution.kind, contribution.path, contribution.steps]);
      }
    }
    note(`status:${actual.status}${actual.leaf ? '' : ':rolled-up'}`);
    if (actual.inferred) note(`inferred:${actual.status}`);
    if (actual.via && actual.via.path.length > 2) note('inferred:chain');
    if (actual.via?.steps.some((x) => x.direction === 'INVERSE')) note(`inferred:inverse:${actual.status}`);
    if (actual.via?.steps.some((x) => x.direction === 'FORWARD') && actual.via.steps.some((x) => x.direction === 'INVERSE')) {
      note('inferred:both-directions');
    }
    for (const reason of actual.reasons) note(`reason:${reason.code}`);
    for (const c of actual.contributions) {
      if (c.mappedRequirementId !== c.path[c.path.length - 1]) note('contribution:inherited');
      if (c.inferred) note(`contribution:inferred:${c.kind}`);
      if (c.steps.some((x) => x.direction === 'INVERSE')) note(`contribution:inverse:${c.kind}`);
      if (c.steps.some((x) => x.relationship !== graph.requirementLinks.find((l) => l.id === x.linkId)!.relationship)) {
        note('contribution:relationship-read-inverted');
      }
    }
  }
  expect(
    engine.frameworks.map((f) => [f.frameworkId, f.status, f.summary]),
    'frameworks',
  ).toEqual([...ref.frameworks].sort((a, b) => a[0] - b[0]).map(([id, f]) => [id, f.status, f.summary]));
  expect(
    engine.threats.map((t) => [t.threatId, t.exposure]),
    'threats',
  ).toEqual([...ref.threats].sort((a, b) => a[0] - b[0]));
  for (const t of engine.threats) note(`threat:${t.exposure}`);
  expect(new Map(engine.controlStates()), 'control states').toEqual(ref.controlStates);
  for (const s of engine.controlStates().values()) note(`control:${s}`);
  for (const r of graph.requirements) {
    if (r.parentId !== null && r.parentId >= 990_000 && ref.requirements.has(r.id)) note('structure:dangling-parent');
    if (r.id >= 700 && !r.withdrawn && structure.exists(r.id) && !structure.live(r.id)) note('structure:cycle');
  }
  noteHistory(graph, T, ref);
  if (graph.requirementLinks.some((l) => graph.requirementLinks.some((m) => m.sourceRequirementId === l.targetRequirementId && m.targetRequirementId === l.sourceRequirementId))) {
    note('links:reverse-pair');
  }
}

/** Which kinds of history the instant T of a case falls before, between or after. */
function noteHistory(graph: CoverageGraph, T: number, ref: RefResult): void {
  const live = (row: { createdAt?: number; retiredAt?: number | null }) => (row.createdAt ?? -Infinity) <= T && !(row.retiredAt != null && row.retiredAt <= T);
  const after = (row: { retiredAt?: number | null }) => row.retiredAt != null && row.retiredAt <= T;
  const before = (row: { createdAt?: number }) => row.createdAt !== undefined && T < row.createdAt;
  if (graph.frameworks.some(after)) note('history:framework-deleted');
  if (graph.frameworks.some(before)) note('history:framework-not-yet-imported');
  const byId = new Map<number, CoverageGraph['requirements'][number][]>();
  for (const r of graph.requirements) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  for (const [id, versions] of byId) {
    const at = versions.find((v) => live({ createdAt: v.validFrom, retiredAt: v.validTo }));
    if (!at && versions.every((v) => v.validTo != null && v.validTo <= T)) note('history:requirement-deleted');
    if (!at && versions.every((v) => v.validFrom !== undefined && T < v.validFrom)) note('history:requirement-not-yet-created');
    if (at && versions.length > 1 && ref.requirements.has(id)) {
      const last = versions[versions.length - 1]!;
      if (at !== last && at.parentId !== last.parentId) note('history:evaluated-before-reparenting');
      if (at !== last && at.withdrawn !== last.withdrawn) note('history:evaluated-before-withdrawal-change');
      if (at === last && versions.some((v) => v.parentId !== at.parentId)) note('history:evaluated-after-reparenting');
    }
  }
  for (const c of new Set(graph.controlStatusChanges.map((x) => x.controlId))) {
    const own = graph.controlStatusChanges.filter((x) => x.controlId === c && x.aiSystemId === null && x.changedAt <= T);
    const latest = own.sort((a, b) => a.changedAt - b.changedAt || a.id - b.id).at(-1);
    if (latest && latest.toStatus === null) note('history:control-deleted');
    if (!latest && graph.controlStatusChanges.some((x) => x.controlId === c && x.aiSystemId === null && x.toStatus === null)) {
      note('history:before-control-deleted');
    }
  }
  if (graph.aiSystemFrameworks.some(after)) note('history:assignment-retired');
  if (graph.aiSystemFrameworks.some((a) => a.retiredAt != null && live(a))) note('history:before-assignment-retired');
  if (graph.threats.some(after)) note('history:threat-deleted');
  if (graph.threats.some((t) => t.retiredAt != null && live(t))) note('history:before-threat-deleted');
  if (graph.threatRequirements.some(after)) note('history:threat-link-retired');
}

/** The API's answer (CoverageService builds it the same way, with a cache around it). */
function apiAnswer(prepared: PreparedCoverageGraph, query: RefQuery) {
  const slice = coverageSlice(prepared, query.at, query.viaCrosswalks ? query.maxDepth : 0);
  return evaluateAnswer(slice, query, new Map());
}

const frameworkOf = (graph: CoverageGraph, requirementId: number) => graph.requirements.find((r) => r.id === requirementId)!.frameworkId;

/** The changes between two reference results, as CoverageAnswer lists them. */
function referenceChanges(graph: CoverageGraph, before: RefResult, after: RefResult) {
  return {
    requirements: [...before.requirements]
      .filter(([id, r]) => after.requirements.get(id)!.status !== r.status)
      .map(([id, r]) => ({ requirementId: id, frameworkId: frameworkOf(graph, id), leaf: r.leaf, before: r.status, after: after.requirements.get(id)!.status }))
      .sort((a, b) => a.frameworkId - b.frameworkId || a.requirementId - b.requirementId),
    threats: [...before.threats]
      .filter(([id, t]) => after.threats.get(id) !== t)
      .map(([id, t]) => ({ threatId: id, frameworkId: graph.threats.find((x) => x.id === id)!.frameworkId, before: t, after: after.threats.get(id)! }))
      .sort((a, b) => a.frameworkId - b.frameworkId || a.threatId - b.threatId),
    frameworks: [...before.frameworks]
      .sort((a, b) => a[0] - b[0])
      .map(([id, f]) => {
        const next = after.frameworks.get(id)!.summary;
        const changed = f.summary.covered !== next.covered || f.summary.partial !== next.partial || f.summary.uncovered !== next.uncovered;
        return { frameworkId: id, before: f.summary, after: next, changed };
      }),
  };
}

const overrideArb = fc.array(fc.record({ control: fc.nat(7), state: fc.constantFrom(...CONTROL_STATES) }), { maxLength: 3 });

describe('engine vs reference implementation', () => {
  it('agrees on statuses, contributions and their steps, reasons, roll-ups, framework counts and threats', () => {
    check(
      fc.property(shapeArb, queryArb, (shape, query) => {
        const graph = buildGraph(shape);
        expectSame(graph, evaluateCoverage(graph, query), referenceCoverage(graph, query));
      }),
      0,
      RUNS,
    );
    // The generator reaches the interesting cases (guards against a vacuous property).
    const minimum = Math.min(5, RUNS / 200);
    for (const key of [
      'status:COVERED',
      'status:PARTIAL',
      'status:UNCOVERED',
      'status:NOT_APPLICABLE',
      'status:PARTIAL:rolled-up',
      'inferred:COVERED',
      'inferred:PARTIAL',
      'inferred:chain',
      'inferred:inverse:COVERED',
      'inferred:inverse:PARTIAL',
      'inferred:both-directions',
      'contribution:inherited',
      'contribution:inferred:FULL',
      'contribution:inferred:PARTIAL',
      'contribution:inverse:FULL',
      'contribution:inverse:PARTIAL',
      'contribution:relationship-read-inverted',
      'reason:NO_MAPPING',
      'reason:ONLY_PARTIAL',
      'reason:CONTROL_NOT_IMPLEMENTED',
      'reason:EVIDENCE_MISSING',
      'reason:EVIDENCE_EXPIRED',
      'reason:EVIDENCE_PENDING_REVIEW',
      'threat:ADDRESSED',
      'threat:PARTIALLY_ADDRESSED',
      'control:EFFECTIVE',
      'control:NOT_APPLICABLE',
      'control:EVIDENCE_EXPIRED',
      'control:EVIDENCE_PENDING_REVIEW',
      'structure:dangling-parent',
      'structure:cycle',
      'links:reverse-pair',
      'history:framework-deleted',
      'history:framework-not-yet-imported',
      'history:requirement-deleted',
      'history:requirement-not-yet-created',
      'history:evaluated-before-reparenting',
      'history:evaluated-before-withdrawal-change',
      'history:evaluated-after-reparenting',
      'history:control-deleted',
      'history:before-control-deleted',
      'history:assignment-retired',
      'history:before-assignment-retired',
      'history:threat-deleted',
      'history:before-threat-deleted',
      'history:threat-link-retired',
    ]) {
      expect(seen.get(key) ?? 0, key).toBeGreaterThan(minimum);
    }
  }, TIMEOUT_MS);

  it('agrees with forced control states (simulate) and one prepared graph serves many queries', () => {
    check(
      fc.property(shapeArb, fc.array(queryArb, { minLength: 1, maxLength: 3 }), overrideArb, (shape, queries, raw) => {
        const graph = buildGraph(shape);
        const prepared = prepareCoverageGraph(graph);
        const overrides: ControlStateOverride[] = raw.map((o) => ({ controlId: 100 + o.control, state: o.state }));
        for (const query of queries) {
          expectSame(graph, simulate(prepared, query, overrides), referenceCoverage(graph, query, overrides));
          expectSame(graph, evaluateCoverage(prepared, query), referenceCoverage(graph, query));
        }
      }),
      1,
      RUNS / 8,
    );
  }, TIMEOUT_MS);

  it('agrees on impact: the status changes when a control stops being effective (the API’s controlImpact is this function)', () => {
    check(
      fc.property(shapeArb, queryArb, fc.nat(6), (shape, query, control) => {
        const graph = buildGraph(shape);
        const controlId = 100 + control;
        const before = referenceCoverage(graph, query);
        const result = impact(graph, query, controlId);
        const state = before.controlStates.get(controlId) ?? null;
        const after = state === null ? before : referenceCoverage(graph, query, [{ controlId, state: 'NOT_IMPLEMENTED' }]);
        const expected = referenceChanges(graph, before, after);
        expect(result).toEqual({
          controlId,
          stateBefore: state,
          stateAfter: state === null ? null : 'NOT_IMPLEMENTED',
          requirements: expected.requirements,
          threats: expected.threats,
          frameworks: state === null ? [] : expected.frameworks.filter((f) => f.changed),
        });
        if (state !== 'EFFECTIVE') expect(result.requirements).toEqual([]);
      }),
      2,
      RUNS / 5,
    );
  }, TIMEOUT_MS);

  it('agrees on the API’s path: gaps, controlImpact and coverageSimulation of CoverageAnswer', () => {
    check(
      fc.property(shapeArb, queryArb, fc.nat(5), overrideArb, (shape, query, control, raw) => {
        const graph = buildGraph(shape);
        const answer = apiAnswer(prepareCoverageGraph(graph), query);
        const before = referenceCoverage(graph, query);
        expectSame(graph, answer.result, before);

        const gaps = [...before.requirements]
          .filter(([, r]) => r.leaf && (r.status === 'PARTIAL' || r.status === 'UNCOVERED'))
          .map(([id]) => [frameworkOf(graph, id), id])
          .sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
        expect(answer.gaps({}, 1000, null).items.map((g) => [g.frameworkId, g.requirementId])).toEqual(gaps);
        expect(answer.gapCount()).toBe(gaps.length);

        // controlImpact: null for a control the graph does not know.
        const controlId = 100 + control;
        const known = graph.controlStatusChanges.some((c) => c.controlId === controlId);
        const impacted = answer.impact(controlId);
        if (!known) expect(impacted).toBeNull();
        else {
          const state = before.controlStates.get(controlId) ?? null;
          const after = state === null ? before : referenceCoverage(graph, query, [{ controlId, state: 'NOT_IMPLEMENTED' }]);
          const expected = referenceChanges(graph, before, after);
          expect(impacted).toEqual({
            controlId,
            stateBefore: state,
            stateAfter: state === null ? null : 'NOT_IMPLEMENTED',
            requirements: expected.requirements,
            threats: expected.threats,
            frameworks: state === null ? [] : expected.frameworks.filter((f) => f.changed),
          });
          if (impacted!.requirements.length > 0) note('api:impact');
        }

        // coverageSimulation (the caller drops controls the graph does not know).
        const overrides = raw
          .map((o) => ({ controlId: 100 + o.control, state: o.state }))
          .filter((o) => graph.controlStatusChanges.some((c) => c.controlId === o.controlId));
        const simulated = answer.simulate(overrides);
        const after = referenceCoverage(graph, query, overrides);
        const last = new Map(overrides.map((o) => [o.controlId, o.state]));
        expect(simulated).toEqual({
          controls: [...last]
            .sort((a, b) => a[0] - b[0])
            .map(([id, state]) => ({ controlId: id, before: before.controlStates.get(id) ?? null, after: state })),
          ...referenceChanges(graph, before, after),
        });
        if (simulated.requirements.length > 0) note('api:simulation');
      }),
      3,
      RUNS / 5,
    );
    expect(seen.get('api:impact') ?? 0).toBeGreaterThan(Math.min(5, RUNS / 100));
    expect(seen.get('api:simulation') ?? 0).toBeGreaterThan(Math.min(5, RUNS / 100));
  }, TIMEOUT_MS);
});

describe('preparation reusing an earlier one', () => {
  const TABLES = [
    'frameworks',
    'requirements',
    'controlStatusChanges',
    'mappings',
    'mappingRevisions',
    'requirementLinks',
    'evidence',
    'evidenceControls',
    'evidenceReviews',
    'notApplicableMarks',
    'baselineExclusions',
    'aiSystemFrameworks',
    'threats',
    'threatRequirements',
  ] as const;

  /** The prepared graph with each id index replaced by what it answers for the ids it indexes. */
  const comparable = (prepared: PreparedCoverageGraph) => ({
    ...prepared,
    frameworkIndex: prepared.frameworkIndex.getAll(prepared.frameworkIds),
    reqIndex: prepared.reqIndex.getAll(prepared.reqIds),
    controlIndex: prepared.controlIndex.getAll(prepared.controlIds),
  });

  it('gives what a fresh preparation gives when some tables are those of the earlier graph (as after a patch)', () => {
    let reusedEvidence = 0;
    let reusedRequirements = 0;
    fc.assert(
      fc.property(shapeArb, shapeArb, fc.array(fc.boolean(), { minLength: TABLES.length, maxLength: TABLES.length }), (a, b, fromB) => {
        const first = columnsOf(buildGraph(a));
        const other = columnsOf(buildGraph(b));
        // A later snapshot: the tables a write touched are new column arrays, the others the very same.
        const later = { ...first } as Record<string, unknown>;
        TABLES.forEach((table, i) => {
          if (fromB[i]) later[table] = other[table];
        });
        const graph = later as unknown as ColumnarCoverageGraph;
        const earlier = prepareCoverageGraph(first);
        const reused = prepareCoverageGraph(graph, earlier);
        expect(comparable(reused)).toEqual(comparable(prepareCoverageGraph(graph)));
        if (reused.evReviews === earlier.evReviews) reusedEvidence++;
        if (reused.reqChildren === earlier.reqChildren) reusedRequirements++;
        // Reused passes are exactly the ones whose tables (and inputs) did not change.
        expect(reused.reqChildren === earlier.reqChildren).toBe(!fromB[0] && !fromB[1]);
      }),
      { seed: SEED + 3, numRuns: 500 },
    );
    expect(reusedEvidence).toBeGreaterThan(50);
    expect(reusedRequirements).toBeGreaterThan(50);
  });

  /**
   * Tables of `first` with rows of `other` appended, the way a patch appends them: every column
   * of an appended table is a view of one buffer, the earlier graph's the first rows, the later
   * graphs' longer views of the same memory. `cuts[i]` of table i: how many of `other`'s rows
   * the middle graph has (the last graph has them all); tables not in `appendTo` are shared.
   */
  function appendedGraphs(first: ColumnarCoverageGraph, other: ColumnarCoverageGraph, appendTo: readonly boolean[], cuts: readonly number[]) {
    const graphs = [{ ...first }, { ...first }, { ...first }] as Record<string, unknown>[];
    TABLES.forEach((table, i) => {
      const a = first[table] as Record<string, Float64Array> | null | undefined;
      const b = other[table] as Record<string, Float64Array> | null | undefined;
      if (!appendTo[i] || !a || !b) return;
      const views: Record<string, Float64Array>[] = [{}, {}, {}];
      for (const name of Object.keys(a)) {
        const n = a[name]!.length;
        const more = b[name]!.length;
        const buffer = new Float64Array(n + more + 3);
        buffer.set(a[name]!);
        buffer.set(b[name]!, n);
        const cut = Math.min(more, cuts[i]!);
        [n, n + cut, n + more].forEach((length, g) => (views[g]![name] = buffer.subarray(0, length)));
      }
      views.forEach((view, g) => (graphs[g]![table] = view));
    });
    return graphs as unknown as ColumnarCoverageGraph[];
  }

  it('gives what a fresh preparation gives when rows were appended to tables (longer views of the same columns)', () => {
    let appendedReviews = 0;
    fc.assert(
      fc.property(
        shapeArb,
        shapeArb,
        fc.array(fc.boolean(), { minLength: TABLES.length, maxLength: TABLES.length }),
        fc.array(fc.nat(8), { minLength: TABLES.length, maxLength: TABLES.length }),
        (a, b, appendTo, cuts) => {
          const [first, middle, last] = appendedGraphs(columnsOf(buildGraph(a)), columnsOf(buildGraph(b)), appendTo, cuts);
          const p1 = prepareCoverageGraph(first!);
          const p2 = prepareCoverageGraph(middle!, p1);
          const p3 = prepareCoverageGraph(last!, p2);
          expect(comparable(p2)).toEqual(comparable(prepareCoverageGraph(middle!)));
          expect(comparable(p3)).toEqual(comparable(prepareCoverageGraph(last!)));
          // Straight from the first to the last, too.
          expect(comparable(prepareCoverageGraph(last!, p1))).toEqual(comparable(p3));
          // The earlier preparation still answers for its own graph.
          expect(comparable(p1)).toEqual(comparable(prepareCoverageGraph(first!)));
          if (last!.evidenceReviews.id.length > first!.evidenceReviews.id.length && last!.evidence === first!.evidence) appendedReviews++;
        },
      ),
      { seed: SEED + 4, numRuns: 400 },
    );
    expect(appendedReviews).toBeGreaterThan(40);
  });

  it('a slice of a graph that only added reviews, taken over from the earlier graph\'s slice of the same epoch, evaluates as a fresh slice', () => {
    const REVIEWS = TABLES.indexOf('evidenceReviews');
    const appendTo = TABLES.map((_, i) => i === REVIEWS);
    // Far before every instant the shapes use: every instant of a graph is then "after" it.
    const FROM = -1e6;
    let derived = 0;
    fc.assert(
      fc.property(shapeArb, shapeArb, fc.nat(8), queryArb, fc.nat(4), (a, b, cut, query, step) => {
        const [first, middle] = appendedGraphs(columnsOf(buildGraph(a)), columnsOf(buildGraph(b)), appendTo, TABLES.map(() => cut));
        const p1 = prepareCoverageGraph(first!);
        const p2 = prepareCoverageGraph(middle!, p1);
        const depth = query.viaCrosswalks ? query.maxDepth : 0;
        const earlier = coverageSlice(p1, query.at, depth);
        // The earlier slice as reads left it: evidence classes and controls' best classes memoised, in every scope.
        const scopes = [null, 1, 2, 3];
        for (const scope of scopes) evaluateScope(earlier, scope);
        // A later instant that no instant of the earlier graph separates from the first.
        const epochs = instantsAfter(first!, FROM);
        const at = query.at + step;
        if (epochKey(epochs, FROM, at) !== epochKey(epochs, FROM, query.at)) return;
        const slice = afterReviewsSlice(p2, at, depth, earlier);
        if (!slice) return;
        derived++;
        const fresh = coverageSlice(p2, at, depth);
        for (const scope of scopes) {
          const got = evaluateScope(slice, scope);
          const want = evaluateScope(fresh, scope);
          for (const field of ['controlStates', 'status', 'leaf', 'notApplicable', 'threatCodes', 'counts'] as const) expect(got[field]).toEqual(want[field]);
        }
      }),
      { seed: SEED + 5, numRuns: 600 },
    );
    expect(derived).toBeGreaterThan(100);
  });
});
