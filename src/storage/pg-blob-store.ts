/**
 * The content-addressed file store inside PostgreSQL: with a PostgreSQL database the evidence
 * files live in it too, so several instances share them without a shared disk, and pg_dump,
 * replicas and point-in-time recovery cover them. Two tables, PostgreSQL only
 * (src/db/schema-pg/blobs.ts): `blob_files`, one row per stored file (`sha256` set, unique) or
 * per upload in progress (`sha256` NULL: staging), and `blob_file_chunks`, its bytes in chunks of
 * CHUNK_BYTES (the last one shorter), numbered from 0.
 *
 * - receive: a staging row, then each chunk as soon as it is full, hashed as the bytes arrive.
 *   At most two chunks are in memory: one filling while the previous one is written; the body is
 *   not read further until that write is done (backpressure). Each chunk is one autocommitted
 *   statement that also touches the staging row (`touched_at`, the database's clock).
 * - install: one transaction, serialised per hash by an advisory lock, deletes the existing copy
 *   of that hash (if any, with its chunks: the new bytes were just verified, so a re-upload
 *   repairs a corrupt copy and one copy is kept) and gives the staging row the hash.
 * - A crash of the process or of its connection during an upload leaves a staging row, never a
 *   stored file; removeStrayTemps deletes staging untouched for long enough.
 * - Readers go chunk by chunk, one statement each, so a download holds no connection while the
 *   client reads. Chunks are cut at fixed offsets, so chunk n of two copies of the same bytes is
 *   the same: openRead reads by hash and a replacement meanwhile does not disturb it. `check`
 *   reads one copy in one snapshot.
 * - exclusively (garbage collection): a session advisory lock, taken with pg_try_advisory_lock
 *   on a connection held for the run, so two instances never collect at once.
 *
 * Give the store a pool of its own (at least two connections; docs/postgresql.md): `install` and
 * `remove` run, on connections of this pool and committing on their own, while their callers
 * hold the write lock, and callers waiting for that lock may hold every connection of the
 * service's pool.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Pool, PoolClient } from 'pg';
import { UploadError, type BlobStorage, type ExclusiveRun, type FileCheck, type OpenedFile, type ReceivedFile } from './blob-storage.js';

/** Bytes per chunk row. */
export const CHUNK_BYTES = 1024 * 1024;
/**
 * Staging untouched for this long is a dead upload even without `olderThanMs`: other instances
 * may be uploading, and an upload touches its row at least once per CHUNK_BYTES received.
 */
export const STALE_UPLOAD_MS = 60 * 60 * 1000;
/** Hashes listed per statement. */
const LIST_PAGE = 1000;
/** The advisory lock a garbage collection holds (every instance of Crosswalk on the database). */
const COLLECTION_LOCK = `hashtext('crosswalk blob collection')`;
/** Now on the database's clock, in milliseconds (the unit of `touched_at`). */
const NOW_MS = `(extract(epoch FROM clock_timestamp()) * 1000)::bigint`;

const WRITE_CHUNK = `WITH staging AS (UPDATE blob_files SET touched_at = ${NOW_MS} WHERE id = $1 AND sha256 IS NULL RETURNING id)
  INSERT INTO blob_file_chunks (file_id, n, data) SELECT id, $2, $3 FROM staging`;
const READ_CHUNK_BY_HASH = `SELECT encode(c.data, 'hex') FROM blob_file_chunks c JOIN blob_files f ON f.id = c.file_id WHERE f.sha256 = $1 AND c.n = $2`;
const READ_CHUNK = `SELECT encode(data, 'hex') FROM blob_file_chunks WHERE file_id = $1 AND n = $2`;

export class PostgresBlobStore implements BlobStorage {
  constructor(private readonly pool: Pool) {}

