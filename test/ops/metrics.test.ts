/**
 * GET /metrics: who may scrape, the token-less listener, the HTTP and GraphQL series, and the
 * dashboard gauges, which equal the API's answers at the same instant and change only when a
 * refresh pass has run (never at scrape time).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type GraphQLClient, type TestServer } from '../support/server.js';
import { auditEntries } from '../access/helpers.js';
import { Builder, DAY, startClockedServer, type ClockedServer } from '../api/coverage-helpers.js';
import { MAX_OPERATION_NAME_LENGTH, MAX_OPERATION_NAMES, Metrics } from '../../src/ops/metrics.js';
import { parseExposition, valueOf, type Sample } from './support.js';
import { readFileSync } from 'node:fs';

const scrape = async (url: string, token?: string) => {
  const response = await fetch(`${url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};

describe('who may scrape', () => {
  let server: TestServer;
  let monitor: GraphQLClient;

  beforeAll(async () => {
    server = await startTestServer({ env: { CROSSWALK_METRICS_PORT: '0' } });
    monitor = await server.as('MONITOR');
  });
  afterAll(() => server.close());

  it('a MONITOR or ADMIN token scrapes; no token is 401; a VIEWER is 403 FORBIDDEN, audited', async () => {
    for (const token of [monitor.token, server.token]) {
      const ok = await scrape(server.url, token);
      expect(ok.status).toBe(200);
      expect(ok.type).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(ok.text).toContain('# TYPE crosswalk_http_request_duration_seconds histogram');
      expect(ok.text).toContain('process_cpu_seconds_total');
    }
    const anonymous = await scrape(server.url);
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text).error.code).toBe('UNAUTHENTICATED');
    const viewer = await server.as('VIEWER');
    const refused = await scrape(server.url, viewer.token);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('needs METRICS') });
    const denied = await auditEntries(server, { actions: ['metricsScrape'] });
    expect(denied).toEqual([expect.objectContaining({ outcome: 'DENIED', actorRole: 'VIEWER' })]);
  });

  it('CROSSWALK_METRICS_PORT: a second listener answers GET /metrics without a token, and nothing else', async () => {
    const url = server.instance.metricsUrl!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toBe(server.url);
    const open = await scrape(url);
    expect(open.status).toBe(200);
    expect(open.text).toContain('crosswalk_http_requests_in_flight');
    expect((await fetch(`${url}/graphql`)).status).toBe(404);
    expect((await fetch(`${url}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('requests, operations by type, outcome and bounded name, cost and refusals are counted', async () => {
    const before = parseExposition((await scrape(server.url, server.token)).text);
    await server.gql('query Counted { frameworks { totalCount } }');
    await server.gql('{ nope }');
    await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ viewer { role } }"}' });
    for (let i = 0; i < MAX_OPERATION_NAMES + 5; i++) await server.gql(`query Name${i} { __typename }`);
    const after = parseExposition((await scrape(server.url, server.token)).text);
    const delta = (name: string, labels: Record<string, string>) => (valueOf(after, name, labels) ?? 0) - (valueOf(before, name, labels) ?? 0);
    expect(delta('crosswalk_graphql_operations_total', { type: 'query', outcome: 'success' })).toBe(MAX_OPERATION_NAMES + 6);
    expect(delta('crosswalk_graphql_operations_total', { type: 'unknown', outcome: 'error' })).toBe(1);
    expect(delta('crosswalk_graphql_operations_by_name_total', { name: 'Counted', type: 'query' })).toBe(1);
    expect(delta('crosswalk_refusals_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(delta('crosswalk_refusals_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    const names = new Set(after.filter((s) => s.name === 'crosswalk_graphql_operations_by_name_total').map((s) => s.labels.name));
    expect(names.size).toBeLessThanOrEqual(MAX_OPERATION_NAMES + 2); // + other, anonymous
    expect(names).toContain('other');
    expect(delta('crosswalk_http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status: '200' })).toBeGreaterThanOrEqual(MAX_OPERATION_NAMES + 6);
    expect(valueOf(after, 'crosswalk_graphql_query_cost_count')).toBeGreaterThan(MAX_OPERATION_NAMES);
    expect(valueOf(after, 'crosswalk_http_requests_in_flight')).toBe(1); // this scrape
  });
});

describe('the examples', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await server.instance.figures.refresh();
    await server.gql('{ frameworks { totalCount } }');
  });
  afterAll(() => server.close());

  it('the Grafana dashboard and the Prometheus rules name only series the server exposes', async () => {
    const text = (await scrape(server.url, server.token)).text;
    const exposed = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
    const files = ['examples/grafana/crosswalk-dashboard.json', 'examples/prometheus/crosswalk-alerts.yml'];
    for (const file of files) {
      const names = new Set([...readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8').matchAll(/\b((?:crosswalk|process|nodejs)_[a-z_]+)/g)].map((m) => m[1]!));
      expect(names.size, file).toBeGreaterThan(3);
      const unknown = [...names].filter((n) => !exposed.has(n) && !exposed.has(n.replace(/_(bucket|count|sum)$/, '')));
      expect(unknown, file).toEqual([]);
    }
  });
});

describe('dashboard gauges', () => {
  let server: ClockedServer;
  let b: Builder;
  const ids = {} as Record<string, string>;

  // A fresh server with the same data for each test: one test changes the data and moves the clock.
  beforeEach(async () => {
    server = await startClockedServer();
    b = new Builder(server);
    ids.fw = await b.framework('gauge-fw');
    ids.r1 = await b.requirement(ids.fw, 'G1');
    ids.r2 = await b.requirement(ids.fw, 'G2');
    ids.r3 = await b.requirement(ids.fw, 'G3');
    ids.system = await b.aiSystem([ids.fw], 'gauge-system');
    ids.a = await b.control('IMPLEMENTED', { refId: 'GAUGE-A' });
    await b.evidence([ids.a], { validUntil: server.now() + 5 * DAY });
    await b.map(ids.r1, ids.a);
    ids.b = await b.control('IMPLEMENTED', { refId: 'GAUGE-B' });
    await b.map(ids.r2, ids.b, 'SUPERSET_OF');
    await b.evidence([ids.b], { aiSystemId: ids.system, validUntil: server.now() + 20 * DAY });
    await b.applicable(ids.r3, false, ids.system);
    const catalog = await b.framework('gauge-threats', 'THREAT_CATALOG');
    await b.threatLink(await b.threat(catalog), ids.r1);
  });
  afterEach(() => server.close());

  const gauges = async (): Promise<Sample[]> => parseExposition((await scrape(server.url, server.token)).text);
  const API = `query($scope: CoverageScope) {
    coverage(scope: $scope) { frameworks { framework { refId } total covered partial uncovered notApplicable coverageRatio } }
    threatExposure(scope: $scope, first: 100) { edges { node { exposure } } }
  }`;

  /** The coverage gauges of one scope, as the API's coverage shape. */
  const fromGauges = (samples: Sample[], scope: 'organisation' | 'ai_system', aiSystem = '') => {
    const labels = { framework: 'gauge-fw', scope, ai_system: aiSystem };
    const status = (s: string) => valueOf(samples, 'crosswalk_coverage_requirements', { ...labels, status: s });
    return {
      framework: { refId: 'gauge-fw' },
      total: valueOf(samples, 'crosswalk_coverage_requirements_count', labels),
      covered: status('covered'),
      partial: status('partial'),
      uncovered: status('uncovered'),
      notApplicable: status('not_applicable'),
      coverageRatio: valueOf(samples, 'crosswalk_coverage_ratio', labels) ?? null,
    };
  };
  const threatsOf = (samples: Sample[], scope: string, aiSystem = '') =>
    Object.fromEntries(samples.filter((s) => s.name === 'crosswalk_threats' && s.labels.scope === scope && s.labels.ai_system === aiSystem).map((s) => [s.labels.exposure, s.value]));
  const apiThreats = (edges: any[]) => {
    const out: Record<string, number> = { ADDRESSED: 0, PARTIALLY_ADDRESSED: 0, EXPOSED: 0 };
    for (const e of edges) out[e.node.exposure] = (out[e.node.exposure] ?? 0) + 1;
    return out;
  };

  const expectEqualToApi = async () => {
    const samples = await gauges();
    const org = (await server.data(API)).coverage;
    const sys = await server.data(API, { scope: { aiSystemId: ids.system } });
    const orgApi = await server.data(API);
    expect(fromGauges(samples, 'organisation')).toEqual(org.frameworks.find((f: any) => f.framework.refId === 'gauge-fw'));
    expect(fromGauges(samples, 'ai_system', 'gauge-system')).toEqual(sys.coverage.frameworks.find((f: any) => f.framework.refId === 'gauge-fw'));
    expect(threatsOf(samples, 'organisation')).toEqual(apiThreats(orgApi.threatExposure.edges));
    expect(threatsOf(samples, 'ai_system', 'gauge-system')).toEqual(apiThreats(sys.threatExposure.edges));
    expect(valueOf(samples, 'crosswalk_coverage_evaluated_timestamp_seconds')).toBe(server.now() / 1000);
    return samples;
  };

  it('equal the API at the same instant (coverage per framework and scope, threats by exposure), for the organisation and each AI system', async () => {
    await server.instance.figures.refresh();
    const samples = await expectEqualToApi();
    expect(fromGauges(samples, 'organisation')).toMatchObject({ total: 3, covered: 1, uncovered: 2 });
    expect(fromGauges(samples, 'ai_system', 'gauge-system')).toMatchObject({ covered: 1, partial: 1, notApplicable: 1 });
    expect(valueOf(samples, 'crosswalk_controls', { scope: 'organisation', state: 'EFFECTIVE' })).toBe(1);
    expect(valueOf(samples, 'crosswalk_controls', { scope: 'organisation', state: 'EVIDENCE_MISSING' })).toBe(1);
    expect(valueOf(samples, 'crosswalk_controls', { scope: 'ai_system', ai_system: 'gauge-system', state: 'EFFECTIVE' })).toBe(2);
  });

  it('evidence by status and expiring within 7 and 30 days; the audit head and chain', async () => {
    await server.instance.figures.refresh();
    const samples = await gauges();
    expect(valueOf(samples, 'crosswalk_evidence', { status: 'ACCEPTED' })).toBe(2);
    expect(valueOf(samples, 'crosswalk_evidence', { status: 'PENDING_REVIEW' })).toBe(0);
    const expiring = async (within: string, scope?: unknown) =>
      (await server.data(`query($w: String!, $s: CoverageScope) { evidenceExpiring(within: $w, scope: $s) { totalCount } }`, { w: within, s: scope })).evidenceExpiring.totalCount;
    expect(valueOf(samples, 'crosswalk_evidence_expiring', { within: '7d' })).toBe(await expiring('7d'));
    expect(valueOf(samples, 'crosswalk_evidence_expiring', { within: '7d' })).toBe(1);
    // Every scope: the organisation's item and the AI system's.
    expect(valueOf(samples, 'crosswalk_evidence_expiring', { within: '30d' })).toBe(await expiring('30d', { aiSystemId: ids.system }));
    expect(valueOf(samples, 'crosswalk_evidence_expiring', { within: '30d' })).toBe(2);
    const head = (await server.data('{ auditLog(first: 1, filter: {}) { totalCount } }')).auditLog.totalCount;
    expect(valueOf(samples, 'crosswalk_audit_head_sequence')).toBeGreaterThanOrEqual(head - 1);
    expect(valueOf(samples, 'crosswalk_audit_chain_intact')).toBe(1);
  });

  it('change when the data changes and a refresh pass ran, not at scrape time; follow the clock past an expiry', async () => {
    await server.instance.figures.refresh();
    const before = fromGauges(await gauges(), 'organisation');
    await b.setStatus(ids.b!, 'NOT_IMPLEMENTED');
    await b.map(ids.r3!, ids.a!);
    // Scraping does not evaluate anything: the gauges are those of the last pass.
    expect(fromGauges(await gauges(), 'organisation')).toEqual(before);
    await server.instance.figures.refresh();
    const after = await expectEqualToApi();
    expect(fromGauges(after, 'organisation')).toMatchObject({ covered: 2, uncovered: 1 });
    // Past the organisation item's validUntil: A loses its evidence.
    server.tick(6 * DAY);
    await server.instance.figures.refresh();
    const expired = await expectEqualToApi();
    expect(fromGauges(expired, 'organisation')).toMatchObject({ covered: 0, uncovered: 3 });
    expect(valueOf(expired, 'crosswalk_controls', { scope: 'organisation', state: 'EVIDENCE_EXPIRED' })).toBe(1);
  });

  it('operation-name labels are bounded in length and cannot pass for the reserved ones', () => {
    const metrics = new Metrics({ processMetrics: false });
    expect(metrics.operationName('x'.repeat(MAX_OPERATION_NAME_LENGTH))).toBe('x'.repeat(MAX_OPERATION_NAME_LENGTH));
    expect(metrics.operationName('x'.repeat(MAX_OPERATION_NAME_LENGTH + 1))).toBe('other');
    expect(metrics.operationName('anonymous')).toBe('other');
    expect(metrics.operationName('other')).toBe('other');
    expect(metrics.operationName(null)).toBe('anonymous');
  });
});
