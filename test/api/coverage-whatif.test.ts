/**
 * What-if and trends over the real API: `controlImpact` (what breaks if a control fails, in one
 * query), `coverageSimulation` (writes nothing), `coverageSnapshotRecord` + `coverageHistory`,
 * the CLI command for cron, and who may do what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/global-id.js';
import type { GraphQLClient } from '../support/server.js';
import { Builder, DAY, ERRORS, Reader, SUMMARY, runCli, startClockedServer, type ClockedServer } from './coverage-helpers.js';
import { useCompiledApp } from '../support/compiled-app.js';

// The CLI (or server) these tests spawn is the compiled build (test/support/compiled-app.ts).
useCompiledApp();

let server: ClockedServer;
let b: Builder;
let r: Reader;
let viewer: GraphQLClient;
let editor: GraphQLClient;

/** A small organisation: two frameworks joined by a crosswalk link, a threat, three controls. */
const org = {} as Record<
  'fwA' | 'fwB' | 'parent' | 'a1' | 'a2' | 'a3' | 'b1' | 'threat' | 'catalog' | 'x' | 'y' | 'missing' | 'system',
  string
>;

beforeAll(async () => {
  server = await startClockedServer();
  b = new Builder(server);
  r = new Reader(server);
  viewer = await server.as('VIEWER');
  editor = await server.as('EDITOR');
  org.fwA = await b.framework('whatif-a');
  org.fwB = await b.framework('whatif-b');
  org.parent = await b.requirement(org.fwA, 'A');
  org.a1 = await b.requirement(org.fwA, 'A.1', org.parent);
  org.a2 = await b.requirement(org.fwA, 'A.2', org.parent);
  org.a3 = await b.requirement(org.fwA, 'A.3');
  org.b1 = await b.requirement(org.fwB, 'B.1');
  org.x = await b.effectiveControl({ refId: 'X' });
  org.y = await b.effectiveControl({ refId: 'Y' });
  org.missing = await b.control('IMPLEMENTED', { refId: 'NO-EVIDENCE' });
  await b.map(org.a1, org.x, 'EQUAL');
  await b.map(org.a2, org.x, 'SUBSET_OF');
  await b.map(org.a2, org.y, 'EQUAL');
  await b.map(org.a3, org.missing, 'EQUAL');
  await b.link(org.b1, org.a1, 'EQUAL');
  org.catalog = await b.framework('whatif-threats', 'THREAT_CATALOG');
  org.threat = await b.threat(org.catalog, 'T-1');
  await b.threatLink(org.threat, org.a1);
  org.system = await b.aiSystem([org.fwA], 'whatif-system');
  server.tick(DAY);
});
afterAll(() => server.close());

const IMPACT = `query($controlId: ID!) { controlImpact(controlId: $controlId) {
  control { refId } stateBefore stateAfter
  requirements { requirement { refId framework { refId } } leaf before after }
  threats { threat { refId } before after }
  frameworks { framework { refId } before { covered uncovered } after { covered uncovered } changed } } }`;

