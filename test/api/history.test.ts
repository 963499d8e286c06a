/**
 * Rule 10 over real HTTP: history is never lost. Every kind of delete (framework, requirement,
 * control, AI system, threat) retires; what the deleted object took part in stays answerable for
 * instants before the delete, byte for byte; a retired object resolves by id and is absent from
 * lists, its refId or name free again; recorded snapshots survive; the structure is read as of T
 * (a framework imported later is absent from an earlier answer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Builder, ERRORS, Reader, startClockedServer, uniq, type ClockedServer } from './coverage-helpers.js';
import { aiSystemId, bundleExport, coverageJson, importFile } from '../interop/export-support.js';

let server: ClockedServer;
let b: Builder;
let r: Reader;

beforeAll(async () => {
  server = await startClockedServer();
  b = new Builder(server);
  r = new Reader(server);
});
afterAll(() => server.close());

const DELETES = {
  framework: ['frameworkDelete', 'FrameworkDeleteInput'],
  requirement: ['requirementDelete', 'RequirementDeleteInput'],
  control: ['controlDelete', 'ControlDeleteInput'],
  aiSystem: ['aiSystemDelete', 'AISystemDeleteInput'],
  threat: ['threatDelete', 'ThreatDeleteInput'],
} as const;

async function del(kind: keyof typeof DELETES, id: string): Promise<void> {
  const [field, input] = DELETES[kind];
  const d = await server.data(`mutation($input: ${input}!) { ${field}(input: $input) { deletedId ${ERRORS} } }`, { input: { id } });
  expect(d[field], `${kind} ${id}`).toEqual({ deletedId: id, userErrors: [] });
}

async function unmapAll(requirementId: string): Promise<void> {
  const d = await server.data(`query($id: ID!) { requirement(id: $id) { mappings { edges { node { id } } } } }`, { id: requirementId });
  for (const e of d.requirement.mappings.edges) await b.unmap(e.node.id);
}

/** A graph with every kind of object, each taking part in coverage, threats and scopes. */
async function buildGraph() {
  const f = await b.framework(uniq('hist-f'));
  const parent = await b.requirement(f, uniq('P'));
  const r1 = await b.requirement(f, uniq('R1'), parent);
  const r2 = await b.requirement(f, uniq('R2'), parent);
  const policyRef = uniq('hist-pol');
  const policy = await b.framework(policyRef, 'INTERNAL_POLICY');
  const q1 = await b.requirement(policy, uniq('Q1'));
  const catalogRef = uniq('hist-cat');
  const catalog = await b.framework(catalogRef, 'THREAT_CATALOG');
  const x = await b.threat(catalog, uniq('X'));
  const y = await b.threat(catalog, uniq('Y'));
  const c1 = await b.effectiveControl();
  const c2Ref = uniq('HIST-C2');
  const c2 = await b.control('PLANNED', { refId: c2Ref });
  await b.map(r1, c1);
  await b.map(r2, c2, 'SUBSET_OF');
  await b.map(q1, c1, 'INTERSECTS_WITH');
  const link = await b.link(q1, r2, 'EQUAL');
  const systemName = uniq('hist-system');
  const system = await b.aiSystem([f, policy], systemName);
  await b.override(system, c1, 'IN_PROGRESS');
  await b.override(system, c2, 'IMPLEMENTED');
  await b.applicable(r1, false, system);
  await b.threatLink(x, r2);
  await b.threatLink(y, q1);
  return { f, parent, r1, r2, policy, policyRef, q1, catalog, catalogRef, x, y, c1, c2, c2Ref, link, system, systemName };
}

type Graph = Awaited<ReturnType<typeof buildGraph>>;

/** Everything the graph takes part in, at `asOf`, as the JSON the API answers. */
async function answers(g: Graph, asOf: string): Promise<string> {
  const scope = { aiSystemId: g.system };
  const out = {
    org: await r.coverage({ asOf }),
    system: await r.coverage({ asOf, scope }),
    gaps: await r.gaps({}, { asOf }),
    threats: await r.threats({ asOf }),
    systemThreats: await r.threats({ asOf, scope }),
    requirements: await Promise.all([g.parent, g.r1, g.r2, g.q1].map((id) => r.requirement(id, { asOf }))),
    systemRequirements: await Promise.all([g.parent, g.r1, g.r2, g.q1].map((id) => r.requirement(id, { asOf, scope }))),
    frameworks: await Promise.all([g.f, g.policy].map((id) => r.framework(id, { asOf }))),
    impact: await Promise.all([g.c1, g.c2].map((id) => r.impact(id, { asOf }))),
    systemImpact: await Promise.all([g.c1, g.c2].map((id) => r.impact(id, { asOf, scope }))),
  };
  return JSON.stringify(out);
}

