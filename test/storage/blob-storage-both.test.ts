/**
 * The evidence file stores, without HTTP: the same behaviour tests run against the directory store
 * (blob-store.ts) and the PostgreSQL store (pg-blob-store.ts, on a real PostgreSQL from
 * test/support/postgres.ts). What only the database store has (chunks, the collection lock, a
 * replacement during a read) is tested after them; the crash and memory tests are in
 * pg-blob-store.test.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UploadError, type BlobStorage } from '../../src/storage/blob-storage.js';
import { BlobStore } from '../../src/storage/blob-store.js';
import { createBlobStorage } from '../../src/storage/create-blob-storage.js';
import { CHUNK_BYTES, PostgresBlobStore } from '../../src/storage/pg-blob-store.js';
import { VerifyingStream } from '../../src/storage/verifying-stream.js';
import { createMigratedDatabase, startPostgres, type TestDatabase, type TestPostgres } from '../support/postgres.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
async function* chunks(buffer: Buffer, size: number) {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}
const HOUR = 3_600_000;

/** One store under test, with what the tests need to look behind it. */
interface Backend {
  store: BlobStorage;
  /** Uploads received and neither installed nor discarded. */
  staging(): Promise<number>;
  /** Makes every staged upload look untouched for `ms`. */
  ageStaging(ms: number): Promise<void>;
  /** Changes one byte of the stored copy. */
  corrupt(sha256: string): Promise<void>;
}

let server: TestPostgres;
let database: TestDatabase;
let pool: pg.Pool;
let sql: pg.Client;
beforeAll(async () => {
  server = await startPostgres();
  database = await createMigratedDatabase(server);
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
});
afterAll(async () => {
  await sql?.end();
  await pool?.end();
  await database?.drop();
  await server?.stop();
});

