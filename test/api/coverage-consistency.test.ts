/**
 * Consistency of the coverage API on a seeded random graph built through the mutations:
 * - summary counts, gap lists, per-requirement statuses and threat exposure agree for the same
 *   (scope, asOf, viaCrosswalks);
 * - `asOf` is exact: the complete answer for a past instant equals what the API answered at that
 *   instant, after many more history-keeping writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id.js';
import { Builder, HOUR, REQUIREMENT_COVERAGE, SUMMARY, startClockedServer, type ClockedServer } from './coverage-helpers.js';

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

const RELATIONSHIPS = ['EQUAL', 'SUBSET_OF', 'SUPERSET_OF', 'INTERSECTS_WITH'] as const;
const STATUSES = ['IMPLEMENTED', 'IMPLEMENTED', 'IMPLEMENTED', 'PLANNED', 'NOT_APPLICABLE'] as const;

let server: ClockedServer;
let b: Builder;
const rng = prng(20260301);

interface Graph {
  frameworks: string[];
  requirements: string[];
  leavesByFramework: Map<string, string[]>;
  controls: string[];
  systems: string[];
  threats: string[];
  mappings: string[];
  links: string[];
  evidence: string[];
}
const g: Graph = { frameworks: [], requirements: [], leavesByFramework: new Map(), controls: [], systems: [], threats: [], mappings: [], links: [], evidence: [] };

const rowId = (id: string, type: 'Framework' | 'Requirement' | 'Threat') => fromGlobalId(id, type)!;

/** The structure (no history: frameworks, requirements, assignments, threat links) first. */
async function buildStructure(): Promise<void> {
  for (let f = 0; f < 3; f++) {
    const fw = await b.framework();
    g.frameworks.push(fw);
    const leaves: string[] = [];
    for (let p = 0; p < 3; p++) {
      const parent = await b.requirement(fw);
      g.requirements.push(parent);
      const n = 2 + rng.int(3);
      for (let c = 0; c < n; c++) {
        const leaf = await b.requirement(fw, undefined, parent);
        g.requirements.push(leaf);
        leaves.push(leaf);
      }
    }
    const single = await b.requirement(fw);
    g.requirements.push(single);
    leaves.push(single);
    g.leavesByFramework.set(fw, leaves);
  }
  g.systems.push(await b.aiSystem([g.frameworks[0]!, g.frameworks[1]!]));
  g.systems.push(await b.aiSystem([g.frameworks[2]!]));
  const catalog = await b.framework(undefined, 'THREAT_CATALOG');
  for (let t = 0; t < 6; t++) {
    const threat = await b.threat(catalog);
    g.threats.push(threat);
    for (let k = 0; k < 1 + rng.int(3); k++) await b.threatLink(threat, rng.pick(g.requirements));
  }
  for (let c = 0; c < 8; c++) g.controls.push(await b.control(rng.pick(STATUSES), { domain: rng.pick(['Access', 'Data', 'Model']) }));
  // One certain crosswalk inference: a leaf of the first framework through a link to the third.
  // (Kept out of the random writes' reach.)
  const hub = await b.effectiveControl();
  const [source, target] = [g.leavesByFramework.get(g.frameworks[0]!)![0]!, g.leavesByFramework.get(g.frameworks[2]!)![0]!];
  await b.map(target, hub, 'EQUAL');
  await b.link(source, target, 'SUBSET_OF');
}

