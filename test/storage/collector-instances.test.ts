/**
 * Garbage collection with several instances on one PostgreSQL database (issue #15): a collection
 * holds a database lock, so two instances never collect at once; and a collector on one instance
 * never deletes a file another instance is uploading or attaching. Two servers share one database;
 * the races are made deterministic by holding, from a connection of the test, the write lock
 * every write transaction takes (or the `blobs` table an upload writes), and by watching
 * `pg_locks` until the instances wait where the test wants them; no sleeps.
 */
import http from 'node:http';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { forOperation } from '../../src/services/operation-scope.js';
import { startTestServer, type GraphQLClient, type TestServer } from '../support/server.js';
import { createPostgresDatabase, type TestDatabase } from '../support/postgres.js';
import { attach, createControl, eventually, get, put, randomFile, sha256, storedFiles, upload } from '../evidence-files/helpers.js';
import { WRITE_LOCK } from '../../src/db/pg-store.js';

const HOUR = 3_600_000;

let database: TestDatabase;
let a: TestServer;
let b: TestServer;
/** How far instance B's clock is ahead of A's (B's collector then sees A's uploads as older). */
let skewB = 0;
/** An ADMIN token valid on both instances, and clients with it. */
let admin: GraphQLClient;
let onA: { url: string; token: string } & GraphQLClient;
let onB: { url: string; token: string } & GraphQLClient;
let control: string;

beforeAll(async () => {
  database = await createPostgresDatabase();
  const env = { CROSSWALK_DATABASE_URL: database.url };
  a = await startTestServer({ env });
  b = await startTestServer({ env, clock: () => new Date(Date.now() + skewB) });
  // B's start replaced the bootstrap ADMIN token (one per database): a token of B's serves both.
  admin = await b.as('ADMIN');
  onA = { ...a.withToken(admin.token), url: a.url };
  onB = { ...b.withToken(admin.token), url: b.url };
  control = await createControl(onA, 'GC-INST-01');
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await database?.drop();
});

/** A connection of the test's own, for holding locks. */
let holder: pg.Client;
beforeEach(async () => {
  skewB = 0;
  holder = new pg.Client({ connectionString: database.url });
  await holder.connect();
});
afterEach(async () => {
  await holder.query('ROLLBACK').catch(() => undefined);
  await holder.end();
});

const gc = (server: TestServer, graceMs: number) => server.instance.services.evidenceFiles.collectGarbage(forOperation(CLI_ACTOR, 'blobs.gc'), { graceMs });
const files = () => storedFiles({ dataDir: a.dataDir, databaseUrl: database.url });
/** Until `n` transactions wait for an advisory lock (the write lock the test holds). */
const waitingForWriteLock = (n: number) =>
  eventually(async () => {
    const found = await holder.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
    expect(found.rows[0]!.n).toBe(n);
  }, 60_000);
/** Holds the write lock of every instance until COMMIT or ROLLBACK on `holder`. */
async function holdWriteLock() {
  await holder.query('BEGIN');
  await holder.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
}

describe('garbage collection with two instances on one database', () => {
  it('runs on one instance at a time: the other gets CONFLICT while a collection is under way', async () => {
    await holdWriteLock();
    // A's collection takes the collection lock, then waits for the write lock the test holds.
    const first = gc(a, HOUR);
    await waitingForWriteLock(1);
    const second = await gc(b, HOUR);
    expect(second.ok).toBe(false);
    expect(!second.ok && second.errors).toEqual([expect.objectContaining({ code: 'CONFLICT', message: expect.stringContaining('another instance is collecting') })]);
    await holder.query('COMMIT');
    expect((await first).ok).toBe(true);
    // Once A's run is over, B may collect.
    expect((await gc(b, HOUR)).ok).toBe(true);
  });

  it('never deletes a file another instance is attaching: the attach queued first wins, the collector keeps the file', async () => {
    const attached = await upload(onA, randomFile(300));
    const unattached = await upload(onA, randomFile(400));
    // On B's clock both uploads are two hours old: past a grace of one hour.
    skewB = 2 * HOUR;
    await holdWriteLock();
    const attaching = attach(onA, { controlIds: [control], sha256: attached, filename: 'kept.bin' });
    await waitingForWriteLock(1);
    const collecting = gc(b, HOUR);
    await waitingForWriteLock(2);
    await holder.query('COMMIT');

    expect((await attaching).evidence).toMatchObject({ sha256: attached });
    const collected = await collecting;
    // Files other tests left unattached may go too; never the one just attached.
    const removed = collected.ok ? collected.value.removed.map((r) => r.sha256) : [];
    expect(removed).toContain(unattached);
    expect(removed).not.toContain(attached);
    expect(await files().list()).toContain(attached);
    expect(await files().list()).not.toContain(unattached);
    const download = await get(onB, attached);
    expect([download.status, sha256(download.bytes)]).toEqual([200, attached]);
  });

  it('never deletes a file another instance has stored but not yet recorded: the collector waits for the upload to commit', async () => {
    const bytes = randomFile(5000);
    // The upload on A installs its file, then waits to write its `blobs` row (the table is held).
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE blobs IN SHARE MODE');
    const uploading = put(onA, bytes);
    await eventually(async () => expect(await files().list()).toContain(sha256(bytes)), 60_000);
    // B's collector (grace 1 h) now waits for the write lock A's upload holds.
    const collecting = gc(b, HOUR);
    await waitingForWriteLock(1);
    await holder.query('COMMIT');

    expect((await uploading).status).toBe(201);
    const collected = await collecting;
    expect(collected.ok && collected.value).toMatchObject({ removed: [], unrecordedFilesRemoved: 0 });
    expect(await files().list()).toContain(sha256(bytes));
    expect((await attach(onB, { controlIds: [control], sha256: sha256(bytes), filename: 'recorded.bin' })).evidence).toMatchObject({ sha256: sha256(bytes) });
  });

  it('never deletes an upload still being received on another instance, even with no grace period', async () => {
    const bytes = randomFile(300_000);
    const before = await files().staging();
    let finish = () => {};
    const answer = new Promise<{ status: number }>((resolve, reject) => {
      const request = http.request(`${a.url}/v1/blobs`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) },
      });
      request.on('response', (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode! }));
      });
      request.on('error', reject);
      request.write(bytes.subarray(0, 100_000));
      // The rest once the collector has run (below).
      finish = () => request.end(bytes.subarray(100_000));
    });
    await eventually(async () => expect((await files().staging()).length).toBe(before.length + 1), 60_000);

    const collected = await gc(b, 0);
    expect(collected.ok && collected.value.tempFilesRemoved).toBe(0);
    expect((await files().staging()).length).toBe(before.length + 1);
    finish();
    expect((await answer).status).toBe(201);
    expect(await files().list()).toContain(sha256(bytes));
  });
});
