/** PUT /v1/blobs over real HTTP against a real file store (a directory, or the PostgreSQL database): every success and error case. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testBackend, type TestServer } from '../support/server.js';
import { createPostgresDatabase } from '../support/postgres.js';
import { auditEntries, blobFile, eventually, put, randomFile, sha256, storedFiles } from './helpers.js';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../../src/domain/blobs.js';
import { loadConfig } from '../../src/config.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
const files = () => storedFiles(server);
afterAll(() => server.close());

const setLimit = (maxUploadBytes: number) =>
  server.instance.services.evidenceFiles.configure({ dataDir: server.dataDir, maxUploadBytes });

/** Nothing new stored, no staging left. */
async function expectNothingStored(before: string[]) {
  expect(await files().list()).toEqual(before);
  expect(await files().staging()).toEqual([]);
}

describe('PUT /v1/blobs', () => {
  it('stores new bytes content-addressed (201), answers 200 for the same bytes again and keeps one copy', async () => {
    const bytes = randomFile(200_000);
    const first = await put(server, bytes);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ sha256: sha256(bytes), size: bytes.length });
    expect(first.headers.location).toBe(`/v1/blobs/${sha256(bytes)}`);
    expect((await files().read(sha256(bytes)))!.equals(bytes)).toBe(true);
    // On disk the file is readable by the server's user only (in PostgreSQL, by the database's roles).
    if (server.databaseUrl === null) expect(statSync(blobFile(server.dataDir, sha256(bytes))).mode & 0o777).toBe(0o600);

    const again = await put(server, bytes);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await files().list()).filter((f) => f === sha256(bytes))).toHaveLength(1);
    expect(await files().staging()).toEqual([]);
  });

  it('accepts a chunked body of unannounced length, and any content type but multipart', async () => {
    const parts = [randomFile(70_000), randomFile(1), randomFile(90_000)];
    const answer = await put(server, null, { chunks: parts, headers: { 'content-type': 'application/pdf' } });
    expect(answer.status).toBe(201);
    expect(answer.body.sha256).toBe(sha256(Buffer.concat(parts)));
  });

  it('checks X-Content-SHA256: a match is stored, a mismatch is a 422 and nothing is stored', async () => {
    const bytes = randomFile(1000);
    const ok = await put(server, bytes, { headers: { 'x-content-sha256': sha256(bytes).toUpperCase() } });
    expect(ok.status).toBe(201);

    const before = await files().list();
    const other = randomFile(1000);
    const bad = await put(server, other, { headers: { 'x-content-sha256': sha256(bytes) } });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'DIGEST_MISMATCH' });
    expect(bad.body.error.message).toContain(sha256(other));
    expect(bad.body.error.requestId).toEqual(expect.any(String));
    await expectNothingStored(before);

    const malformed = await put(server, other, { headers: { 'x-content-sha256': 'abc' } });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'INVALID_DIGEST_HEADER']);
    await expectNothingStored(before);
  });

  it('refuses an empty body with 400, announced or chunked', async () => {
    const before = await files().list();
    const announced = await put(server, Buffer.alloc(0));
    expect([announced.status, announced.body.error.code]).toEqual([400, 'EMPTY_BODY']);
    const chunked = await put(server, null, { chunks: [] });
    expect([chunked.status, chunked.body.error.code]).toEqual([400, 'EMPTY_BODY']);
    await expectNothingStored(before);
  });

  it('refuses more than CROSSWALK_MAX_UPLOAD_BYTES with 413: by Content-Length before reading, or while streaming', async () => {
    setLimit(100_000);
    try {
      const before = await files().list();
      const exact = randomFile(100_000);
      expect((await put(server, exact)).status).toBe(201);
      const stored = await files().list();

      const announced = await put(server, randomFile(100_001));
      expect([announced.status, announced.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      expect(announced.headers.connection).toBe('close');

      const chunked = await put(server, null, { chunks: Array.from({ length: 8 }, () => randomFile(20_000)) });
      expect([chunked.status, chunked.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      expect(chunked.body.error.message).toContain('100000');

      // A client that lies about the length: the limit still holds while streaming.
      expect(stored).toEqual([...before, sha256(exact)].sort());
      await expectNothingStored(stored);
    } finally {
      setLimit(DEFAULT_MAX_UPLOAD_BYTES);
    }
  });

  it('reads the limit from CROSSWALK_MAX_UPLOAD_BYTES (default 100 MiB) and refuses nonsense', () => {
    expect(loadConfig({}).maxUploadBytes).toBe(100 * 1024 * 1024);
    expect(loadConfig({ CROSSWALK_MAX_UPLOAD_BYTES: '5000' }).maxUploadBytes).toBe(5000);
    expect(() => loadConfig({ CROSSWALK_MAX_UPLOAD_BYTES: '10MB' })).toThrow(/CROSSWALK_MAX_UPLOAD_BYTES/);
    expect(() => loadConfig({ CROSSWALK_MAX_UPLOAD_BYTES: '0' })).toThrow(/CROSSWALK_MAX_UPLOAD_BYTES/);
  });

  it('refuses multipart forms and encoded bodies with 415', async () => {
    const before = await files().list();
    const form = await put(server, randomFile(100), { headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    expect([form.status, form.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const gzip = await put(server, randomFile(100), { headers: { 'content-encoding': 'gzip' } });
    expect([gzip.status, gzip.body.error.code]).toEqual([415, 'UNSUPPORTED_ENCODING']);
    await expectNothingStored(before);
  });

  it('needs a token (401) and the EVIDENCE_CONTRIBUTE permission (403, audited as DENIED)', async () => {
    const before = await files().list();
    const anonymous = await put(server, randomFile(100), { token: null });
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const viewer = await server.as('VIEWER');
    const denied = await put(server, randomFile(100), { token: viewer.token });
    expect([denied.status, denied.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const reviewer = await server.as('REVIEWER');
    expect((await put(server, randomFile(100), { token: reviewer.token })).status).toBe(403);
    await expectNothingStored(before);
    const entries = await auditEntries(server, { actions: ['blobUpload'], outcomes: ['DENIED'] });
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries[0].after).toMatchObject({ permission: 'EVIDENCE_CONTRIBUTE', method: 'PUT' });

    const contributor = await server.as('CONTRIBUTOR');
    const bytes = randomFile(100);
    expect((await put(server, bytes, { token: contributor.token })).status).toBe(201);
  });

  it('records each upload in the audit trail (blobUpload, SUCCESS)', async () => {
    const bytes = randomFile(321);
    await put(server, bytes);
    await put(server, bytes);
    const entries = (await auditEntries(server, { actions: ['blobUpload'], outcomes: ['SUCCESS'] })).filter(
      (e) => e.after.sha256 === sha256(bytes),
    );
    expect(entries.map((e) => e.after)).toEqual([
      { sha256: sha256(bytes), size: 321, created: true },
      { sha256: sha256(bytes), size: 321, created: false },
    ]);
  });

  it('leaves no blob and no temp file when the client disconnects mid-upload', async () => {
    const before = await files().list();
    await new Promise<void>((resolve, reject) => {
      const request = http.request(`${server.url}/v1/blobs`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${server.token}`, 'content-length': '1000000' },
      });
      request.on('error', () => undefined);
      request.write(randomFile(300_000));
      setTimeout(() => {
        files()
          .staging()
          .then((staging) => {
            expect(staging).toHaveLength(1); // the upload is in progress
            request.destroy();
            resolve();
          })
          .catch(reject);
      }, 300);
    });
    await eventually(() => expectNothingStored(before));
    // The server is fine afterwards.
    expect((await put(server, randomFile(10))).status).toBe(201);
  });

  it('answers other methods with a JSON 405 and unknown paths with a JSON 404', async () => {
    const post = await fetch(`${server.url}/v1/blobs`, { method: 'POST', body: 'x', headers: { authorization: `Bearer ${server.token}` } });
    expect([post.status, post.headers.get('allow'), (await post.json()).error.code]).toEqual([405, 'PUT', 'METHOD_NOT_ALLOWED']);
    const del = await fetch(`${server.url}/v1/blobs/${'a'.repeat(64)}`, { method: 'DELETE', headers: { authorization: `Bearer ${server.token}` } });
    expect(del.status).toBe(405);
    const deeper = await fetch(`${server.url}/v1/blobs/a/b`, { headers: { authorization: `Bearer ${server.token}` } });
    expect([deeper.status, (await deeper.json()).error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('removes stray temp files at start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crosswalk-stray-'));
    // Both servers on one database: on PostgreSQL a database of this test's own.
    const database = testBackend() === 'postgres' ? await createPostgresDatabase() : null;
    const env: Record<string, string> = database ? { CROSSWALK_DATABASE_URL: database.url } : {};
    try {
      const first = await startTestServer({ dataDir, env });
      await first.close();
      // Left by a crash two hours ago. (A younger one is kept on PostgreSQL, where other instances
      // may be uploading: docs/postgresql.md, "Evidence files on PostgreSQL".)
      const target = { dataDir, databaseUrl: database?.url ?? null };
      const stray = await storedFiles(target).plantStaging(2 * 3_600_000);
      expect(await storedFiles(target).staging()).toEqual([stray]);
      const restarted = await startTestServer({ dataDir, env });
      expect(await storedFiles(target).staging()).toEqual([]);
      await restarted.close();
    } finally {
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
