/**
 * evidenceExpiring: current evidence whose validUntil falls in a window, with what would drop when
 * it expires, checked against what coverage really answers once the clock has passed that instant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { Builder, DAY, runCli, startClockedServer, type ClockedServer } from './coverage-helpers.js';
import { useCompiledApp } from '../support/compiled-app.js';

// The CLI (or server) these tests spawn is the compiled build (test/support/compiled-app.ts).
useCompiledApp();

const EXPIRING = `query($within: String!, $scope: CoverageScope, $first: Int, $after: String) {
  evidenceExpiring(within: $within, scope: $scope, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node {
      evidence { id title } validUntil
      controls { control { id } before after }
      requirements { requirement { id } leaf before after }
      threats { threat { id } before after }
      frameworks { framework { id } before { covered uncovered } after { covered uncovered } changed }
    } }
  }
}`;

describe('evidenceExpiring on a manual clock', () => {
  let server: ClockedServer;
  let b: Builder;
  const ids: Record<string, string> = {};
  let t0: number;

  beforeAll(async () => {
    server = await startClockedServer();
    b = new Builder(server);
    t0 = server.now();
    ids.fw = await b.framework('expiry-fw');
    ids.r1 = await b.requirement(ids.fw, 'R1');
    ids.r2 = await b.requirement(ids.fw, 'R2');
    ids.r3 = await b.requirement(ids.fw, 'R3');
    ids.system = await b.aiSystem([ids.fw], 'expiry-system');
    // A: only one item, expiring in 5 days: R1 drops with it.
    ids.a = await b.control('IMPLEMENTED', { refId: 'EXP-A' });
    ids.a1 = await b.evidence([ids.a], { validUntil: t0 + 5 * DAY });
    await b.map(ids.r1, ids.a);
    // B: an item expiring in 10 days and one that never expires: nothing drops.
    ids.b = await b.control('IMPLEMENTED', { refId: 'EXP-B' });
    ids.b1 = await b.evidence([ids.b], { validUntil: t0 + 10 * DAY });
    ids.b2 = await b.evidence([ids.b]);
    await b.map(ids.r2, ids.b);
    // C: expires in 40 days (outside 30d).
    ids.c = await b.control('IMPLEMENTED', { refId: 'EXP-C' });
    ids.c1 = await b.evidence([ids.c], { validUntil: t0 + 40 * DAY });
    await b.map(ids.r3, ids.c, 'SUBSET_OF');
    // Evidence for the AI system only (3 days): not in the organisation's scope.
    ids.x1 = await b.evidence([ids.a], { validUntil: t0 + 3 * DAY, aiSystemId: ids.system });
    // Not current: pending review, and rejected.
    ids.p1 = await b.evidence([ids.b], { validUntil: t0 + 2 * DAY, review: null });
    ids.j1 = await b.evidence([ids.c], { validUntil: t0 + 2 * DAY, review: 'REJECTED' });
  });
  afterAll(() => server.close());

  const list = async (within: string, extra: Record<string, unknown> = {}) => (await server.data(EXPIRING, { within, ...extra })).evidenceExpiring;

  it('lists current evidence of the scope expiring within the window, by validUntil, with what would drop', async () => {
    const page = await list('30d');
    expect(page.totalCount).toBe(2);
    expect(page.edges.map((e: any) => e.node.evidence.id)).toEqual([ids.a1, ids.b1]);
    const [a1, b1] = page.edges.map((e: any) => e.node);
    expect(a1.validUntil).toBe(new Date(t0 + 5 * DAY).toISOString());
    expect(a1.controls).toEqual([{ control: { id: ids.a }, before: 'EFFECTIVE', after: 'EVIDENCE_EXPIRED' }]);
    expect(a1.requirements).toEqual([{ requirement: { id: ids.r1 }, leaf: true, before: 'COVERED', after: 'UNCOVERED' }]);
    expect(a1.frameworks).toEqual([{ framework: { id: ids.fw }, before: { covered: 3, uncovered: 0 }, after: { covered: 2, uncovered: 1 }, changed: true }]);
    // B keeps other current evidence: nothing drops.
    expect(b1).toMatchObject({ controls: [], requirements: [], threats: [], frameworks: [] });
  });

  it('the window bounds the list: 7d, 60d, 1h', async () => {
    expect((await list('7d')).edges.map((e: any) => e.node.evidence.id)).toEqual([ids.a1]);
    expect((await list('60d')).edges.map((e: any) => e.node.evidence.id)).toEqual([ids.a1, ids.b1, ids.c1]);
    expect((await list('1h')).totalCount).toBe(0);
    expect((await list(`${5 * 24}h`)).edges.map((e: any) => e.node.evidence.id)).toEqual([ids.a1]);
  });

  it("an AI system's scope also lists that system's evidence", async () => {
    const page = await list('30d', { scope: { aiSystemId: ids.system } });
    expect(page.edges.map((e: any) => e.node.evidence.id)).toEqual([ids.x1, ids.a1, ids.b1]);
    // A still has the organisation's item when the system's expires, and the reverse.
    expect(page.edges[0].node.requirements).toEqual([]);
    expect(page.edges[1].node.requirements).toEqual([]);
  });

  it('pages by (validUntil, id)', async () => {
    const first = await list('60d', { first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await list('60d', { first: 2, after: first.pageInfo.endCursor });
    expect([...first.edges, ...rest.edges].map((e: any) => e.node.evidence.id)).toEqual([ids.a1, ids.b1, ids.c1]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('what it says drops is what coverage answers once the instant has passed (nothing else expiring before)', async () => {
    const a1 = (await list('7d')).edges[0].node;
    const at = a1.validUntil;
    const d = await server.data(
      `query($asOf: DateTime!, $r1: ID!, $a: ID!) { requirement(id: $r1) { coverage(asOf: $asOf) { status } }
        control(id: $a) { refId } coverage(asOf: $asOf) { frameworks { framework { id } covered uncovered } } }`,
      { asOf: at, r1: ids.r1, a: ids.a },
    );
    expect(d.requirement.coverage.status).toBe(a1.requirements[0].after);
    const fw = d.coverage.frameworks.find((f: any) => f.framework.id === ids.fw);
    expect({ covered: fw.covered, uncovered: fw.uncovered }).toEqual(a1.frameworks[0].after);
  });

  it('refuses a window it cannot read (BAD_USER_INPUT) and an unknown AI system (NOT_FOUND)', async () => {
    for (const within of ['30', 'soon', '0d', '30m', '9999d']) {
      const body = await server.gql(EXPIRING, { within });
      expect(body.errors?.[0]?.extensions?.code, within).toBe('BAD_USER_INPUT');
    }
    const unknown = Buffer.from('AISystem:99999').toString('base64url');
    const body = await server.gql(EXPIRING, { within: '30d', scope: { aiSystemId: unknown } });
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('npm run cli -- evidence expiring (real clock)', () => {
  let server: TestServer;
  let b: Builder;

  beforeAll(async () => {
    server = await startTestServer();
    b = new Builder(server);
    const fw = await b.framework('cli-expiry-fw');
    const r = await b.requirement(fw, 'CLI-R1');
    const c = await b.control('IMPLEMENTED', { refId: 'CLI-EXP' });
    await b.map(r, c);
    await b.evidence([c], { validUntil: Date.now() + 3 * DAY });
  });
  afterAll(() => server.close());

  it('prints what expires and what drops; nothing at all when nothing expires; exit codes for cron and scripts', async () => {
    const some = await runCli(server, ['evidence', 'expiring', '--within', '30d']);
    expect(some.stderr).toBe('');
    expect(some.code).toBe(0);
    expect(some.stdout).toMatch(/^1 item\(s\) of current evidence expire within 30d \(by .*\) in the scope of the organisation:/);
    expect(some.stdout).toMatch(/control CLI-EXP: EFFECTIVE → EVIDENCE_EXPIRED/);
    expect(some.stdout).toMatch(/cli-expiry-fw CLI-R1: COVERED → UNCOVERED/);
    const none = await runCli(server, ['evidence', 'expiring', '--within', '1h']);
    expect(none).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await runCli(server, ['evidence', 'expiring', '--within', '7d', '--exit-code'])).code).toBe(3);
    expect((await runCli(server, ['evidence', 'expiring', '--within', '1h', '--exit-code'])).code).toBe(0);
    const bad = await runCli(server, ['evidence', 'expiring', '--within', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --within must be a duration from 1h to 3660d, e\.g\. 30d/);
  }, 180_000);
});