  async receive(body: AsyncIterable<Buffer>, options: { maxBytes: number; expectedSha256?: string | null }): Promise<ReceivedFile> {
    const started = await this.pool.query<{ id: string }>(`INSERT INTO blob_files (started_at, touched_at) VALUES (${NOW_MS}, ${NOW_MS}) RETURNING id::text`);
    const staging = started.rows[0]!.id;
    const hash = createHash('sha256');
    // Two buffers: one filling while the other is being written.
    const buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)] as const;
    let current: 0 | 1 = 0;
    let filled = 0;
    let n = 0;
    let size = 0;
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      await writing; // the previous chunk is written: its buffer is free for the next one
      const write = this.writeChunk(staging, n++, buffers[current].subarray(0, filled));
      write.catch(() => undefined); // awaited by the next flush or at the end
      writing = write;
      current = current === 0 ? 1 : 0;
      filled = 0;
    };
    try {
      for await (const chunk of body) {
        size += chunk.length;
        if (size > options.maxBytes) {
          throw new UploadError('PAYLOAD_TOO_LARGE', `the file exceeds the upload limit of ${options.maxBytes} bytes`);
        }
        hash.update(chunk);
        for (let offset = 0; offset < chunk.length; ) {
          const copied = chunk.copy(buffers[current], filled, offset);
          filled += copied;
          offset += copied;
          if (filled === CHUNK_BYTES) await flush();
        }
      }
      if (filled > 0) await flush();
      await writing;
      const sha256 = hash.digest('hex');
      if (size === 0) throw new UploadError('EMPTY_BODY', 'the request body is empty: send the file as the body');
      if (options.expectedSha256 && options.expectedSha256 !== sha256) {
        throw new UploadError('DIGEST_MISMATCH', `the body's SHA-256 is ${sha256}, not the ${options.expectedSha256} given in X-Content-SHA256`);
      }
      return { staging, sha256, size };
    } catch (error) {
      await writing.catch(() => undefined);
      // When even this fails (the database is gone), the staging row is removed later as stale.
      await this.dropStaging(staging).catch(() => undefined);
      throw error;
    }
  }

  async install(file: ReceivedFile): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [file.sha256]);
      await client.query(`DELETE FROM blob_files WHERE sha256 = $1`, [file.sha256]);
      const installed = await client.query(`UPDATE blob_files SET sha256 = $2, size_bytes = $3, touched_at = ${NOW_MS} WHERE id = $1 AND sha256 IS NULL`, [
        file.staging,
        file.sha256,
        file.size,
      ]);
      if (installed.rowCount !== 1) throw new Error(`upload ${file.staging} is no longer staged (removed as stale): send the file again`);
    });
  }

  async discard(file: ReceivedFile): Promise<void> {
    await this.dropStaging(file.staging);
  }

  async remove(sha256: string): Promise<boolean> {
    return ((await this.pool.query(`DELETE FROM blob_files WHERE sha256 = $1`, [sha256])).rowCount ?? 0) > 0;
  }

  async sizeOf(sha256: string): Promise<number | null> {
    const found = await this.pool.query<{ size: string }>(`SELECT size_bytes::text AS size FROM blob_files WHERE sha256 = $1`, [sha256]);
    return found.rows[0] ? Number(found.rows[0].size) : null;
  }

  /** Re-hashes the chunks of the stored copy, read in one snapshot (a replacement meanwhile is not seen). */
  async check(sha256: string): Promise<FileCheck> {
    return this.transaction(async (client) => {
      const file = await client.query<{ id: string }>(`SELECT id::text AS id FROM blob_files WHERE sha256 = $1`, [sha256]);
      if (!file.rows[0]) return { status: 'MISSING' } as const;
      const id = file.rows[0].id;
      const numbers = await client.query<{ n: number }>(`SELECT n FROM blob_file_chunks WHERE file_id = $1 ORDER BY n`, [id]);
      const hash = createHash('sha256');
      let size = 0;
      for (const { n } of numbers.rows) {
        const data = await readChunk(client, READ_CHUNK, id, n);
        if (!data) continue;
        hash.update(data);
        size += data.length;
      }
      const actualSha256 = hash.digest('hex');
      return actualSha256 === sha256 ? ({ status: 'INTACT', size } as const) : ({ status: 'CORRUPT', size, actualSha256 } as const);
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  /** The size is that of the chunks stored (a lost or truncated chunk shows as a wrong size). */
  async openRead(sha256: string): Promise<OpenedFile | null> {
    const found = await this.pool.query<{ chunks: string; size: string }>(
      `SELECT count(c.n)::text AS chunks, coalesce(sum(octet_length(c.data)), 0)::text AS size
         FROM blob_files f LEFT JOIN blob_file_chunks c ON c.file_id = f.id WHERE f.sha256 = $1 GROUP BY f.id`,
      [sha256],
    );
    if (!found.rows[0]) return null;
    const chunks = Number(found.rows[0].chunks);
    const pool = this.pool;
    async function* read(): AsyncGenerator<Buffer> {
      for (let n = 0; n < chunks; n++) {
        const data = await readChunk(pool, READ_CHUNK_BY_HASH, sha256, n);
        if (!data) return; // gone meanwhile: the reader sees a short file (a download's verifier fails it)
        yield data;
      }
    }
    // Byte mode with a high-water mark of one chunk: a chunk is fetched only when the previous one is taken.
    return { stream: Readable.from(read(), { objectMode: false, highWaterMark: CHUNK_BYTES }), size: Number(found.rows[0].size) };
  }

  async *listFiles(): AsyncGenerator<string> {
    for (let after = ''; ; ) {
      const page = await this.pool.query<{ sha256: string }>(`SELECT sha256 FROM blob_files WHERE sha256 > $1 ORDER BY sha256 LIMIT ${LIST_PAGE}`, [after]);
      for (const row of page.rows) yield row.sha256;
      if (page.rows.length < LIST_PAGE) return;
      after = page.rows.at(-1)!.sha256;
    }
  }

  /**
   * Deletes staging untouched for `olderThanMs` (at least STALE_UPLOAD_MS even without it: at start
   * other instances may be uploading), on the database's clock, the one that stamped it.
   */
  async removeStrayTemps(options: { olderThanMs?: number } = {}): Promise<number> {
    const age = Math.max(options.olderThanMs ?? 0, STALE_UPLOAD_MS);
    const removed = await this.pool.query(`DELETE FROM blob_files WHERE sha256 IS NULL AND touched_at < ${NOW_MS} - $1::bigint`, [age]);
    return removed.rowCount ?? 0;
  }

  async exclusively<T>(work: () => Promise<T>): Promise<ExclusiveRun<T>> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      const locked = await client.query<{ got: boolean }>(`SELECT pg_try_advisory_lock(${COLLECTION_LOCK}) AS got`);
      if (!locked.rows[0]!.got) return { ran: false };
      try {
        return { ran: true, value: await work() };
      } finally {
        await client.query(`SELECT pg_advisory_unlock(${COLLECTION_LOCK})`).catch((error: Error) => {
          broken = error; // the connection is closed, and the lock with it
        });
      }
    } finally {
      client.release(broken);
    }
  }

  private async writeChunk(staging: string, n: number, data: Buffer): Promise<void> {
    const written = await this.pool.query({ name: 'crosswalk_blob_write_chunk', text: WRITE_CHUNK, values: [staging, n, data] });
    if (written.rowCount !== 1) throw new Error(`upload ${staging} was removed as stale while it was being received: send the file again`);
  }

  private async dropStaging(staging: string): Promise<void> {
    await this.pool.query(`DELETE FROM blob_files WHERE id = $1 AND sha256 IS NULL`, [staging]);
  }

  /** Runs `work` in a transaction on one connection (a connection that failed to roll back is closed). */
  private async transaction<T>(work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(begin);
      const value = await work(client);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/**
 * One chunk's bytes (null when there is no such chunk). They travel as hex text, whatever the
 * server's `bytea_output` (node-postgres reads results in binary only for a whole client).
 */
async function readChunk(db: Pool | PoolClient, text: string, key: string, n: number): Promise<Buffer | null> {
  const name = text === READ_CHUNK ? 'crosswalk_blob_read_chunk' : 'crosswalk_blob_read_chunk_by_hash';
  const found = await db.query<[string]>({ name, text, values: [key, n], rowMode: 'array' });
  const hex = found.rows[0]?.[0];
  return hex === undefined ? null : Buffer.from(hex, 'hex');
}