/** One random write of a kind whose history is kept, then the clock moves on. */
async function randomWrite(): Promise<void> {
  const choice = [0, 0, 0, 1, 3, 3, 3, 3, 4, 5, 6, 7, 7, 8, 9][rng.int(15)]!;
  const leaf = () => rng.pick([...g.leavesByFramework.values()].flat());
  const anyReq = () => rng.pick(g.requirements);
  switch (choice) {
    case 0: {
      const req = rng.next() < 0.8 ? leaf() : anyReq();
      g.mappings.push(await b.map(req, rng.pick(g.controls), rng.pick(RELATIONSHIPS)).catch(() => ''));
      break;
    }
    case 1:
      if (g.mappings.filter(Boolean).length) {
        const m = rng.pick(g.mappings.filter(Boolean));
        if (rng.next() < 0.5) await b.remap(m, rng.pick(RELATIONSHIPS)).catch(() => undefined);
        else await b.unmap(m).catch(() => undefined);
      }
      break;
    case 3: {
      const validUntil = rng.next() < 0.5 ? server.now() + (1 + rng.int(6)) * HOUR : undefined;
      const collectedAt = rng.next() < 0.3 ? server.now() - rng.int(5) * HOUR : undefined;
      const review = rng.pick(['ACCEPTED', 'ACCEPTED', 'REJECTED', null] as const);
      const aiSystemId = rng.next() < 0.3 ? rng.pick(g.systems) : undefined;
      g.evidence.push(await b.evidence([rng.pick(g.controls)], { validUntil, collectedAt, review, aiSystemId }));
      break;
    }
    case 4:
      if (g.evidence.length) await b.review(rng.pick(g.evidence), rng.pick(['ACCEPTED', 'REJECTED'] as const));
      break;
    case 5:
      await b.setStatus(rng.pick(g.controls), rng.pick(STATUSES)).catch(() => undefined);
      break;
    case 6:
      await b.override(rng.pick(g.systems), rng.pick(g.controls), rng.pick([...STATUSES, null])).catch(() => undefined);
      break;
    case 7: {
      const [fa, fb] = [rng.pick(g.frameworks), rng.pick(g.frameworks)];
      if (fa !== fb) {
        const source = rng.pick(g.requirements.filter((r) => g.leavesByFramework.get(fa)!.includes(r)));
        const target = rng.pick(g.requirements.filter((r) => g.leavesByFramework.get(fb)!.includes(r)));
        g.links.push(await b.link(source, target, rng.pick(RELATIONSHIPS)).catch(() => ''));
      }
      break;
    }
    case 8:
      if (g.links.filter(Boolean).length) await b.unlink(rng.pick(g.links.filter(Boolean))).catch(() => undefined);
      break;
    case 9:
      await b.applicable(anyReq(), rng.next() < 0.5, rng.next() < 0.5 ? rng.pick(g.systems) : undefined).catch(() => undefined);
      break;
  }
  server.tick(1 + rng.int(3) * 20 * 60_000);
}

interface View {
  scope?: { aiSystemId: string };
  asOf?: string;
  viaCrosswalks?: boolean;
}

/** Everything the API answers about coverage for one view. */
async function answer(view: View) {
  const vars = { scope: view.scope, asOf: view.asOf, via: view.viaCrosswalks ?? true };
  const head = await server.data(
    `query($scope: CoverageScope, $asOf: DateTime, $via: Boolean) {
      coverage(scope: $scope, asOf: $asOf, viaCrosswalks: $via) { frameworks { framework { id } status ${SUMMARY} } totals { ${SUMMARY} } }
      threatExposure(scope: $scope, asOf: $asOf, viaCrosswalks: $via, first: 100) { totalCount edges { node {
        threat { id } exposure requirements { id } coveredRequirements { id } partialRequirements { id } } } } }`,
    vars,
  );
  const gaps: any[] = [];
  let after: string | null = null;
  for (;;) {
    const d: any = await server.data(
      `query($filter: GapFilter, $asOf: DateTime, $via: Boolean, $after: String) {
        gaps(filter: $filter, asOf: $asOf, viaCrosswalks: $via, first: 7, after: $after) {
          totalCount edges { cursor node { ${REQUIREMENT_COVERAGE} } } pageInfo { hasNextPage endCursor } } }`,
      { filter: { aiSystemId: view.scope?.aiSystemId }, asOf: view.asOf, via: vars.via, after },
    );
    gaps.push(...d.gaps.edges.map((e: any) => ({ cursor: e.cursor, ...e.node, totalCount: d.gaps.totalCount })));
    if (!d.gaps.pageInfo.hasNextPage) break;
    after = d.gaps.pageInfo.endCursor;
  }
  const requirements: Record<string, any> = {};
  const frameworkFields: Record<string, any> = {};
  for (const fw of g.frameworks) {
    const d = await server.data(
      `query($id: ID!, $scope: CoverageScope, $asOf: DateTime, $via: Boolean) { framework(id: $id) {
        coverage(scope: $scope, asOf: $asOf, viaCrosswalks: $via) { status ${SUMMARY} }
        requirements(first: 100) { edges { node { id coverage(scope: $scope, asOf: $asOf, viaCrosswalks: $via) { ${REQUIREMENT_COVERAGE} } } } } } }`,
      { id: fw, ...vars },
    );
    frameworkFields[fw] = d.framework.coverage;
    for (const e of d.framework.requirements.edges) requirements[e.node.id] = e.node.coverage;
  }
  return {
    coverage: head.coverage,
    threats: head.threatExposure.edges.map((e: any) => e.node),
    gaps,
    requirements,
    frameworkFields,
  };
}

