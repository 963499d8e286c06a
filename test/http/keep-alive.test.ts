/**
 * A keep-alive connection carries many requests; nothing a request does may stay attached to the
 * connection after its answer. A listener left on the socket per request (as the body deadlines
 * once left a 'close' listener) keeps every request and response on that connection alive until
 * it closes: under load with 20 connections the server's heap grew by more than 1 GiB a minute.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/db/pg-store.js';
import { SqliteStore } from '../../src/db/sqlite-store.js';
import type { Store } from '../../src/db/store.js';
import { listen } from '../../src/http/app.js';
import { openEvidenceFileStorage, type EvidenceFileStorage } from '../../src/services/evidence-files-storage.js';
import { createServices } from '../../src/services/index.js';
import { createPostgresDatabase, type TestDatabase } from '../support/postgres.js';
import { testBackend } from '../support/server.js';

const TOKEN = 'keep-alive-test-admin-token-0123456789';
let dataDir: string;
let store: Store;
let database: TestDatabase | undefined;
let files: EvidenceFileStorage;
let app: Awaited<ReturnType<typeof listen>>;
const sockets: Socket[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'crosswalk-keepalive-'));
  // The test backend's store (the connection handling under test is the same on both).
  if (testBackend() === 'postgres') database = await createPostgresDatabase();
  store = database ? await PostgresStore.open(database.url) : SqliteStore.open(join(dataDir, 'crosswalk.db'));
  const services = createServices(store);
  files = await openEvidenceFileStorage({ dataDir, databaseUrl: database?.url ?? null });
  await services.evidenceFiles.start({ dataDir, maxUploadBytes: 1024 * 1024, storage: files.storage });
  await services.tokens.bootstrap(TOKEN);
  app = await listen({ store, services }, 0, '127.0.0.1');
  app.httpServer.on('connection', (socket: Socket) => sockets.push(socket));
});
afterAll(async () => {
  await app?.stop();
  await store?.close();
  await files?.close();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
afterAll(() => agent.destroy());

/** One request on the shared keep-alive connection; resolves with the status once the body is read. */
function request(method: string, path: string, body?: string, token: string | null = TOKEN): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const req = http.request(new URL(path, app.url), { method, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Listeners on the server's side of the (single) connection, by event. */
function listeners(): Record<string, number> {
  expect(sockets).toHaveLength(1);
  const socket = sockets[0]!;
  return Object.fromEntries(socket.eventNames().map((name) => [String(name), socket.listenerCount(name)]));
}

/** A mix of answers: a GraphQL query, a refused token (body never parsed), a bad body, a health probe. */
async function round(): Promise<void> {
  expect(await request('POST', '/graphql', JSON.stringify({ query: '{ __typename }' }))).toBe(200);
  expect(await request('POST', '/graphql', JSON.stringify({ query: '{ __typename }' }), 'not-a-token')).toBe(401);
  expect(await request('POST', '/graphql', '{"query":')).toBe(400);
  expect(await request('GET', '/healthz')).toBe(200);
}

describe('a keep-alive connection', () => {
  it('carries no more listeners after 100 requests than after 4', async () => {
    await round();
    // Let deadline checks of requests already answered run (they are checked every second).
    await new Promise((r) => setTimeout(r, 50));
    const after4 = listeners();
    for (let i = 0; i < 25; i++) await round();
    await new Promise((r) => setTimeout(r, 50));
    expect(sockets).toHaveLength(1); // all on one connection
    expect(listeners()).toEqual(after4);
  });
});
