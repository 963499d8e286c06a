/**
 * The PostgreSQL file store under load and crashes, on a real PostgreSQL (test/support/postgres.ts):
 * - a 100 MiB file streamed in and out with the process's live memory (heap and buffers, measured
 *   after a full collection every 2 MiB) staying within 40 MiB of where it started;
 * - a process killed with SIGKILL in the middle of an upload leaves staging only: no stored file,
 *   removed as stale later; killed while it uploads and installs file after file, every file it
 *   acknowledged is stored intact and no stored file is half-written.
 * The behaviour both stores share is tested in blob-storage-both.test.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_BYTES, PostgresBlobStore } from '../../src/storage/pg-blob-store.js';
import { createMigratedDatabase, startPostgres, type TestDatabase, type TestPostgres } from '../support/postgres.js';

const MIB = 1024 * 1024;
const HOUR = 3_600_000;

let server: TestPostgres;
let database: TestDatabase;
let pool: pg.Pool;
let store: PostgresBlobStore;
const query = async <T>(text: string, params: unknown[] = []): Promise<T[]> => (await pool.query(text, params)).rows as T[];
const count = async (text: string): Promise<number> => Number((await query<{ n: string }>(text))[0]!.n);

beforeAll(async () => {
  server = await startPostgres();
  database = await createMigratedDatabase(server);
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  store = new PostgresBlobStore(pool);
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
  await server?.stop();
});
beforeEach(async () => {
  await pool.query('TRUNCATE blob_files CASCADE');
});

/** A full garbage collection, then the memory still in use: the heap and memory outside it (Buffers). */
v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
function liveBytes(): number {
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

describe('a 100 MiB file', () => {
  // Generous: on a loaded machine the transfer and the collections take minutes; only a hang should end it.
  it('streams in and out with live memory bounded (never the whole file in memory)', { timeout: 600_000 }, async () => {
    const size = 100 * MIB;
    const piece = 64 * 1024;
    const samples: number[] = [];
    const baseline = liveBytes();
    const sent = createHash('sha256');
    async function* body(): AsyncGenerator<Buffer> {
      for (let offset = 0; offset < size; offset += piece) {
        const bytes = randomBytes(piece);
        sent.update(bytes);
        if (offset % (2 * MIB) === 0) samples.push(liveBytes() - baseline);
        yield bytes;
      }
    }
    const received = await store.receive(body(), { maxBytes: size });
    await store.install(received);
    const sha256 = sent.digest('hex');
    expect(received).toEqual({ staging: expect.any(String), sha256, size });

    const opened = await store.openRead(sha256);
    expect(opened?.size).toBe(size);
    const read = createHash('sha256');
    let readBytes = 0;
    for await (const chunk of opened!.stream as AsyncIterable<Buffer>) {
      read.update(chunk);
      readBytes += chunk.length;
      if (readBytes % (2 * MIB) === 0) samples.push(liveBytes() - baseline);
    }
    expect(readBytes).toBe(size);
    expect(read.digest('hex')).toBe(sha256);
    expect(samples.length).toBe(100);
    expect(Math.max(...samples)).toBeLessThan(40 * MIB);
    expect(await count(`SELECT count(*) AS n FROM blob_file_chunks`)).toBe(100);
  });
});

/** A child process uploading into the store (support/upload-child.ts); its stdout lines as they come. */
function uploader(mode: 'endless' | 'files'): { child: ChildProcess; lines: string[]; exited: Promise<unknown> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/storage/support/upload-child.ts', mode], {
    env: { ...process.env, CROSSWALK_TEST_DATABASE_URL: database.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let rest = '';
  let errors = '';
  child.stdout!.on('data', (data: Buffer) => {
    const parts = (rest + data.toString()).split('\n');
    rest = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on('data', (data: Buffer) => void (errors += data.toString()));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, errors })));
  return { child, lines, exited };
}

/** Waits until `ready()` holds (or the child exits, which fails the test). */
async function until(ready: () => Promise<boolean> | boolean, exited: Promise<unknown>): Promise<void> {
  let gone: unknown = null;
  void exited.then((how) => (gone = how));
  while (!(await ready())) {
    if (gone) throw new Error(`the uploader exited early: ${JSON.stringify(gone)}`);
    await sleep(20);
  }
}

/** Kills the uploader, then waits until the server has ended its sessions (a COMMIT it sent is then decided). */
async function kill(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  child.kill('SIGKILL');
  expect(await exited).toMatchObject({ signal: 'SIGKILL' });
  while ((await count(`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'crosswalk-test-uploader'`)) > 0) await sleep(20);
}

describe('a process killed while uploading', () => {
  it('in the middle of an upload leaves staging only, which is removed once stale', async () => {
    const { child, exited } = uploader('endless');
    await until(async () => (await count(`SELECT count(*) AS n FROM blob_file_chunks`)) >= 3, exited);
    await kill(child, exited);

    expect(await query(`SELECT sha256 FROM blob_files`)).toEqual([{ sha256: null }]);
    const listed: string[] = [];
    for await (const name of store.listFiles()) listed.push(name);
    expect(listed).toEqual([]);
    expect(await store.removeStrayTemps({ olderThanMs: HOUR })).toBe(0);
    await pool.query(`UPDATE blob_files SET touched_at = touched_at - $1::bigint`, [2 * HOUR]);
    expect(await store.removeStrayTemps({ olderThanMs: HOUR })).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM blob_file_chunks`)).toBe(0);
  });

  it('file after file: every acknowledged file is stored intact, no stored file is half-written', async () => {
    const acknowledged = new Set<string>();
    // Killed at different moments after its second acknowledged file: inside a receive or an install.
    for (const delayMs of [0, 45, 160]) {
      const { child, lines, exited } = uploader('files');
      await until(() => lines.filter((l) => l.startsWith('installed ')).length >= 2, exited);
      await sleep(delayMs);
      await kill(child, exited);
      for (const line of lines) if (line.startsWith('installed ')) acknowledged.add(line.slice('installed '.length));
    }
    const stored = (await query<{ sha256: string; size: string; chunks: string; bytes: string }>(
      `SELECT f.sha256, f.size_bytes AS size, count(c.n) AS chunks, coalesce(sum(octet_length(c.data)), 0) AS bytes
         FROM blob_files f LEFT JOIN blob_file_chunks c ON c.file_id = f.id WHERE f.sha256 IS NOT NULL GROUP BY f.id`,
    )).map((r) => ({ sha256: r.sha256, size: Number(r.size), chunks: Number(r.chunks), bytes: Number(r.bytes) }));
    expect(acknowledged.size).toBeGreaterThanOrEqual(6);
    expect([...acknowledged].filter((sha) => !stored.some((s) => s.sha256 === sha))).toEqual([]);
    for (const file of stored) {
      expect(file.bytes, file.sha256).toBe(file.size);
      expect(file.chunks, file.sha256).toBe(Math.ceil(file.size / CHUNK_BYTES));
      expect(await store.check(file.sha256)).toEqual({ status: 'INTACT', size: file.size });
    }
    // What the kills interrupted is staging, removed once stale; the stored files stay.
    await pool.query(`UPDATE blob_files SET touched_at = touched_at - $1::bigint WHERE sha256 IS NULL`, [2 * HOUR]);
    await store.removeStrayTemps({ olderThanMs: HOUR });
    expect(await count(`SELECT count(*) AS n FROM blob_files WHERE sha256 IS NULL`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM blob_files`)).toBe(stored.length);
    expect(await count(`SELECT count(*) AS n FROM blob_file_chunks`)).toBe(stored.reduce((sum, f) => sum + f.chunks, 0));
  });
});
