/**
 * Export documents are files downloaded from `downloadUrl` (docs/export-downloads.md), never
 * carried whole through the GraphQL answer (issue 16, item 1).
 *
 * | request                                                      | who                   | expected                         |
 * |--------------------------------------------------------------|-----------------------|----------------------------------|
 * | GET downloadUrl                                              | the token that asked  | 200, the document, its SHA-256   |
 * | GET downloadUrl without a token / with an unknown token      | nobody                | 401                              |
 * | GET downloadUrl of another token's document                  | another VIEWER        | 404 EXPORT_NOT_FOUND             |
 * | GET downloadUrl of the ADMIN's bundle                        | a VIEWER              | 403 FORBIDDEN                    |
 * | GET an unknown id / a document whose file is gone            | the token             | 404 EXPORT_NOT_FOUND             |
 * | GET downloadUrl after the token was revoked                  | the revoked token     | 401                              |
 * | GET downloadUrl after expiresAt                              | the token             | 404, the file removed            |
 * | one export more than a token may keep                        | the token             | its oldest document removed      |
 */
import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClockedServer, type ClockedServer } from '../api/coverage-helpers.js';
import { DEFAULT_EXPORT_TTL_MS, MAX_EXPORTS_PER_OWNER } from '../../src/services/export-registry.js';
import type { GraphQLClient } from '../support/server.js';

let server: ClockedServer;
let viewer: GraphQLClient;

beforeAll(async () => {
  server = await startClockedServer();
  viewer = await server.as('VIEWER');
});
afterAll(() => server?.close());

const DOCUMENT = 'filename mediaType sha256 byteLength downloadUrl expiresAt';