describe('controlImpact', () => {
  it('answers "what would break if control X failed" in one query', async () => {
    const d = await viewer.data(IMPACT, { controlId: org.x });
    expect(d.controlImpact).toEqual({
      control: { refId: 'X' },
      stateBefore: 'EFFECTIVE',
      stateAfter: 'NOT_IMPLEMENTED',
      requirements: [
        // The parent rolls up A.1 and A.2 (A.2 stays COVERED through Y); B.1 was COVERED through its crosswalk link to A.1.
        { requirement: { refId: 'A', framework: { refId: 'whatif-a' } }, leaf: false, before: 'COVERED', after: 'PARTIAL' },
        { requirement: { refId: 'A.1', framework: { refId: 'whatif-a' } }, leaf: true, before: 'COVERED', after: 'UNCOVERED' },
        { requirement: { refId: 'B.1', framework: { refId: 'whatif-b' } }, leaf: true, before: 'COVERED', after: 'UNCOVERED' },
      ],
      threats: [{ threat: { refId: 'T-1' }, before: 'ADDRESSED', after: 'EXPOSED' }],
      frameworks: [
        { framework: { refId: 'whatif-a' }, before: { covered: 2, uncovered: 1 }, after: { covered: 1, uncovered: 2 }, changed: true },
        { framework: { refId: 'whatif-b' }, before: { covered: 1, uncovered: 0 }, after: { covered: 0, uncovered: 1 }, changed: true },
      ],
    });
  });

  it('agrees with the coverage it predicts: failing the control for real gives the "after" side', async () => {
    // Y is not needed while X is effective: nothing drops.
    const impact = await r.impact(org.y);
    expect(impact).toMatchObject({ stateBefore: 'EFFECTIVE', requirements: [], threats: [], frameworks: [] });
    const system = await b.aiSystem([org.fwA, org.fwB]);
    await b.override(system, org.x, 'PLANNED');
    const scoped = await r.impact(org.y, { scope: { aiSystemId: system } });
    expect(scoped.requirements.map((c: any) => [c.requirement.id, c.before, c.after])).toEqual([
      [org.parent, 'PARTIAL', 'UNCOVERED'],
      [org.a2, 'COVERED', 'UNCOVERED'],
    ]);
    const beforeFailing = await r.coverage({ scope: { aiSystemId: system } });
    expect(scoped.frameworks.map((f: any) => f.before)).toEqual(
      beforeFailing.frameworks.filter((f: any) => f.framework.id === org.fwA).map((f: any) => f.summary),
    );
    await b.override(system, org.y, 'NOT_IMPLEMENTED');
    const after = await r.coverage({ scope: { aiSystemId: system } });
    expect(scoped.frameworks.map((f: any) => f.after)).toEqual(after.frameworks.filter((f: any) => f.framework.id === org.fwA).map((f: any) => f.summary));
    for (const c of scoped.requirements) expect(await r.status(c.requirement.id, { scope: { aiSystemId: system } })).toBe(c.after);
  });

  it('is empty for a control that is not effective, and names no state for one that did not exist yet; NOT_FOUND for an unknown control', async () => {
    const notEffective = await r.impact(org.missing);
    expect(notEffective).toMatchObject({ stateBefore: 'EVIDENCE_MISSING', stateAfter: 'NOT_IMPLEMENTED', requirements: [], threats: [], frameworks: [] });
    const beforeLate = server.iso();
    server.tick();
    const late = await b.control('IMPLEMENTED');
    const early = await r.impact(late, { asOf: beforeLate });
    expect(early).toMatchObject({ stateBefore: null, stateAfter: null, requirements: [] });
    // Before anything was recorded there is no answer (rule 10).
    const refused = await server.gql(`query($c: ID!, $asOf: DateTime) { controlImpact(controlId: $c, asOf: $asOf) { stateBefore } }`, {
      c: org.x,
      asOf: server.iso(server.now() - 30 * DAY),
    });
    expect(refused.errors?.map((e: any) => e.extensions.code)).toEqual(['AS_OF_BEFORE_HISTORY']);
    const code = async (c: string) => (await server.gql(`query($c: ID) { controlImpact(controlId: $c) { asOf } }`, { c })).errors?.map((e) => e.extensions?.code);
    expect(await code(toGlobalId('Control', 999_999))).toEqual(['NOT_FOUND']);
    expect(await code('garbage')).toEqual(['BAD_USER_INPUT']);
  });
});

const SIMULATE = `query($changes: [ControlStateChangeInput!]!, $scope: CoverageScope) {
  coverageSimulation(changes: $changes, scope: $scope) { asOf
    controls { control { refId } before after }
    frameworks { framework { refId } before { ${SUMMARY} } after { ${SUMMARY} } changed }
    requirements { requirement { refId } leaf before after }
    threats { threat { refId } before after } } }`;