type Answer = Awaited<ReturnType<typeof answer>>;

/** Summary, gaps, requirement statuses and threat exposure agree. */
function expectConsistent(a: Answer, view: View): void {
  if (!a.coverage) throw new Error('no coverage');
  const inScope = new Set(a.coverage.frameworks.map((f: any) => f.framework.id));
  const totals = { total: 0, covered: 0, partial: 0, uncovered: 0, notApplicable: 0 };
  for (const fw of g.frameworks) {
    const leaves = g.leavesByFramework.get(fw)!.map((id) => a.requirements[id]);
    if (!inScope.has(fw)) {
      expect(a.frameworkFields[fw]).toBeNull();
      expect(leaves.every((l) => l === null)).toBe(true);
      continue;
    }
    const live = leaves.filter((l) => l !== null);
    const count = (s: string) => live.filter((l) => l.status === s).length;
    const counts = { total: live.length, covered: count('COVERED'), partial: count('PARTIAL'), uncovered: count('UNCOVERED'), notApplicable: count('NOT_APPLICABLE') };
    const listed = a.coverage.frameworks.find((f: any) => f.framework.id === fw);
    expect(listed, `framework ${fw} in ${JSON.stringify(view)}`).toMatchObject(counts);
    expect(a.frameworkFields[fw]).toEqual({ status: listed.status, total: listed.total, covered: listed.covered, partial: listed.partial, uncovered: listed.uncovered, notApplicable: listed.notApplicable, coverageRatio: listed.coverageRatio });
    const applicable = counts.total - counts.notApplicable;
    expect(listed.coverageRatio).toBe(applicable === 0 ? null : counts.covered / applicable);
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += counts[k];
  }
  expect(a.coverage.totals).toMatchObject(totals);

  // The gap list is exactly the applicable leaves not COVERED, in (framework id, requirement id) order.
  const expectedGaps = g.frameworks
    .filter((fw) => inScope.has(fw))
    .flatMap((fw) => g.leavesByFramework.get(fw)!)
    .filter((id) => ['PARTIAL', 'UNCOVERED'].includes(a.requirements[id]?.status))
    .sort((x, y) => {
      const [rx, ry] = [a.requirements[x].requirement.id, a.requirements[y].requirement.id];
      const fx = g.frameworks.findIndex((fw) => g.leavesByFramework.get(fw)!.includes(x));
      const fy = g.frameworks.findIndex((fw) => g.leavesByFramework.get(fw)!.includes(y));
      return fx - fy || rowId(rx, 'Requirement') - rowId(ry, 'Requirement');
    });
  expect(a.gaps.map((gap) => gap.requirement.id)).toEqual(expectedGaps);
  for (const gap of a.gaps) {
    const { cursor: _c, totalCount, ...node } = gap;
    expect(totalCount).toBe(expectedGaps.length);
    expect(node).toEqual(a.requirements[gap.requirement.id]);
    expect(node.reasons.length).toBeGreaterThan(0);
  }
  // Reasons only on gaps; parents roll up their leaves.
  for (const [id, c] of Object.entries(a.requirements)) {
    if (c === null) continue;
    if (!expectedGaps.includes(id)) expect(c.reasons).toEqual([]);
  }

  // Threat exposure from the linked requirements' statuses.
  for (const t of a.threats) {
    const statuses = t.requirements.map((r: any) => a.requirements[r.id]?.status);
    expect(statuses.every((s: unknown) => typeof s === 'string')).toBe(true);
    expect(t.coveredRequirements.map((r: any) => r.id)).toEqual(t.requirements.filter((r: any) => a.requirements[r.id].status === 'COVERED').map((r: any) => r.id));
    expect(t.partialRequirements.map((r: any) => r.id)).toEqual(t.requirements.filter((r: any) => a.requirements[r.id].status === 'PARTIAL').map((r: any) => r.id));
    const expected = statuses.includes('COVERED') ? 'ADDRESSED' : statuses.includes('PARTIAL') ? 'PARTIALLY_ADDRESSED' : 'EXPOSED';
    expect(t.exposure).toBe(expected);
  }
  expect(a.threats.map((t: any) => t.threat.id)).toEqual(expect.arrayContaining(g.threats));
}