async function get(path: string, token?: string, method = 'GET') {
  const response = await fetch(new URL(path, server.url), { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body, json: () => JSON.parse(body.toString('utf8')) };
}

const mappingsExport = async (client: GraphQLClient) => (await client.data(`{ mappingsExport { ${DOCUMENT} } }`)).mappingsExport;
const fileOf = (downloadUrl: string) => join(server.dataDir, 'exports', downloadUrl.split('/').pop()!);

describe('the download of an export document', () => {
  it('serves the token that asked for it the document the API described, streamed from a file, with its SHA-256', async () => {
    const doc = (await viewer.data(`{ coverageReport(format: JSON) { ${DOCUMENT} content } }`)).coverageReport;
    expect(doc.downloadUrl).toMatch(/^\/v1\/exports\/[0-9a-f]{32}$/);
    expect(Date.parse(doc.expiresAt)).toBe(server.now() + DEFAULT_EXPORT_TTL_MS);
    expect(existsSync(fileOf(doc.downloadUrl))).toBe(true);

    const answer = await get(doc.downloadUrl, viewer.token);
    expect(answer.status).toBe(200);
    expect(answer.body.toString('utf8')).toBe(doc.content);
    expect(answer.body.length).toBe(doc.byteLength);
    expect(createHash('sha256').update(answer.body).digest('hex')).toBe(doc.sha256);
    expect({
      type: answer.headers.get('content-type'),
      length: answer.headers.get('content-length'),
      sha256: answer.headers.get('x-content-sha256'),
      disposition: answer.headers.get('content-disposition'),
      cache: answer.headers.get('cache-control'),
    }).toEqual({
      type: expect.stringMatching(/^application\/json/),
      length: String(doc.byteLength),
      sha256: doc.sha256,
      disposition: `attachment; filename=${doc.filename}`,
      cache: 'private, no-store',
    });

    const head = await get(doc.downloadUrl, viewer.token, 'HEAD');
    expect([head.status, head.headers.get('content-length'), head.body.length]).toEqual([200, String(doc.byteLength), 0]);
  });

  it('answers 401 without a token and with a token the server does not know', async () => {
    const doc = await mappingsExport(viewer);
    expect((await get(doc.downloadUrl)).status).toBe(401);
    expect((await get(doc.downloadUrl, `not-a-token-${randomBytes(8).toString('hex')}`)).status).toBe(401);
  });

  it("answers 404 EXPORT_NOT_FOUND to another token, as for an id that never existed", async () => {
    const doc = await mappingsExport(viewer);
    const other = await server.as('VIEWER');
    const answer = await get(doc.downloadUrl, other.token);
    expect([answer.status, answer.json().error.code]).toEqual([404, 'EXPORT_NOT_FOUND']);
    // Even an ADMIN token: a document belongs to the token that asked for it.
    expect((await get(doc.downloadUrl, server.token)).status).toBe(404);
    expect((await get(doc.downloadUrl, viewer.token)).status).toBe(200);
  });

  it('refuses the bundle (an ADMIN export) to a VIEWER with 403 FORBIDDEN, audited as DENIED', async () => {
    const bundle = (await server.data(`{ bundleExport { ${DOCUMENT} } }`)).bundleExport;
    const answer = await get(bundle.downloadUrl, viewer.token);
    expect([answer.status, answer.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const audit = await server.data(`{ auditLog(filter: { actions: ["exportDownload"], outcomes: [DENIED] }) { totalCount } }`);
    expect(audit.auditLog.totalCount).toBe(1);
    expect((await get(bundle.downloadUrl, server.token)).status).toBe(200);
  });

  it('answers 404 EXPORT_NOT_FOUND for an unknown or malformed id, and when the file is gone from disk', async () => {
    for (const path of [`/v1/exports/${randomBytes(16).toString('hex')}`, '/v1/exports/..%2Fcrosswalk.db', '/v1/exports/ABC']) {
      const answer = await get(path, viewer.token);
      expect([path, answer.status, answer.json().error.code]).toEqual([path, 404, 'EXPORT_NOT_FOUND']);
    }
    const doc = await mappingsExport(viewer);
    rmSync(fileOf(doc.downloadUrl));
    const answer = await get(doc.downloadUrl, viewer.token);
    expect([answer.status, answer.json().error.code]).toEqual([404, 'EXPORT_NOT_FOUND']);
  });

  it('answers 401 once the token that asked is revoked', async () => {
    const created = await server.data(`mutation { tokenCreate(input: { name: "export-revoked", role: VIEWER }) { token { id } secret } }`);
    const client = server.withToken(created.tokenCreate.secret);
    const doc = await mappingsExport(client);
    expect((await get(doc.downloadUrl, client.token)).status).toBe(200);
    await server.data(`mutation($id: ID!) { tokenRevoke(input: { id: $id }) { userErrors { message } } }`, { id: created.tokenCreate.token.id });
    expect((await get(doc.downloadUrl, client.token)).status).toBe(401);
  });
});

describe('documents nobody downloads do not pile up', () => {
  it('expires a document at expiresAt: no longer served, and its file removed at the next sweep', async () => {
    const doc = await mappingsExport(viewer);
    server.tick(DEFAULT_EXPORT_TTL_MS - 1);
    expect((await get(doc.downloadUrl, viewer.token)).status).toBe(200);
    server.tick(1);
    expect((await get(doc.downloadUrl, viewer.token)).status).toBe(404);
    expect(existsSync(fileOf(doc.downloadUrl))).toBe(true);
    await server.instance.services.exports.registry.sweep();
    expect(existsSync(fileOf(doc.downloadUrl))).toBe(false);
  });

  it(`keeps at most ${MAX_EXPORTS_PER_OWNER} documents per token: one more removes its oldest`, async () => {
    const client = await server.as('VIEWER');
    const docs = [];
    for (let i = 0; i <= MAX_EXPORTS_PER_OWNER; i++) docs.push(await mappingsExport(client));
    const [oldest, ...kept] = docs;
    expect(existsSync(fileOf(oldest.downloadUrl))).toBe(false);
    expect((await get(oldest.downloadUrl, client.token)).status).toBe(404);
    for (const doc of kept) expect(existsSync(fileOf(doc.downloadUrl))).toBe(true);
  });

  it('removes files nothing records (an earlier process) once they are older than the expiry', async () => {
    const dir = join(server.dataDir, 'exports');
    mkdirSync(dir, { recursive: true });
    const stale = join(dir, randomBytes(16).toString('hex'));
    const fresh = join(dir, randomBytes(16).toString('hex'));
    writeFileSync(stale, 'left over');
    writeFileSync(fresh, 'being written by a CLI run');
    const old = (Date.now() - DEFAULT_EXPORT_TTL_MS - 60_000) / 1000;
    utimesSync(stale, old, old);
    await server.instance.services.exports.registry.sweep(true);
    expect([existsSync(stale), existsSync(fresh)]).toEqual([false, true]);
  });
});