describe('coverageSimulation', () => {
  it('shows per-framework counts before and after and the requirements that change, and writes nothing', async () => {
    const auditBefore = (await server.data('{ auditLog(first: 0) { totalCount } }')).auditLog.totalCount;
    const coverageBefore = await r.coverage();
    const statsBefore = server.instance.services.coverage.stats();
    const d = await viewer.data(SIMULATE, {
      changes: [
        { controlId: org.missing, state: 'EFFECTIVE' },
        { controlId: org.x, state: 'EVIDENCE_EXPIRED' },
        { controlId: org.x, state: 'EFFECTIVE' }, // the last change of a control wins
      ],
    });
    const sim = d.coverageSimulation;
    expect(sim.asOf).toBe(server.iso());
    expect(sim.controls).toEqual([
      { control: { refId: 'X' }, before: 'EFFECTIVE', after: 'EFFECTIVE' },
      { control: { refId: 'NO-EVIDENCE' }, before: 'EVIDENCE_MISSING', after: 'EFFECTIVE' },
    ]);
    expect(sim.requirements).toEqual([{ requirement: { refId: 'A.3' }, leaf: true, before: 'UNCOVERED', after: 'COVERED' }]);
    const a = sim.frameworks.find((f: any) => f.framework.refId === 'whatif-a');
    expect(a).toMatchObject({ before: { covered: 2, uncovered: 1 }, after: { covered: 3, uncovered: 0, coverageRatio: 1 }, changed: true });
    expect(sim.frameworks.find((f: any) => f.framework.refId === 'whatif-b')).toMatchObject({ changed: false });
    // Every framework in scope is listed, with its counts as they are.
    expect(sim.frameworks.map((f: any) => f.before)).toEqual(coverageBefore.frameworks.map((f: any) => f.summary));

    // Nothing was written or changed.
    expect((await server.data('{ auditLog(first: 0) { totalCount } }')).auditLog.totalCount).toBe(auditBefore);
    expect(await r.coverage()).toEqual(coverageBefore);
    expect(server.instance.services.coverage.stats()).toMatchObject({ builds: statsBefore.builds, version: statsBefore.version });
  });

  it('simulating a failing control gives the same answer as controlImpact', async () => {
    const sim = (await server.data(SIMULATE, { changes: [{ controlId: org.x, state: 'NOT_IMPLEMENTED' }] })).coverageSimulation;
    const impact = (await server.data(IMPACT, { controlId: org.x })).controlImpact;
    expect(sim.requirements).toEqual(impact.requirements.map(({ requirement, leaf, before, after }: any) => ({ requirement: { refId: requirement.refId }, leaf, before, after })));
    expect(sim.threats).toEqual(impact.threats);
    expect(sim.frameworks.filter((f: any) => f.changed).map((f: any) => [f.framework.refId, f.after.covered])).toEqual(
      impact.frameworks.map((f: any) => [f.framework.refId, f.after.covered]),
    );
  });

  it('is NOT_FOUND for an unknown control, and refuses more than 100 changes', async () => {
    const unknown = await server.gql(SIMULATE, { changes: [{ controlId: toGlobalId('Control', 999_999), state: 'EFFECTIVE' }] });
    expect(unknown.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const many = Array.from({ length: 101 }, () => ({ controlId: org.x, state: 'EFFECTIVE' }));
    const body = await server.gql(SIMULATE, { changes: many });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

const RECORD = `mutation($input: CoverageSnapshotRecordInput!) { coverageSnapshotRecord(input: $input) {
  snapshots { framework { id refId } aiSystem { id } at viaCrosswalks summary { ${SUMMARY} } createdBy } ${ERRORS} } }`;
const HISTORY = `query($frameworkId: ID!, $scope: CoverageScope, $from: DateTime, $to: DateTime, $via: Boolean, $first: Int, $after: String) {
  coverageHistory(frameworkId: $frameworkId, scope: $scope, from: $from, to: $to, viaCrosswalks: $via, first: $first, after: $after) {
    totalCount edges { cursor node { at viaCrosswalks summary { covered uncovered total coverageRatio } createdBy aiSystem { id } } }
    pageInfo { hasNextPage endCursor } } }`;

describe('coverageSnapshotRecord and coverageHistory', () => {
  it('records the counts of every framework in scope now, equal to coverage at that instant, and plots them as a series', async () => {
    const fw = await b.framework();
    const leaf = await b.requirement(fw);
    await b.requirement(fw);
    const control = await b.effectiveControl();
    server.tick();
    const first = (await editor.data(RECORD, { input: {} })).coverageSnapshotRecord;
    expect(first.userErrors).toEqual([]);
    const at1 = server.now();
    const report = await r.coverage({ asOf: server.iso(at1) });
    expect(first.snapshots.map((s: any) => [s.framework.id, s.summary])).toEqual(report.frameworks.map((f: any) => [f.framework.id, f.summary]));
    expect(first.snapshots.every((s: any) => s.at === server.iso(at1) && s.viaCrosswalks && s.aiSystem === null && s.createdBy.startsWith('token:'))).toBe(true);

    server.tick(DAY);
    await b.map(leaf, control);
    const second = (await server.data(RECORD, { input: { frameworkIds: [fw], viaCrosswalks: false } })).coverageSnapshotRecord;
    expect(second.snapshots.map((s: any) => [s.framework.id, s.viaCrosswalks, s.summary.covered])).toEqual([[fw, false, 1]]);
    server.tick(DAY);
    const third = (await server.data(RECORD, { input: { frameworkIds: [fw] } })).coverageSnapshotRecord;
    expect(third.snapshots[0].summary).toMatchObject({ total: 2, covered: 1, uncovered: 1, coverageRatio: 0.5 });

    const series = (await viewer.data(HISTORY, { frameworkId: fw })).coverageHistory;
    expect(series.totalCount).toBe(2);
    expect(series.edges.map((e: any) => [e.node.at, e.node.summary.covered])).toEqual([
      [server.iso(at1), 0],
      [server.iso(), 1],
    ]);
    const withoutCrosswalks = (await viewer.data(HISTORY, { frameworkId: fw, via: false })).coverageHistory;
    expect(withoutCrosswalks.edges.map((e: any) => e.node.summary.covered)).toEqual([1]);
    const window = (await viewer.data(HISTORY, { frameworkId: fw, from: server.iso(at1 + 1), to: server.iso() })).coverageHistory;
    expect(window.edges.map((e: any) => e.node.at)).toEqual([server.iso()]);
    const page = (await viewer.data(HISTORY, { frameworkId: fw, first: 1 })).coverageHistory;
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = (await viewer.data(HISTORY, { frameworkId: fw, first: 1, after: page.pageInfo.endCursor })).coverageHistory;
    expect(next.edges.map((e: any) => e.node.at)).toEqual([server.iso()]);
    const unknown = await viewer.gql(HISTORY, { frameworkId: toGlobalId('Framework', 999_999) });
    expect(unknown.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('records an AI system scope separately; refuses unknown systems and frameworks, and frameworks out of scope', async () => {
    const scope = { aiSystemId: org.system };
    const before = (await server.data(HISTORY, { frameworkId: org.fwA, scope })).coverageHistory.totalCount;
    const rec = (await server.data(RECORD, { input: { scope } })).coverageSnapshotRecord;
    expect(rec.snapshots.map((s: any) => [s.framework.refId, s.aiSystem.id])).toEqual([['whatif-a', org.system]]);
    const history = (await server.data(HISTORY, { frameworkId: org.fwA, scope })).coverageHistory;
    // The AI system's series holds only its own snapshots (the CLI test may have recorded one too).
    expect(history.totalCount).toBe(before + 1);
    expect(history.edges.map((e: any) => e.node.aiSystem.id)).toEqual(Array(before + 1).fill(org.system));
    const garbage = await server.gql(HISTORY, { frameworkId: org.fwA, scope: { aiSystemId: 'garbage' } });
    expect(garbage.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);

    const refused = async (input: object) => (await server.data(RECORD, { input })).coverageSnapshotRecord;
    expect(await refused({ scope: { aiSystemId: toGlobalId('AISystem', 999_999) } })).toEqual({
      snapshots: null,
      userErrors: [{ code: 'NOT_FOUND', field: ['input', 'scope', 'aiSystemId'], message: expect.any(String) }],
    });
    expect((await refused({ frameworkIds: [org.fwA, toGlobalId('Framework', 999_999)] })).userErrors).toEqual([
      { code: 'NOT_FOUND', field: ['input', 'frameworkIds', '1'], message: expect.any(String) },
    ]);
    expect((await refused({ scope, frameworkIds: [org.fwB] })).userErrors).toEqual([
      { code: 'INVALID', field: ['input', 'frameworkIds', '0'], message: expect.stringMatching(/does not apply/) },
    ]);
    expect((await refused({ frameworkIds: [org.catalog] })).userErrors).toEqual([
      { code: 'INVALID', field: ['input', 'frameworkIds', '0'], message: expect.stringMatching(/threat catalog/) },
    ]);
  });

  it('is FORBIDDEN for a VIEWER (who may still read coverage and history) and audited', async () => {
    const outcomes = async () => {
      const entries = await server.data(`{ auditLog(filter: { actions: ["coverageSnapshotRecord"] }, first: 100) { edges { node { outcome } } } }`);
      return entries.auditLog.edges.map((e: any) => e.node.outcome) as string[];
    };
    const auditedBefore = await outcomes();
    // The ADMIN records a snapshot of the organisation's whatif-a and has one refused (an unknown framework).
    const recorded = (await server.data(RECORD, { input: { frameworkIds: [org.fwA] } })).coverageSnapshotRecord;
    expect(recorded.snapshots.map((s: any) => s.framework.id)).toEqual([org.fwA]);
    expect((await server.data(RECORD, { input: { frameworkIds: [toGlobalId('Framework', 999_999)] } })).coverageSnapshotRecord.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND' }),
    ]);

    const denied = (await viewer.data(RECORD, { input: {} })).coverageSnapshotRecord;
    expect(denied).toEqual({ snapshots: null, userErrors: [expect.objectContaining({ code: 'FORBIDDEN' })] });
    // The VIEWER reads the same history the ADMIN does, the snapshot just recorded included.
    const adminSeries = (await server.data(HISTORY, { frameworkId: org.fwA })).coverageHistory;
    const viewerSeries = (await viewer.data(HISTORY, { frameworkId: org.fwA })).coverageHistory;
    expect(viewerSeries.totalCount).toBeGreaterThanOrEqual(1);
    expect(viewerSeries).toEqual(adminSeries);
    // The audit log holds the three attempts in order: success, rejected, denied.
    const audited = await outcomes();
    expect(audited.slice(auditedBefore.length)).toEqual(['SUCCESS', 'REJECTED', 'DENIED']);
  });

  it('npm run cli -- coverage snapshot records snapshots for cron, optionally for one AI system', async () => {
    const org1 = await runCli(server, ['coverage', 'snapshot']);
    expect(org1.stderr).toBe('');
    expect(org1.code).toBe(0);
    expect(org1.stdout).toMatch(/Recorded \d+ coverage snapshot\(s\) of the organisation/);
    expect(org1.stdout).toMatch(/whatif-a: [\d.]+% covered/);
    const sys = await runCli(server, ['coverage', 'snapshot', '--ai-system', 'whatif-system']);
    expect(sys.code).toBe(0);
    expect(sys.stdout).toMatch(/of AI system "whatif-system"/);
    const unknown = await runCli(server, ['coverage', 'snapshot', '--ai-system', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no AI system named "nope"/);

    const history = (await server.data(HISTORY, { frameworkId: org.fwA, scope: { aiSystemId: org.system } })).coverageHistory;
    const byCli = history.edges.filter((e: any) => e.node.createdBy === 'system:cli');
    expect(byCli).toHaveLength(1);
    const entries = await server.data(`{ auditLog(filter: { actorId: "system:cli" }, first: 100) { edges { node { action outcome } } } }`);
    expect(entries.auditLog.edges.map((e: any) => e.node)).toContainEqual({ action: 'coverageSnapshotRecord', outcome: 'SUCCESS' });
  });
});
