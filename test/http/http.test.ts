import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${server.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, ...headers }, body });

describe('HTTP surface', () => {
  it('answers the health and readiness probes', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${server.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
  });

  it('serves a self-contained explorer to browsers', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toMatch(/graphiql/i);
    // Nothing is fetched from another host: no external scripts, styles or fonts.
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=["']https?:\/\//i);
  });

  it('answers malformed JSON with a GraphQL-shaped 400, never HTML', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect((await response.json()).errors[0].extensions.code).toBe('MALFORMED_JSON');
  });

  it('refuses bodies over 1 MiB with a GraphQL-shaped 413 that names the way to import a large file (blob upload, then sha256)', async () => {
    const response = await post(JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(1_100_000) } }));
    expect(response.status).toBe(413);
    const error = (await response.json()).errors[0];
    expect(error.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toMatch(/upload it with PUT \/v1\/blobs and import it by its hash \(catalogImport with sha256 instead of content\)/);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await fetch(`${server.url}/nope`);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('NOT_FOUND');
  });

  it('does not run mutations over GET', async () => {
    const query = encodeURIComponent('mutation { _ping }');
    const response = await fetch(`${server.url}/graphql?query=${query}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true', authorization: `Bearer ${server.token}` } });
    expect(response.status).toBe(405);
  });

  it('keeps CSRF prevention: a simple text/plain POST is refused', async () => {
    const response = await post(JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'text/plain' });
    expect(response.status).toBe(400);
  });

  it('reports validation errors with field suggestions to an authenticated caller', async () => {
    const body = await server.gql('{ framewrks { totalCount } }');
    expect(body.status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0]?.message).toMatch(/Did you mean "frameworks"/);
  });

  it('sets a request id and security headers on every answer', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