const backends: Record<'directory' | 'postgres', () => Promise<{ backend: Backend; cleanup(): Promise<void> }>> = {
  directory: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosswalk-blobstorage-'));
    const store = createBlobStorage({ kind: 'directory', dataDir: dir }) as BlobStore;
    await store.ensureDirectories();
    return {
      backend: {
        store,
        staging: async () => readdirSync(store.tempDir).length,
        ageStaging: async (ms) => {
          const then = new Date(Date.now() - ms);
          for (const name of readdirSync(store.tempDir)) utimesSync(join(store.tempDir, name), then, then);
        },
        corrupt: async (sha256) => {
          const bytes = await collect(await store.openRead(sha256));
          bytes[0]! ^= 1;
          writeFileSync(store.pathOf(sha256), bytes);
        },
      },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
  postgres: async () => {
    await sql.query('TRUNCATE blob_files CASCADE');
    return {
      backend: {
        store: createBlobStorage({ kind: 'postgres', pool }),
        staging: async () => Number((await sql.query(`SELECT count(*) AS n FROM blob_files WHERE sha256 IS NULL`)).rows[0].n),
        ageStaging: async (ms) => void (await sql.query(`UPDATE blob_files SET touched_at = touched_at - $1::bigint WHERE sha256 IS NULL`, [ms])),
        corrupt: async (sha256) =>
          void (await sql.query(
            `UPDATE blob_file_chunks SET data = set_byte(data, 0, get_byte(data, 0) # 1) WHERE n = 0 AND file_id = (SELECT id FROM blob_files WHERE sha256 = $1)`,
            [sha256],
          )),
      },
      cleanup: async () => undefined,
    };
  },
};

async function collect(opened: { stream: NodeJS.ReadableStream } | null): Promise<Buffer> {
  expect(opened).not.toBeNull();
  const parts: Buffer[] = [];
  for await (const part of opened!.stream as AsyncIterable<Buffer>) parts.push(part);
  return Buffer.concat(parts);
}

async function listed(store: BlobStorage): Promise<string[]> {
  const names: string[] = [];
  for await (const name of store.listFiles()) names.push(name);
  return names;
}

describe.each(['directory', 'postgres'] as const)('the %s store', (kind) => {
  let backend: Backend;
  let store: BlobStorage;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ backend, cleanup } = await backends[kind]());
    store = backend.store;
  });
  afterEach(async () => cleanup());

  it('receives a stream into staging, then installs it under its SHA-256: size, bytes, check and listing', async () => {
    const bytes = randomBytes(2 * CHUNK_BYTES + 12_345);
    const received = await store.receive(chunks(bytes, 65_536), { maxBytes: 10 * CHUNK_BYTES });
    expect(received).toMatchObject({ sha256: sha(bytes), size: bytes.length });
    expect(await backend.staging()).toBe(1);
    expect(await store.sizeOf(sha(bytes))).toBeNull();
    expect(await listed(store)).toEqual([]);
    await store.install(received);
    expect(await backend.staging()).toBe(0);
    expect(await store.sizeOf(sha(bytes))).toBe(bytes.length);
    const opened = await store.openRead(sha(bytes));
    expect(opened?.size).toBe(bytes.length);
    expect((await collect(opened)).equals(bytes)).toBe(true);
    expect(await store.check(sha(bytes))).toEqual({ status: 'INTACT', size: bytes.length });
    expect(await listed(store)).toEqual([sha(bytes)]);
  });

  it('keeps a body cut at any size intact (chunks of the store and of the body unaligned)', async () => {
    for (const [length, piece] of [[1, 1], [CHUNK_BYTES, 1000], [CHUNK_BYTES + 1, CHUNK_BYTES], [CHUNK_BYTES - 1, 7_777]] as const) {
      const bytes = randomBytes(length);
      await store.install(await store.receive(chunks(bytes, piece), { maxBytes: 2 * CHUNK_BYTES }));
      expect((await collect(await store.openRead(sha(bytes)))).equals(bytes), `${length} bytes in pieces of ${piece}`).toBe(true);
      expect(await store.check(sha(bytes))).toEqual({ status: 'INTACT', size: length });
    }
  });

  it('refuses a body too large, empty, with another hash, or that fails, and keeps nothing of it', async () => {
    const bytes = randomBytes(CHUNK_BYTES + 300_000);
    await expect(store.receive(chunks(bytes, 10_000), { maxBytes: bytes.length - 1 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    await expect(store.receive(chunks(Buffer.alloc(0), 1), { maxBytes: 10 })).rejects.toMatchObject({ code: 'EMPTY_BODY' });
    await expect(store.receive(chunks(bytes, 10_000), { maxBytes: 1e9, expectedSha256: sha(Buffer.from('x')) })).rejects.toBeInstanceOf(UploadError);
    async function* failing() {
      yield bytes.subarray(0, CHUNK_BYTES + 1000);
      throw new Error('aborted');
    }
    await expect(store.receive(failing(), { maxBytes: 1e9 })).rejects.toThrow('aborted');
    expect(await backend.staging()).toBe(0);
    expect(await listed(store)).toEqual([]);
    const expected = await store.receive(chunks(bytes, 10_000), { maxBytes: 1e9, expectedSha256: sha(bytes) });
    await store.discard(expected);
    expect(await backend.staging()).toBe(0);
    expect(await store.sizeOf(sha(bytes))).toBeNull();
  });

  it('keeps one copy of the same bytes uploaded twice, and a verified upload repairs a corrupt copy', async () => {
    const bytes = randomBytes(CHUNK_BYTES + 5);
    await store.install(await store.receive(chunks(bytes, 100_000), { maxBytes: 1e9 }));
    await store.install(await store.receive(chunks(bytes, 65_536), { maxBytes: 1e9 }));
    expect(await listed(store)).toEqual([sha(bytes)]);
    expect(await backend.staging()).toBe(0);
    await backend.corrupt(sha(bytes));
    const check = await store.check(sha(bytes));
    expect(check).toMatchObject({ status: 'CORRUPT', size: bytes.length });
    expect(check.status === 'CORRUPT' && check.actualSha256).not.toBe(sha(bytes));
    await store.install(await store.receive(chunks(bytes, 65_536), { maxBytes: 1e9 }));
    expect(await store.check(sha(bytes))).toEqual({ status: 'INTACT', size: bytes.length });
    expect((await collect(await store.openRead(sha(bytes)))).equals(bytes)).toBe(true);
  });

  it('never delivers the whole of a corrupt copy through the download verifier', async () => {
    const bytes = randomBytes(2 * CHUNK_BYTES + 1);
    await store.install(await store.receive(chunks(bytes, 65_536), { maxBytes: 1e9 }));
    await backend.corrupt(sha(bytes));
    const opened = await store.openRead(sha(bytes));
    let received = 0;
    let mismatch: unknown = null;
    const verifier = new VerifyingStream(sha(bytes), opened!.size, (found) => void (mismatch = found));
    const sink = new Writable({ write: (c: Buffer, _e, cb) => ((received += c.length), cb()) });
    await expect(pipeline(opened!.stream as Readable, verifier, sink)).rejects.toThrow(/corrupt/);
    expect(received).toBeLessThan(bytes.length);
    expect(mismatch).toMatchObject({ size: bytes.length });
  });

  it('removes a stored file: missing afterwards, a second removal finds nothing', async () => {
    const bytes = randomBytes(1000);
    await store.install(await store.receive(chunks(bytes, 100), { maxBytes: 1e9 }));
    expect(await store.remove(sha(bytes))).toBe(true);
    expect(await store.check(sha(bytes))).toEqual({ status: 'MISSING' });
    expect(await store.sizeOf(sha(bytes))).toBeNull();
    expect(await store.openRead(sha(bytes))).toBeNull();
    expect(await store.remove(sha(bytes))).toBe(false);
    expect(await listed(store)).toEqual([]);
  });

  it('lists stored files in ascending order of hash', async () => {
    const all = Array.from({ length: 5 }, () => randomBytes(100));
    for (const bytes of all) await store.install(await store.receive(chunks(bytes, 30), { maxBytes: 1e9 }));
    expect(await listed(store)).toEqual(all.map(sha).sort());
  });

  it('removes staging untouched for longer than asked, never a recent upload, and the upload cannot be installed then', async () => {
    const bytes = randomBytes(CHUNK_BYTES + 10);
    const received = await store.receive(chunks(bytes, 65_536), { maxBytes: 1e9 });
    expect(await store.removeStrayTemps({ olderThanMs: HOUR })).toBe(0);
    await backend.ageStaging(2 * HOUR);
    expect(await store.removeStrayTemps({ olderThanMs: HOUR })).toBe(1);
    expect(await backend.staging()).toBe(0);
    await expect(store.install(received)).rejects.toThrow();
    expect(await store.sizeOf(sha(bytes))).toBeNull();
  });

  it('runs a collection under the store’s lock', async () => {
    expect(await store.exclusively(async () => 42)).toEqual({ ran: true, value: 42 });
    await expect(store.exclusively(async () => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    expect(await store.exclusively(async () => 'again')).toEqual({ ran: true, value: 'again' });
  });
});

describe('the PostgreSQL store', () => {
  let store: PostgresBlobStore;
  beforeEach(async () => {
    await sql.query('TRUNCATE blob_files CASCADE');
    store = new PostgresBlobStore(pool);
  });
  const copies = async (sha256: string) =>
    (await sql.query(`SELECT f.id, count(c.n)::int AS chunks FROM blob_files f LEFT JOIN blob_file_chunks c ON c.file_id = f.id WHERE f.sha256 = $1 GROUP BY f.id`, [sha256])).rows as {
      chunks: number;
    }[];

  it('stores chunks of 1 MiB, and keeps one copy (with its chunks) when the same bytes come again', async () => {
    const bytes = randomBytes(3 * CHUNK_BYTES + 1);
    await store.install(await store.receive(chunks(bytes, 65_536), { maxBytes: 1e9 }));
    await store.install(await store.receive(chunks(bytes, 50_000), { maxBytes: 1e9 }));
    expect(await copies(sha(bytes))).toEqual([expect.objectContaining({ chunks: 4 })]);
    const sizes = (await sql.query(`SELECT n, octet_length(data) AS size FROM blob_file_chunks ORDER BY n`)).rows;
    expect(sizes).toEqual([0, 1, 2, 3].map((n) => ({ n, size: n < 3 ? CHUNK_BYTES : 1 })));
    expect(Number((await sql.query(`SELECT count(*) AS n FROM blob_files`)).rows[0].n)).toBe(1);
  });

  it('detects a chunk changed, lost or truncated (check, and the size a download compares)', async () => {
    const bytes = randomBytes(3 * CHUNK_BYTES);
    const hash = sha(bytes);
    await store.install(await store.receive(chunks(bytes, 65_536), { maxBytes: 1e9 }));
    const chunk = (n: number) => `n = ${n} AND file_id = (SELECT id FROM blob_files WHERE sha256 = '${hash}')`;
    await sql.query(`UPDATE blob_file_chunks SET data = set_byte(data, 1000, get_byte(data, 1000) # 128) WHERE ${chunk(2)}`);
    expect(await store.check(hash)).toMatchObject({ status: 'CORRUPT', size: bytes.length });
    expect((await store.openRead(hash))?.size).toBe(bytes.length);
    await sql.query(`UPDATE blob_file_chunks SET data = substring(data FROM 1 FOR 10) WHERE ${chunk(2)}`);
    expect(await store.check(hash)).toMatchObject({ status: 'CORRUPT', size: 2 * CHUNK_BYTES + 10 });
    expect((await store.openRead(hash))?.size).toBe(2 * CHUNK_BYTES + 10);
    await sql.query(`DELETE FROM blob_file_chunks WHERE ${chunk(1)}`);
    expect(await store.check(hash)).toMatchObject({ status: 'CORRUPT', size: CHUNK_BYTES + 10 });
    expect((await collect(await store.openRead(hash))).length).toBe(CHUNK_BYTES);
    expect(await store.sizeOf(hash)).toBe(bytes.length);
  });

  it('a download in progress is not disturbed when the same bytes are uploaded again (the copy replaced)', async () => {
    const bytes = randomBytes(4 * CHUNK_BYTES);
    await store.install(await store.receive(chunks(bytes, 65_536), { maxBytes: 1e9 }));
    const before = (await copies(sha(bytes)))[0];
    const opened = await store.openRead(sha(bytes));
    const parts: Buffer[] = [];
    let replaced = false;
    for await (const part of opened!.stream as AsyncIterable<Buffer>) {
      parts.push(part);
      if (!replaced) {
        await store.install(await store.receive(chunks(bytes, 100_000), { maxBytes: 1e9 }));
        replaced = true;
      }
    }
    expect((await copies(sha(bytes)))[0]).not.toEqual(before);
    expect(Buffer.concat(parts).equals(bytes)).toBe(true);
  });

  it('installs the same bytes from concurrent uploads without a conflict, keeping one copy', async () => {
    const bytes = randomBytes(CHUNK_BYTES + 3);
    const received = await Promise.all([1, 2, 3].map(() => store.receive(chunks(bytes, 65_536), { maxBytes: 1e9 })));
    await Promise.all(received.map((file) => store.install(file)));
    expect(await copies(sha(bytes))).toEqual([expect.objectContaining({ chunks: 2 })]);
    expect(Number((await sql.query(`SELECT count(*) AS n FROM blob_files`)).rows[0].n)).toBe(1);
    expect(await store.check(sha(bytes))).toEqual({ status: 'INTACT', size: bytes.length });
  });

  it('lets one collection run at a time across connections (another instance gets ran: false)', async () => {
    const otherPool = new pg.Pool({ connectionString: database.url, max: 2 });
    const other = new PostgresBlobStore(otherPool);
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let running = false;
      const first = store.exclusively(async () => {
        running = true;
        await held;
        return 'first';
      });
      while (!running) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await other.exclusively(async () => 'second')).toEqual({ ran: false });
      release();
      expect(await first).toEqual({ ran: true, value: 'first' });
      expect(await other.exclusively(async () => 'after')).toEqual({ ran: true, value: 'after' });
    } finally {
      await otherPool.end();
    }
  });

  it('without an age, at start, removes only staging untouched for an hour (other instances may be uploading)', async () => {
    await store.receive(chunks(randomBytes(10), 10), { maxBytes: 1e9 });
    expect(await store.removeStrayTemps()).toBe(0);
    await sql.query(`UPDATE blob_files SET touched_at = touched_at - 3600001`);
    expect(await store.removeStrayTemps()).toBe(1);
    expect(Number((await sql.query(`SELECT count(*) AS n FROM blob_file_chunks`)).rows[0].n)).toBe(0);
  });

  it('lists every stored file across pages', async () => {
    await sql.query(
      `INSERT INTO blob_files (sha256, size_bytes, started_at, touched_at) SELECT encode(sha256(i::text::bytea), 'hex'), 1, 0, 0 FROM generate_series(1, 2345) i`,
    );
    const expected = (await sql.query(`SELECT sha256 FROM blob_files ORDER BY sha256`)).rows.map((r: { sha256: string }) => r.sha256);
    expect(expected).toHaveLength(2345);
    expect(await listed(store)).toEqual(expected);
  });
});
