/**
 * One JSON access line per request, with the request id of the X-Request-Id header and the audit
 * entry, and never a token, a secret, a body or a variable value; errors at error level with
 * their stack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../../src/config.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { auditEntries } from '../access/helpers.js';
import { captureLog, type CapturedLog } from './support.js';

const SECRET = 'top-secret-value-7f3a9c';

describe('access and error lines', () => {
  let server: TestServer;
  let log: CapturedLog;

  beforeAll(async () => {
    log = captureLog();
    server = await startTestServer({ logger: log.logger });
  });
  afterAll(() => server.close());

  const post = (body: unknown, authorization: string | null = `Bearer ${server.token}`) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    });
  /** The access line of a request, by its X-Request-Id (it is written when the answer is finished). */
  const lineOf = async (response: Response) => {
    const requestId = response.headers.get('x-request-id');
    const text = await response.text();
    for (let i = 0; i < 50; i++) {
      const found = log.records().filter((r) => r.requestId === requestId && r.msg === 'request');
      if (found.length) return { records: found, text };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no access line for ${requestId}`);
  };

  it('a mutation: one line with the request id of the header and the audit entry, the operation, its cost, the actor', async () => {
    const sent = process.hrtime.bigint();
    const response = await post({
      query: 'mutation MakeControl($input: ControlCreateInput!) { controlCreate(input: $input) { control { id } userErrors { code } } }',
      operationName: 'MakeControl',
      variables: { input: { refId: 'LOG-1', title: SECRET, type: 'PREVENTIVE', description: SECRET } },
    });
    const { records, text } = await lineOf(response);
    // The server's duration lies within the client's: from sending the request to reading the answer.
    const clientMs = Number(process.hrtime.bigint() - sent) / 1e6;
    expect(records).toHaveLength(1);
    const line = records[0];
    expect(line).toMatchObject({
      level: 30,
      requestId: response.headers.get('x-request-id'),
      method: 'POST',
      route: '/graphql',
      status: 200,
      bytes: Buffer.byteLength(text),
      actorId: 'token:1',
      operationName: 'MakeControl',
      operationType: 'mutation',
      cost: expect.any(Number),
    });
    expect(line.durationMs).toBeGreaterThan(0);
    expect(line.durationMs).toBeLessThanOrEqual(clientMs);
    const entry = (await auditEntries(server, { actions: ['controlCreate'] })).at(-1);
    expect(entry.requestId).toBe(line.requestId);
  });

  it('no line ever holds the token, a variable value, the body or a query string', async () => {
    await (await post({ query: 'query Q($s: String) { controls(filter: { search: $s }) { totalCount } }', variables: { s: SECRET } })).text();
    await (await fetch(`${server.url}/graphql?query=${SECRET}`, { headers: { authorization: `Bearer ${server.token}` } })).text();
    await (await post({ query: `{ controls(filter: { search: "${SECRET}" }) { totalCount } }` }, `Bearer cwk_${SECRET}`)).text();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const all = log.lines.join('');
    expect(all).toContain('"route":"/graphql"');
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(server.token);
    expect(all).not.toMatch(/authorization|"variables"|"query":|"body"|"headers"/i);
  });

  it('a refusal: status and code, no actor; an unknown route is "unmatched"', async () => {
    const refused = await lineOf(await post({ query: '{ viewer { role } }' }, null));
    expect(refused.records[0]).toMatchObject({ status: 401, errorCode: 'UNAUTHENTICATED', route: '/graphql' });
    expect(refused.records[0].actorId).toBeUndefined();
    const missing = await lineOf(await fetch(`${server.url}/no/such/${SECRET}`));
    expect(missing.records[0]).toMatchObject({ status: 404, route: 'unmatched', errorCode: 'NOT_FOUND' });
    const forbidden = await lineOf(await post({ query: '{ auditVerify { intact } }' }, `Bearer ${(await server.as('VIEWER')).token}`));
    expect(forbidden.records[0]).toMatchObject({ status: 200, errorCode: 'FORBIDDEN', operationType: 'query', operationName: null });
  });

  it('an unexpected error: error level, its stack, under the request id the client was given', async () => {
    const services = server.instance.services;
    const original = services.coverage.evaluate;
    services.coverage.evaluate = async () => {
      throw new Error('boom from a test');
    };
    try {
      const response = await post({ query: '{ coverage { totals { total } } }' });
      const { text } = await lineOf(response);
      expect(JSON.parse(text).errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      const errors = log.records().filter((r) => r.level === 50);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ requestId: response.headers.get('x-request-id'), msg: 'request failed' });
      expect(errors[0].err.stack).toMatch(/boom from a test\n\s+at /);
    } finally {
      services.coverage.evaluate = original;
    }
  });
});

describe('configuration', () => {
  it('CROSSWALK_LOG_LEVEL, CROSSWALK_METRICS_PORT and CROSSWALK_METRICS_HOST', () => {
    expect(loadConfig({}).logLevel).toBe('info');
    expect(loadConfig({ CROSSWALK_LOG_LEVEL: 'Debug' }).logLevel).toBe('debug');
    expect(() => loadConfig({ CROSSWALK_LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => loadConfig({ CROSSWALK_LOG_LEVEL: 'loud' })).toThrow(/^CROSSWALK_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "loud"$/);
    expect(loadConfig({}).metricsPort).toBeNull();
    expect(loadConfig({ CROSSWALK_METRICS_PORT: '9464' })).toMatchObject({ metricsPort: 9464, metricsHost: '127.0.0.1' });
    expect(loadConfig({ CROSSWALK_METRICS_PORT: '9464', CROSSWALK_METRICS_HOST: '10.0.0.5' }).metricsHost).toBe('10.0.0.5');
    expect(() => loadConfig({ CROSSWALK_METRICS_PORT: 'ninety' })).toThrow(/^CROSSWALK_METRICS_PORT must be an integer from 0 to 65535/);
  });
});
