/**
 * CORS: browsers on the origins in CROSSWALK_CORS_ORIGINS may call the API (preflight answered
 * before authentication and cached; no credentials); every other origin gets no CORS header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, parseCorsOrigins } from '../../src/config.js';
import { PREFLIGHT_MAX_AGE_SECONDS } from '../../src/http/cors.js';
import { startTestServer, type TestServer } from '../support/server.js';

const DASHBOARD = 'https://dash.example.com';
const LOCAL = 'http://localhost:5173';
const QUERY = JSON.stringify({ query: '{ viewer { role } }' });

const preflight = (server: TestServer, origin: string, path = '/graphql') =>
  fetch(`${server.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });

describe('with CROSSWALK_CORS_ORIGINS set', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { CROSSWALK_CORS_ORIGINS: `${DASHBOARD}, ${LOCAL}` } });
  });
  afterAll(() => server.close());

  it.each([DASHBOARD, LOCAL])('answers a preflight from %s without a token, cached, without credentials', async (origin) => {
    const answer = await preflight(server, origin);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
    expect(answer.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(answer.headers.get('access-control-allow-headers')?.toLowerCase().split(',')).toEqual(expect.arrayContaining(['authorization', 'content-type', 'accept']));
    expect(answer.headers.get('access-control-max-age')).toBe(String(PREFLIGHT_MAX_AGE_SECONDS));
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets the allowed origin read answers, errors included, and the headers it needs', async () => {
    const ok = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { origin: DASHBOARD, 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: QUERY,
    });
    expect([ok.status, (await ok.json()).data]).toEqual([200, { viewer: { role: 'ADMIN' } }]);
    expect(ok.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    expect(ok.headers.get('vary')).toMatch(/origin/i);
    expect(ok.headers.get('access-control-expose-headers')?.split(',')).toEqual(expect.arrayContaining(['X-Request-Id', 'Retry-After', 'RateLimit-Remaining']));

    const refused = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { origin: DASHBOARD, 'content-type': 'application/json' }, body: QUERY });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
  });

  it('covers the evidence file routes too', async () => {
    const answer = await preflight(server, DASHBOARD, '/v1/blobs');
    expect([answer.status, answer.headers.get('access-control-allow-origin')]).toEqual([204, DASHBOARD]);
  });

  it('sends no CORS header to an origin not listed', async () => {
    const answer = await preflight(server, 'https://evil.example.net');
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { origin: 'https://evil.example.net', 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: QUERY,
    });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('without CROSSWALK_CORS_ORIGINS', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('sends no CORS header at all', async () => {
    const answer = await preflight(server, DASHBOARD);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('access-control-allow-headers')).toBeNull();
  });
});

describe('CROSSWALK_CORS_ORIGINS parsing', () => {
  it('is empty by default and normalizes origins', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(parseCorsOrigins(' ')).toEqual([]);
    expect(parseCorsOrigins('https://Dash.Example.com/, http://localhost:5173,https://a.example:443')).toEqual([
      'https://dash.example.com',
      'http://localhost:5173',
      'https://a.example',
    ]);
  });

  it.each(['*', 'dash.example.com', 'https://*.example.com', 'https://dash.example.com/app', 'ftp://files.example.com', 'https://dash.example.com,', 'https://a.example?x=1'])(
    'refuses %j with a message naming the variable, the entry and the expected form',
    (value) => {
      expect(() => loadConfig({ CROSSWALK_CORS_ORIGINS: value })).toThrow(/^CROSSWALK_CORS_ORIGINS must be a comma-separated list of origins such as https:\/\/dash\.example\.com.*" is not one$/);
    },
  );
});