describe('rule 10: a delete never changes an answer about the past', () => {
  it('keeps every earlier answer byte for byte through deletes of every kind', async () => {
    const g = await buildGraph();
    const recorded: [string, string][] = [];
    const record = async () => {
      server.tick();
      const at = server.iso();
      recorded.push([at, await answers(g, at)]);
      server.tick();
    };
    await record();

    // A requirement: its mapping, crosswalk link and threat link retired first (refusals stay).
    await unmapAll(g.r2);
    await b.unlink(g.link);
    await b.threatLink(g.x, g.r2, false);
    await record();
    await del('requirement', g.r2);

    // A control (its mapping was retired with r2's).
    await record();
    await del('control', g.c2);

    // A threat (unlinked above).
    await record();
    await del('threat', g.x);

    // An AI system.
    await record();
    await del('aiSystem', g.system);

    // A framework: emptied first (its requirement's mapping and threat link retired, the
    // requirement deleted), then deleted; the threat catalog too.
    await unmapAll(g.q1);
    await b.threatLink(g.y, g.q1, false);
    await record();
    await del('requirement', g.q1);
    await record();
    await del('framework', g.policy);
    await del('threat', g.y);
    await record();
    await del('framework', g.catalog);

    server.tick();
    for (const [at, before] of recorded) expect(await answers(g, at), `asOf ${at}`).toBe(before);
    // The deletes did change the present: the test would see a lost history.
    expect(await answers(g, server.iso())).not.toBe(recorded[0]![1]);
    const now = await r.coverage();
    expect(now.frameworks.map((x: any) => x.framework.id)).not.toContain(g.policy);
    const past = await r.coverage({ asOf: recorded[0]![0] });
    expect(past.frameworks.map((x: any) => x.framework.id)).toContain(g.policy);
  });

  it('resolves a retired object by id and inside past answers, lists it nowhere, and frees its refId or name', async () => {
    const g = await buildGraph();
    server.tick();
    const before = server.iso();
    server.tick();
    await unmapAll(g.q1);
    await b.threatLink(g.y, g.q1, false);
    await b.unlink(g.link);
    await del('requirement', g.q1);
    await del('aiSystem', g.system);
    await del('framework', g.policy);
    await unmapAll(g.r2);
    await b.threatLink(g.x, g.r2, false);
    await del('control', g.c2);
    await del('threat', g.x);

    const ids = [g.q1, g.policy, g.c2, g.x, g.system];
    const nodes = await server.data(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Framework { retiredAt } ... on Requirement { retiredAt }
      ... on Control { retiredAt } ... on Threat { retiredAt } ... on AISystem { retiredAt } } }`, { ids });
    expect(nodes.nodes.map((n: any) => n.id)).toEqual(ids);
    for (const n of nodes.nodes) expect(n.retiredAt).toEqual(expect.any(String));

    const lists = await server.data(
      `query($f: ID!, $p: String!, $c: String!, $s: String!) {
        frameworks(filter: { search: $p }) { totalCount }
        controls(filter: { search: $c }) { totalCount }
        aiSystems(filter: { search: $s }) { totalCount }
        framework(id: $f) { requirements { edges { node { id } } } }
        catalog: frameworks(filter: { kinds: [THREAT_CATALOG] }) { edges { node { id threats { edges { node { id } } } } } } }`,
      { f: g.policy, p: g.policyRef, c: g.c2Ref, s: g.systemName },
    );
    expect(lists.frameworks.totalCount).toBe(0);
    expect(lists.controls.totalCount).toBe(0);
    expect(lists.aiSystems.totalCount).toBe(0);
    expect(lists.framework.requirements.edges).toEqual([]);
    const catalog = lists.catalog.edges.find((e: any) => e.node.id === g.catalog).node;
    expect(catalog.threats.edges.map((e: any) => e.node.id)).toEqual([g.y]);

    // Inside a past answer the retired objects are named by id.
    const past = await r.threats({ asOf: before });
    expect(past.map((t: any) => t.threat.id)).toContain(g.x);
    expect((await r.threats()).map((t: any) => t.threat.id)).not.toContain(g.x);
    const impact = await r.impact(g.c2, { asOf: before });
    expect(impact.control).toEqual({ id: g.c2 });
    expect(impact.stateBefore).toBe('NOT_IMPLEMENTED');
    expect((await r.impact(g.c2)).stateBefore).toBeNull();

    // Their refIds and names are free again.
    const policy = await b.framework(g.policyRef, 'INTERNAL_POLICY');
    expect(policy).not.toBe(g.policy);
    expect(await b.control('PLANNED', { refId: g.c2Ref })).not.toBe(g.c2);
    expect(await b.aiSystem([], g.systemName)).not.toBe(g.system);
    const q1Ref = (await server.data(`query($id: ID!) { requirement(id: $id) { refId } }`, { id: g.q1 })).requirement.refId;
    const reborn = await b.requirement(policy, q1Ref);
    const byRef = await server.data(`query($f: String!, $r: String!) { requirement(frameworkRefId: $f, refId: $r) { id } framework(refId: $f) { id } }`, {
      f: g.policyRef,
      r: q1Ref,
    });
    expect(byRef).toEqual({ requirement: { id: reborn }, framework: { id: policy } });
  });

  it('keeps recorded coverage snapshots through the deletes of their framework and AI system', async () => {
    const f = await b.framework(uniq('snap-f'));
    const req = await b.requirement(f);
    const system = await b.aiSystem([f]);
    const record = async (scope?: { aiSystemId: string }) => {
      const d = await server.data(
        `mutation($input: CoverageSnapshotRecordInput!) { coverageSnapshotRecord(input: $input) { snapshots { at } ${ERRORS} } }`,
        { input: { scope, frameworkIds: [f] } },
      );
      expect(d.coverageSnapshotRecord.userErrors).toEqual([]);
    };
    server.tick();
    await record();
    await record({ aiSystemId: system });
    server.tick();
    await del('aiSystem', system);
    await del('requirement', req);
    await del('framework', f);
    const history = await server.data(
      `query($f: ID!, $s: ID!) { org: coverageHistory(frameworkId: $f) { totalCount edges { node { framework { id } summary { total uncovered } } } }
        sys: coverageHistory(frameworkId: $f, scope: { aiSystemId: $s }) { totalCount edges { node { aiSystem { id } summary { total } } } } }`,
      { f, s: system },
    );
    expect(history.org).toEqual({ totalCount: 1, edges: [{ node: { framework: { id: f }, summary: { total: 1, uncovered: 1 } } }] });
    expect(history.sys).toEqual({ totalCount: 1, edges: [{ node: { aiSystem: { id: system }, summary: { total: 1 } } }] });
  });

  it('reads the structure as of T: a framework imported later is absent, an assignment and a withdrawal count from when they were made', async () => {
    // Something recorded before T, so that T is inside the database's history (whatever ran before).
    await b.framework(uniq('early-f'));
    server.tick();
    const before = server.iso();
    server.tick();
    const f = await b.framework(uniq('late-f'));
    const req = await b.requirement(f);
    const system = await b.aiSystem([]);
    server.tick();
    const unassigned = server.iso();
    server.tick();
    await b.systemFrameworks(system, [f]);
    server.tick();
    const assigned = server.iso();
    server.tick();
    await b.withdraw(req);

    const ids = async (asOf?: string, scope?: { aiSystemId: string }) => (await r.coverage({ asOf, scope })).frameworks.map((x: any) => x.framework.id);
    expect(await ids(before)).not.toContain(f);
    expect(await ids(unassigned)).toContain(f);
    expect(await ids(unassigned, { aiSystemId: system })).toEqual([]);
    expect(await ids(assigned, { aiSystemId: system })).toEqual([f]);
    expect(await r.summary(f, { asOf: assigned })).toMatchObject({ total: 1, uncovered: 1 });
    expect(await r.summary(f)).toMatchObject({ total: 0 });
    expect(await r.status(req, { asOf: before })).toBeNull();
    expect(await r.status(req, { asOf: assigned })).toBe('UNCOVERED');
  });

  it('refuses an asOf before the earliest recorded instant with AS_OF_BEFORE_HISTORY, naming that instant', async () => {
    const fresh = await startClockedServer();
    try {
      const query = `query($asOf: DateTime) { coverage(asOf: $asOf) { asOf } gaps(asOf: $asOf) { totalCount } }`;
      // No history at all: nothing to be before.
      expect((await fresh.data(query, { asOf: fresh.iso(fresh.now() - 1) })).gaps.totalCount).toBe(0);
      fresh.tick();
      const earliest = fresh.now();
      const f = await new Builder(fresh).framework(uniq('first'));
      await new Builder(fresh).requirement(f);
      fresh.tick();
      const body = await fresh.gql(query, { asOf: fresh.iso(earliest - 1) });
      expect(body.errors?.length).toBeGreaterThan(0);
      for (const error of body.errors!) {
        expect(error.extensions).toEqual({ code: 'AS_OF_BEFORE_HISTORY', earliest: fresh.iso(earliest) });
        expect(error.message).toContain(fresh.iso(earliest));
      }
      expect((await fresh.data(query, { asOf: fresh.iso(earliest) })).gaps.totalCount).toBe(1);
      // Without asOf ("now") nothing is refused.
      expect((await fresh.data(`{ gaps { totalCount } }`)).gaps.totalCount).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it('a bundle carries the structure history: restored, past answers are the same', async () => {
    const source = await startClockedServer();
    let target: ClockedServer | undefined;
    try {
      const sb = new Builder(source);
      const f = await sb.framework('bundle-f');
      const g = await sb.framework('bundle-g');
      const parent = await sb.requirement(f, 'P');
      const leaf = await sb.requirement(f, 'L');
      const other = await sb.requirement(f, 'O');
      const catalog = await sb.framework('bundle-cat', 'THREAT_CATALOG');
      const threat = await sb.threat(catalog, 'T');
      await sb.threatLink(threat, leaf);
      await sb.map(leaf, await sb.effectiveControl());
      await sb.aiSystem([f, g], 'bundle-system');
      const system = await aiSystemId(source, 'bundle-system');
      source.tick();
      const first = source.now();
      source.tick();
      // Later: re-parented, withdrawn, unassigned, unlinked.
      await source.data(`mutation($id: ID!, $p: ID!) { requirementUpdate(input: { id: $id, parentId: $p }) { ${ERRORS} } }`, { id: leaf, p: parent });
      await sb.withdraw(other);
      await sb.systemFrameworks(system, [f]);
      await sb.threatLink(threat, leaf, false);
      source.tick();
      const bundle = await bundleExport(source);
      target = await startClockedServer(source.now());
      const restored = await importFile(target, { content: bundle.content, format: 'BUNDLE' });
      expect(restored.userErrors).toEqual([]);
      const targetSystem = await aiSystemId(target, 'bundle-system');
      for (const asOf of [first, source.now()]) {
        for (const [a, b] of [[null, null], [system, targetSystem]] as const) {
          const args = { asOf, aiSystemId: a };
          const { generatedAt: _s, ...expected } = await coverageJson(source, args);
          const { generatedAt: _t, ...actual } = await coverageJson(target, { ...args, aiSystemId: b });
          expect(actual, JSON.stringify(args)).toEqual(expected);
        }
        const threats = async (client: ClockedServer) =>
          (await client.data(`query($asOf: DateTime) { threatExposure(asOf: $asOf) { edges { node { threat { refId } exposure } } } }`, { asOf: new Date(asOf).toISOString() }))
            .threatExposure.edges;
        expect(await threats(target)).toEqual(await threats(source));
      }
      // The past did differ from the present (the history is what the restore kept).
      const at = async (asOf: number) => (await coverageJson(source, { asOf, aiSystemId: system })).frameworks.length;
      expect([await at(first), await at(source.now())]).toEqual([2, 1]);
    } finally {
      await source.close();
      await target?.close();
    }
  });
});
