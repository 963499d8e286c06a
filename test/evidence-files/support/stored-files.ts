/**
 * The file store of a test server as the tests see it, whichever backend holds the bytes: the
 * directory `<data dir>/blobs/` next to a SQLite database, or the tables `blob_files` and
 * `blob_file_chunks` of a PostgreSQL database (src/storage/pg-blob-store.ts). Tests list,
 * corrupt, delete and plant stored files and staging through it, behind the store's back, so the
 * same assertions run on both backends.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { CHUNK_BYTES } from '../../../src/storage/pg-blob-store.js';

/** Where a server keeps its files: `databaseUrl` null for SQLite (files under `dataDir`). */
export interface FileStoreTarget {
  dataDir: string;
  databaseUrl: string | null;
}

export interface StoredFiles {
  /** The hashes of every stored file, ascending. */
  list(): Promise<string[]>;
  /** Uploads in progress or left by a crash: temp file names on disk, staging row ids in the database. */
  staging(): Promise<string[]>;
  /** The stored bytes of `sha`, or null when there is no stored file. */
  read(sha: string): Promise<Buffer | null>;
  /** Makes `bytes` the stored file of `sha` (replacing it: a corruption; or planting an unrecorded file). */
  write(sha: string, bytes: Buffer | string): Promise<void>;
  /** Deletes the stored file of `sha` (a lost file). */
  remove(sha: string): Promise<void>;
  /** Leaves staging as a crashed upload would, last written `ageMs` ago; returns its name (as `staging()` lists it). */
  plantStaging(ageMs: number): Promise<string>;
}

/** The store of `target` (a TestServer, or a data directory and database URL). */
export function storedFiles(target: FileStoreTarget): StoredFiles {
  return target.databaseUrl === null ? directoryFiles(target.dataDir) : databaseFiles(target.databaseUrl);
}

/** Flips one bit of the stored file of `sha` (same size), at byte `at` (default: the middle). */
export async function corruptStoredFile(target: FileStoreTarget, sha: string, at?: number): Promise<void> {
  const files = storedFiles(target);
  const bytes = await files.read(sha);
  if (!bytes) throw new Error(`no stored file ${sha} to corrupt`);
  bytes[at ?? bytes.length >> 1]! ^= 1;
  await files.write(sha, bytes);
}

/** The path of the stored file of `sha` on disk (directory store only). */
export const blobFile = (dataDir: string, sha: string) => join(dataDir, 'blobs', 'sha256', sha.slice(0, 2), sha);

function directoryFiles(dataDir: string): StoredFiles {
  const root = join(dataDir, 'blobs', 'sha256');
  const temp = join(dataDir, 'blobs', 'tmp');
  return {
    async list() {
      if (!existsSync(root)) return [];
      return readdirSync(root)
        .flatMap((prefix) => readdirSync(join(root, prefix)))
        .sort();
    },
    async staging() {
      return existsSync(temp) ? readdirSync(temp).sort() : [];
    },
    async read(sha) {
      const path = blobFile(dataDir, sha);
      return existsSync(path) ? readFileSync(path) : null;
    },
    async write(sha, bytes) {
      const path = blobFile(dataDir, sha);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
    },
    async remove(sha) {
      rmSync(blobFile(dataDir, sha));
    },
    async plantStaging(ageMs) {
      mkdirSync(temp, { recursive: true });
      const name = `upload-1-${randomBytes(6).toString('hex')}`;
      const path = join(temp, name);
      writeFileSync(path, 'half an upload');
      const at = new Date(Date.now() - ageMs);
      utimesSync(path, at, at);
      return name;
    },
  };
}

/** Now on the database's clock in milliseconds (the unit of `touched_at`), as pg-blob-store.ts stamps it. */
const NOW_MS = `(extract(epoch FROM clock_timestamp()) * 1000)::bigint`;

function databaseFiles(url: string): StoredFiles {
  /** One connection per call: nothing stays open to hold up dropping the test database. */
  const using = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    list: () => using(async (c) => (await c.query<{ sha256: string }>(`SELECT sha256 FROM blob_files WHERE sha256 IS NOT NULL ORDER BY sha256`)).rows.map((r) => r.sha256)),
    staging: () => using(async (c) => (await c.query<{ id: string }>(`SELECT id::text AS id FROM blob_files WHERE sha256 IS NULL ORDER BY id`)).rows.map((r) => r.id)),
    read: (sha) =>
      using(async (c) => {
        const file = await c.query<{ id: string }>(`SELECT id::text AS id FROM blob_files WHERE sha256 = $1`, [sha]);
        if (!file.rows[0]) return null;
        const chunks = await c.query<{ data: Buffer }>(`SELECT data FROM blob_file_chunks WHERE file_id = $1 ORDER BY n`, [file.rows[0].id]);
        return Buffer.concat(chunks.rows.map((r) => r.data));
      }),
    write: (sha, bytes) =>
      using(async (c) => {
        const data = Buffer.from(bytes);
        await c.query('BEGIN');
        await c.query(`DELETE FROM blob_files WHERE sha256 = $1`, [sha]);
        const file = await c.query<{ id: string }>(
          `INSERT INTO blob_files (sha256, size_bytes, started_at, touched_at) VALUES ($1, $2, ${NOW_MS}, ${NOW_MS}) RETURNING id::text AS id`,
          [sha, data.length],
        );
        for (let n = 0; n * CHUNK_BYTES < data.length; n++) {
          await c.query(`INSERT INTO blob_file_chunks (file_id, n, data) VALUES ($1, $2, $3)`, [file.rows[0]!.id, n, data.subarray(n * CHUNK_BYTES, (n + 1) * CHUNK_BYTES)]);
        }
        await c.query('COMMIT');
      }),
    remove: (sha) =>
      using(async (c) => {
        const removed = await c.query(`DELETE FROM blob_files WHERE sha256 = $1`, [sha]);
        if (removed.rowCount !== 1) throw new Error(`no stored file ${sha} to remove`);
      }),
    plantStaging: (ageMs) =>
      using(async (c) => {
        const at = `${NOW_MS} - $1::bigint`;
        const file = await c.query<{ id: string }>(`INSERT INTO blob_files (started_at, touched_at) VALUES (${at}, ${at}) RETURNING id::text AS id`, [ageMs]);
        await c.query(`INSERT INTO blob_file_chunks (file_id, n, data) VALUES ($1, 0, $2)`, [file.rows[0]!.id, Buffer.from('half an upload')]);
        return file.rows[0]!.id;
      }),
  };
}
