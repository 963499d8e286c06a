/**
 * Hostile HTTP: bodies, content types, methods, CSRF, security headers, the explorer's CSP.
 * Every refusal is JSON with the right 4xx status: never HTML, a stack trace or a 500.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectJsonWithoutLeaks, expectRefusal, postJson, raw, type RawRequest } from './support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const QUERY = JSON.stringify({ query: '{ viewer { role } }' });
const json = { 'content-type': 'application/json' };

describe('request bodies', () => {
  it.each<{ name: string; request: RawRequest; status: number; code: string }>([
    { name: 'truncated JSON', request: { headers: json, body: '{"query": ' }, status: 400, code: 'MALFORMED_JSON' },
    { name: 'a JSON string', request: { headers: json, body: '"{ viewer { role } }"' }, status: 400, code: 'MALFORMED_JSON' },
    { name: 'JSON null', request: { headers: json, body: 'null' }, status: 400, code: 'MALFORMED_JSON' },
    { name: 'an empty JSON object', request: { headers: json, body: '{}' }, status: 400, code: 'BAD_REQUEST' },
    { name: 'an empty body', request: { headers: json, body: '' }, status: 400, code: 'BAD_REQUEST' },
    {
      name: 'invalid UTF-8 bytes',
      request: { headers: json, body: new Blob(['{"query":"{ viewer { role } }","variables":{"x":"', new Uint8Array([0xff, 0xfe, 0xc3]), '"}}']) },
      status: 400,
      code: 'INVALID_UNICODE',
    },
    { name: 'an overlong UTF-8 encoding of "/"', request: { headers: json, body: new Blob(['{"query":"{ viewer { role } }","x":"', new Uint8Array([0xc0, 0xaf]), '"}']) }, status: 400, code: 'INVALID_UNICODE' },
    { name: 'an escaped lone surrogate', request: { headers: json, body: '{"query":"{ viewer { role } }","variables":{"x":"\\udc00"}}' }, status: 400, code: 'INVALID_UNICODE' },
    { name: 'a lone surrogate in a key', request: { headers: json, body: '{"query":"{ viewer { role } }","variables":{"\\ud800":1}}' }, status: 400, code: 'INVALID_UNICODE' },
    { name: 'a 10 MB string', request: { headers: json, body: JSON.stringify({ query: '{ viewer { role } }', variables: { s: 'x'.repeat(10 * 1024 * 1024) } }) }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
    {
      name: 'a gzip bomb (20 kB inflating to 10 MB)',
      request: { headers: { ...json, 'content-encoding': 'gzip' }, body: new Blob([gzipSync(JSON.stringify({ query: '{ __typename }', s: ' '.repeat(10 * 1024 * 1024) }))]) },
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    },
    { name: 'an unknown content encoding', request: { headers: { ...json, 'content-encoding': 'x-unknown' }, body: QUERY }, status: 415, code: 'UNSUPPORTED_ENCODING' },
    { name: 'a charset other than UTF-8', request: { headers: { 'content-type': 'application/json; charset=latin1' }, body: QUERY }, status: 415, code: 'UNSUPPORTED_ENCODING' },
  ])('answers $name with $status $code', async ({ request, status, code }) => {
    expectRefusal(await raw(server, request), status, code);
  });

  it.each([
    ['variables', (deep: string) => `{"query":"{ viewer { role } }","variables":{"x":${deep}}}`],
    ['extensions', (deep: string) => `{"query":"{ viewer { role } }","extensions":{"x":${deep}}}`],
  ])('survives JSON nested 200,000 deep in %s', async (_name, wrap) => {
    const answer = await raw(server, { headers: json, body: wrap(`${'['.repeat(200_000)}${']'.repeat(200_000)}`) });
    expect([answer.status, answer.json?.data]).toEqual([200, { viewer: { role: 'ADMIN' } }]);
  });

  it('keeps a correctly paired surrogate (an emoji escaped in JSON)', async () => {
    const answer = await raw(server, { headers: json, body: '{"query":"{ viewer { role } }","variables":{"x":"\\ud83d\\ude00"}}' });
    expect(answer.status).toBe(200);
  });

  it('accepts a body just under the 1 MiB limit', async () => {
    const body = JSON.stringify({ query: '{ viewer { role } }', variables: { pad: 'x'.repeat(1024 * 1024 - 100) } });
    const answer = await raw(server, { headers: json, body });
    expect([answer.status, answer.json.data]).toEqual([200, { viewer: { role: 'ADMIN' } }]);
  });
});

describe('content types and CSRF', () => {
  const simple = (contentType: string | undefined, body: RequestInit['body'] = QUERY, extra: Record<string, string> = {}): RawRequest => ({
    headers: { ...(contentType ? { 'content-type': contentType } : {}), ...extra },
    body,
  });
  it.each<{ name: string; request: RawRequest; status: number; code: string }>([
    // Simple (non-preflighted) requests a browser form could send cross-site: Apollo's CSRF prevention.
    { name: 'a text/plain POST', request: simple('text/plain'), status: 400, code: 'BAD_REQUEST' },
    { name: 'a form POST', request: simple('application/x-www-form-urlencoded', 'query=%7B%20viewer%20%7B%20role%20%7D%20%7D'), status: 400, code: 'BAD_REQUEST' },
    { name: 'a multipart POST', request: { body: (() => { const form = new FormData(); form.set('query', '{ viewer { role } }'); return form; })() }, status: 400, code: 'BAD_REQUEST' },
    { name: 'a POST without a content type', request: { body: new Blob([QUERY]) }, status: 400, code: 'BAD_REQUEST' },
    // Preflighted but still not JSON.
    { name: 'a text/plain POST with a preflight header', request: simple('text/plain', QUERY, { 'apollo-require-preflight': 'true' }), status: 400, code: 'BAD_REQUEST' },
    { name: 'an application/graphql POST', request: simple('application/graphql', '{ viewer { role } }'), status: 400, code: 'BAD_REQUEST' },
    { name: 'an XML POST', request: simple('application/xml', '<query/>'), status: 400, code: 'BAD_REQUEST' },
  ])('refuses $name with $status $code', async ({ request, status, code }) => {
    const answer = await raw(server, request);
    expectRefusal(answer, status, code);
  });

  it('runs nothing from a text/plain POST even with a bearer token (not a CSRF, but not JSON either)', async () => {
    const answer = await raw(server, simple('text/plain'));
    expectRefusal(answer, 400, 'BAD_REQUEST');
    expect(answer.json.data).toBeUndefined();
  });

  it('answers a GET query carrying a bearer token without a preflight header (a cross-site form cannot send one)', async () => {
    const answer = await raw(server, { method: 'GET', path: `/graphql?query=${encodeURIComponent('{ viewer { role } }')}`, headers: { accept: 'application/json' } });
    expect([answer.status, answer.json.data]).toEqual([200, { viewer: { role: 'ADMIN' } }]);
  });

  it('refuses a GET query without a token before anything runs (401, GraphQL-shaped)', async () => {
    const answer = await raw(server, { method: 'GET', token: null, path: `/graphql?query=${encodeURIComponent('{ viewer { role } }')}`, headers: { accept: 'application/json' } });
    expectRefusal(answer, 401, 'UNAUTHENTICATED');
    expect(answer.json.errors).toHaveLength(1);
  });

  it('answers a GET query with a preflight header', async () => {
    const answer = await raw(server, {
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('{ viewer { role } }')}`,
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect([answer.status, answer.json.data]).toEqual([200, { viewer: { role: 'ADMIN' } }]);
  });
});

describe('the error shape', () => {
  it('answers a refusal before GraphQL as application/graphql-response+json when the client prefers it', async () => {
    const answer = await raw(server, { token: null, headers: { ...json, accept: 'application/graphql-response+json, application/json;q=0.9' }, body: QUERY });
    expect(answer.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect([answer.status, answer.json]).toEqual([
      401,
      { errors: [{ message: expect.stringMatching(/valid API token is required/), extensions: { code: 'UNAUTHENTICATED', requestId: answer.headers.get('x-request-id') } }] },
    ]);
  });

  it('keeps the plain JSON error shape on other routes', async () => {
    const answer = await raw(server, { method: 'GET', path: '/v1/blobs/0000', token: null });
    expect([answer.status, answer.json.error?.code, answer.json.errors]).toEqual([401, 'UNAUTHENTICATED', undefined]);
  });
});

describe('methods', () => {
  it('refuses a mutation over GET with 405 and Allow: POST', async () => {
    const answer = await raw(server, {
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('mutation { frameworkCreate(input: { refId: "via-get", name: "x", kind: STANDARD }) { userErrors { code } } }')}`,
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expectRefusal(answer, 405, 'BAD_REQUEST');
    expect(answer.headers.get('allow')).toBe('POST');
    const after = await server.data('{ framework(refId: "via-get") { id } }');
    expect(after.framework).toBeNull();
  });

  it.each(['PUT', 'PATCH', 'DELETE'])('refuses %s with 405', async (method) => {
    expectRefusal(await raw(server, { method, headers: json, body: QUERY }), 405, 'BAD_REQUEST');
  });
});

describe('security headers', () => {
  const answers = {
    'a GraphQL answer': () => postJson(server, { query: '{ viewer { role } }' }),
    'a GraphQL refusal': () => postJson(server, { query: '{ nope }' }),
    'a 401': () => postJson(server, { query: '{ viewer { role } }' }, { token: null }),
    'a 404': () => raw(server, { method: 'GET', path: '/nope' }),
    'a 413': () => raw(server, { headers: json, body: JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) }) }),
    'the health probe': () => raw(server, { method: 'GET', path: '/healthz' }),
  };
  it.each(Object.entries(answers))('sets them on %s', async (_name, send) => {
    const answer = await send();
    expect({
      csp: answer.headers.get('content-security-policy'),
      frame: answer.headers.get('x-frame-options'),
      sniff: answer.headers.get('x-content-type-options'),
      referrer: answer.headers.get('referrer-policy'),
      corp: answer.headers.get('cross-origin-resource-policy'),
      poweredBy: answer.headers.get('x-powered-by'),
      requestId: /^[0-9a-f-]{36}$/.test(answer.headers.get('x-request-id') ?? ''),
    }).toEqual({
      csp: "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
      frame: 'DENY',
      sniff: 'nosniff',
      referrer: 'no-referrer',
      corp: 'same-origin',
      poweredBy: null,
      requestId: true,
    });
    expectJsonWithoutLeaks(answer);
  });
});

describe('caching', () => {
  it('marks GraphQL answers as not storable (they are per-token)', async () => {
    const answer = await postJson(server, { query: '{ viewer { role } }' });
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });
});

describe('the explorer page', () => {
  let page: { csp: string; html: string };
  beforeAll(async () => {
    const answer = await raw(server, { method: 'GET', token: null, headers: { accept: 'text/html' } });
    expect(answer.status).toBe(200);
    page = { csp: answer.headers.get('content-security-policy') ?? '', html: answer.text };
  });
  const directive = (name: string) => page.csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';

  it('gets its own CSP that allows its inline scripts by hash only', async () => {
    const { createHash } = await import('node:crypto');
    const scripts = [...page.html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const hashes = scripts.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`);
    expect(directive('script-src').split(' ').slice(1).sort()).toEqual([...new Set(hashes)].sort());
  });

  it('allows no inline script attributes, eval, or other hosts', () => {
    expect(page.csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:|\*/);
    expect(directive('default-src')).toBe("default-src 'none'");
    expect(directive('connect-src')).toBe("connect-src 'self'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
  });
});
