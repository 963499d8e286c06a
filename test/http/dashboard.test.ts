/**
 * GET /dashboard as served (no browser: the page in Chromium is test/e2e/dashboard.e2e.ts, run by
 * `npm run test:e2e`): the page, its bundled script and stylesheet come from this server with the
 * dashboard's CSP, and the page loads nothing from anywhere else.
 */
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_CONTENT_SECURITY_POLICY } from '../../src/http/dashboard-route.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { captureLog, type CapturedLog } from '../ops/support.js';

let server: TestServer;
let log: CapturedLog;
beforeAll(async () => {
  log = captureLog();
  server = await startTestServer({ logger: log.logger });
});
afterAll(() => server.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

describe('GET /dashboard', () => {
  it('serves the page, its script and its stylesheet without a token, each with the dashboard CSP', async () => {
    for (const [path, type] of [
      ['/dashboard', 'text/html; charset=utf-8'],
      ['/dashboard/', 'text/html; charset=utf-8'],
      ['/dashboard/app.js', 'text/javascript; charset=utf-8'],
      ['/dashboard/app.css', 'text/css; charset=utf-8'],
    ] as const) {
      const response = await get(path);
      expect([path, response.status, response.headers.get('content-type')]).toEqual([path, 200, type]);
      expect(response.headers.get('content-security-policy')).toBe(DASHBOARD_CONTENT_SECURITY_POLICY);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('allows scripts, styles and requests from this origin only, no inline code, no framing', () => {
    const directives = Object.fromEntries(DASHBOARD_CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toMatchObject({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'connect-src': "'self'",
      'img-src': "'self' data:",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
      'base-uri': "'none'",
      'require-trusted-types-for': "'script'",
    });
  });

  it('the page references only its own assets, and the bundle loads nothing from another host', async () => {
    const html = await (await get('/dashboard')).text();
    expect([...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1])).toEqual(['/dashboard/app.css', '/dashboard/app.js', '#main']);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
    const script = await (await get('/dashboard/app.js')).text();
    // Chart.js is in the bundle; the only URL the page fetches is the API's, relative.
    expect(script).toContain('/graphql');
    expect(script).toMatch(/Chart\.js v4/);
    expect(script).not.toMatch(/\bimport\s*\(|\bimportScripts\(/);
  });

  it('answers gzip when asked, 304 for a current ETag, and 404 for anything else under /dashboard', async () => {
    const plain = Buffer.from(await (await get('/dashboard/app.js', { 'accept-encoding': 'identity' })).arrayBuffer());
    // Node's fetch would decompress: read the raw bytes.
    const raw = await new Promise<Buffer>((resolve, reject) => {
      http
        .get(`${server.url}/dashboard/app.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          expect(res.headers['content-encoding']).toBe('gzip');
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
        })
        .on('error', reject);
    });
    expect(gunzipSync(raw).equals(plain)).toBe(true);
    const etag = (await get('/dashboard')).headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await get('/dashboard', { 'if-none-match': etag })).status).toBe(304);
    const missing = await get('/dashboard/other.js');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('NOT_FOUND');
  });

  it('is one route in the access log and the metrics: /dashboard (other paths below it stay unmatched)', async () => {
    const routeOf = async (path: string) => {
      const response = await get(path);
      await response.arrayBuffer();
      const requestId = response.headers.get('x-request-id');
      await expect.poll(() => log.records().find((r) => r.requestId === requestId && r.msg === 'request')).toBeDefined();
      return log.records().find((r) => r.requestId === requestId && r.msg === 'request').route;
    };
    expect([await routeOf('/dashboard'), await routeOf('/dashboard/app.js'), await routeOf('/dashboard/app.css'), await routeOf('/dashboard/x.js')]).toEqual([
      '/dashboard',
      '/dashboard',
      '/dashboard',
      'unmatched',
    ]);
  });
});