const checkpoints: { at: number; views: { view: View; answer: Answer }[] }[] = [];
const views = (): View[] => [
  {},
  { viaCrosswalks: false },
  { scope: { aiSystemId: g.systems[0]! } },
  { scope: { aiSystemId: g.systems[1]! }, viaCrosswalks: false },
];

beforeAll(async () => {
  server = await startClockedServer();
  b = new Builder(server);
  await buildStructure();
  for (let round = 0; round < 4; round++) {
    for (let k = 0; k < 25; k++) await randomWrite();
    const at = server.now();
    const recorded = [];
    for (const view of views()) recorded.push({ view, answer: await answer(view) });
    checkpoints.push({ at, views: recorded });
    server.tick(HOUR);
  }
  // More history after the last checkpoint, including evidence backdated before it.
  for (let k = 0; k < 12; k++) await randomWrite();
  await b.evidence([g.controls[0]!], { collectedAt: checkpoints[0]!.at - HOUR });
}, 240_000);
afterAll(() => server.close());

describe('consistency', () => {
  it('summary counts, gap lists, requirement statuses and threat exposure agree, at every checkpoint and now', async () => {
    for (const { views: recorded } of checkpoints) for (const { view, answer: a } of recorded) expectConsistent(a, view);
    for (const view of views()) expectConsistent(await answer(view), view);
  });

  it('the graph exercised every status and several reasons (the test is not vacuous)', () => {
    const all = checkpoints.flatMap((c) => c.views.flatMap((v) => Object.values(v.answer.requirements)));
    const statuses = new Set(all.filter(Boolean).map((c: any) => c.status));
    expect([...statuses].sort()).toEqual(['COVERED', 'NOT_APPLICABLE', 'PARTIAL', 'UNCOVERED']);
    const reasons = new Set(all.filter(Boolean).flatMap((c: any) => c.reasons.map((x: any) => x.code)));
    expect(reasons.size).toBeGreaterThanOrEqual(4);
    expect(all.some((c: any) => c?.inferred)).toBe(true);
    const exposures = new Set(checkpoints.flatMap((c) => c.views.flatMap((v) => v.answer.threats.map((t: any) => t.exposure))));
    expect(exposures.size).toBeGreaterThanOrEqual(2);
  });
});

describe('asOf is exact', () => {
  it('the answer for a past instant equals what the API answered at that instant', async () => {
    for (const { at, views: recorded } of checkpoints) {
      for (const { view, answer: then } of recorded) {
        const now = await answer({ ...view, asOf: new Date(at).toISOString() });
        expect(now, `${new Date(at).toISOString()} ${JSON.stringify(view)}`).toEqual(then);
      }
    }
  });

  it('a gap cursor is a keyset: paging after any cursor continues the same list', async () => {
    const { answer: a } = checkpoints.at(-1)!.views[0]!;
    for (let i = 0; i < a.gaps.length; i += 3) {
      const d = await server.data(
        `query($asOf: DateTime, $after: String) { gaps(asOf: $asOf, after: $after, first: 2) { edges { node { requirement { id } } } } }`,
        { asOf: new Date(checkpoints.at(-1)!.at).toISOString(), after: a.gaps[i].cursor },
      );
      expect(d.gaps.edges.map((e: any) => e.node.requirement.id)).toEqual(a.gaps.slice(i + 1, i + 3).map((x: any) => x.requirement.id));
    }
    const bad = await server.gql('{ gaps(after: "nope") { totalCount } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const foreign = Buffer.from(JSON.stringify(['x']), 'utf8').toString('base64url');
    expect((await server.data(`query($a: String) { gaps(after: $a) { edges { cursor } } }`, { a: foreign })).gaps.edges).toEqual([]);
    expect(rowId(toGlobalId('Framework', 1), 'Framework')).toBe(1);
  });
});
