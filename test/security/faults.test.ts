/**
 * Server faults and slow clients: an unexpected error never reaches the client as SQL,
 * parameters or a stack, only as a generic message with the request id (the details go to the
 * server log); slow or stalled requests are cut off with 408.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SqliteStore } from '../../src/db/sqlite-store.js';
import { openDirectDb } from '../support/direct-db.js';
import type { Store } from '../../src/db/store.js';
import { HTTP_TIMEOUTS, listen } from '../../src/http/app.js';
import { createServices } from '../../src/services/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectJsonWithoutLeaks, postJson, raw } from './support.js';
import { captureLog } from '../ops/support.js';

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('a database fault under a resolver', () => {
  let server: TestServer;
  const log = captureLog();
  beforeAll(async () => {
    server = await startTestServer({ logger: log.logger });
    // Schema drift / a damaged database: the threats table vanishes under the running server.
    const db = await openDirectDb(server);
    await db.exec(db.dialect === 'sqlite' ? 'PRAGMA foreign_keys = OFF; DROP TABLE threat_requirements; DROP TABLE threats;' : 'DROP TABLE threat_requirements, threats CASCADE');
    await db.close();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await server.close();
  });

  it('answers a generic error with the request id, and no SQL, parameters or stack', async () => {
    const answer = await postJson(server, { query: `query($s: String) { threats(filter: { search: $s }) { totalCount } }`, variables: { s: 'secret-parameter' } });
    const requestId = answer.headers.get('x-request-id');
    expect(requestId).toMatch(REQUEST_ID);
    expect(answer.json.errors).toEqual([
      {
        message: `Internal server error (request id ${requestId})`,
        path: ['threats'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
      },
    ]);
    expect(answer.text).not.toMatch(/secret-parameter|no such table|does not exist|threat_|like/i);
    expectJsonWithoutLeaks(answer);
  });

  it('logs the real error on the server under the same request id', async () => {
    const answer = await postJson(server, { query: `{ threats { totalCount } }` });
    const requestId = answer.headers.get('x-request-id');
    const errors = log.records().filter((r) => r.level === 50 && r.requestId === requestId);
    expect(errors).toEqual([expect.objectContaining({ msg: 'request failed', err: expect.objectContaining({ message: expect.stringMatching(/no such table|relation "threats" does not exist/) }) })]);
    expect(errors[0].err.stack).toMatch(/\n\s+at /);
  });
});

describe('a store closed under the running server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await server.instance.store.close();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await server.close();
  });

  it('answers a GraphQL-shaped 500 with a generic message and the request id', async () => {
    const answer = await postJson(server, { query: '{ viewer { role } }' });
    const requestId = answer.headers.get('x-request-id');
    expect([answer.status, answer.json]).toEqual([500, { errors: [{ message: 'internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] }]);
    expectJsonWithoutLeaks(answer);
  });

  it('reports not ready', async () => {
    const answer = await raw(server, { method: 'GET', path: '/readyz', token: null });
    expect([answer.status, answer.json]).toEqual([503, { status: 'not ready' }]);
  });
});

describe('slow clients', () => {
  it('uses sane defaults: headers within 20 s, the whole request within 60 s, uploads idle at most 60 s, checked every second', () => {
    expect(HTTP_TIMEOUTS).toEqual({ headersTimeoutMs: 20_000, requestTimeoutMs: 60_000, uploadIdleTimeoutMs: 60_000, connectionsCheckingIntervalMs: 1_000 });
  });

  // HTTP deadlines only: this instance runs on a SQLite file on both backends, and its temp-file
  // check is about the directory file store (docs/postgresql.md, "Not yet").
  // A dedicated instance with short timeouts, so the test takes a few seconds. The tests assert
  // what happens (408, the connection closed, no temp file) and that no timeout fires early; how
  // late it fires depends on the machine's load, so no upper bound is asserted.
  const TOKEN = 'slow-client-test-admin-token-0123456789';
  /** Timers are checked every 100 ms against the event loop's cached time: a lower bound allows that much. */
  const SLACK_MS = 100;
  let dataDir: string;
  let store: Store;
  let app: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'crosswalk-timeouts-'));
    store = SqliteStore.open(join(dataDir, 'crosswalk.db'));
    const services = createServices(store);
    await services.evidenceFiles.start({ dataDir, maxUploadBytes: 10 * 1024 * 1024 });
    await services.tokens.bootstrap(TOKEN);
    app = await listen({ store, services }, 0, '127.0.0.1', { headersTimeoutMs: 500, requestTimeoutMs: 1_000, uploadIdleTimeoutMs: 1_500, connectionsCheckingIntervalMs: 100 });
  });
  afterAll(async () => {
    await app?.stop();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Sends `data` and never finishes; resolves with what the server wrote before it closed. */
  async function stall(data: string): Promise<{ answer: string; ms: number }> {
    const port = Number(new URL(app.url).port);
    const socket = net.connect(port, '127.0.0.1');
    const started = Date.now();
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.write(data);
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    return { answer, ms: Date.now() - started };
  }

  it('answers headers that never finish (slowloris) with 408 and closes', async () => {
    const { answer, ms } = await stall('POST /graphql HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(ms).toBeGreaterThanOrEqual(500 - SLACK_MS);
  });

  it('answers a body that never finishes with 408 and closes', async () => {
    const { answer, ms } = await stall(
      `POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(ms).toBeGreaterThanOrEqual(1_000 - SLACK_MS);
  });

  /** Opens an upload of `size` bytes and returns a writer for its body. */
  function openUpload(size: number) {
    const port = Number(new URL(app.url).port);
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => {});
    socket.write(`PUT /v1/blobs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/octet-stream\r\nContent-Length: ${size}\r\n\r\n`);
    return { socket, closed, answer: () => answer };
  }
  const tempFiles = () => readdirSync(join(dataDir, 'blobs', 'tmp'));

  it('lets an upload that keeps sending take longer than the request timeout', async () => {
    const chunk = Buffer.alloc(1024, 7);
    const upload = openUpload(chunk.length * 12);
    const started = Date.now();
    for (let i = 0; i < 12; i++) {
      upload.socket.write(chunk);
      await new Promise((r) => setTimeout(r, 200)); // 2.4 s in all: over the 1 s request timeout, never idle 1.5 s
    }
    await new Promise<void>((resolve) => {
      const wait = setInterval(() => {
        if (upload.answer().includes('\r\n\r\n{')) (clearInterval(wait), resolve());
      }, 20);
    });
    upload.socket.destroy();
    expect(Date.now() - started).toBeGreaterThan(2_000);
    expect(upload.answer()).toMatch(/^HTTP\/1\.1 201 /);
    expect(upload.answer()).toContain('"size":12288');
  });

  it('ends an upload that stops sending with 408 and leaves no temp file', async () => {
    const upload = openUpload(100_000);
    upload.socket.write(Buffer.alloc(10_000, 1));
    const started = Date.now();
    await upload.closed;
    const ms = Date.now() - started;
    expect(upload.answer()).toMatch(/^HTTP\/1\.1 408 /);
    expect(upload.answer()).toContain('"code":"REQUEST_TIMEOUT"');
    expect(ms).toBeGreaterThanOrEqual(1_500 - SLACK_MS);
    for (let i = 0; i < 50 && tempFiles().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(tempFiles()).toEqual([]);
  });
});
