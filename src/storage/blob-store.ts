/**
 * The content-addressed file store on disk:
 *
 *   <data dir>/blobs/sha256/<first 2 hex>/<sha256>   the files (mode 0600)
 *   <data dir>/blobs/tmp/                             uploads in progress
 *
 * Durability protocol (docs/evidence-files.md): an upload is streamed to a temp file, hashed
 * chunk by chunk as it arrives and written in 1 MiB batches (thread pool) while the next bytes
 * are read; the temp file is fsynced and closed; then `install` renames it into place and
 * fsyncs the directory. The temp directory is on the same file system as the final
 * directories (both under `blobs/`), so the rename is atomic. The caller writes the database
 * row in the same write transaction as `install` and acknowledges only after COMMIT.
 *
 * The final directory cannot be the temp file's directory: it depends on the hash, which is
 * known only once the last byte has arrived.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readdir, rename, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { SHA256_PATTERN } from '../domain/blobs.js';
import { UploadError, type BlobStorage, type ExclusiveRun, type FileCheck, type OpenedFile, type ReceivedFile } from './blob-storage.js';
import { fsyncDir, makeDir, unlinkIfPresent } from './durable-fs.js';
import { fileSystemNow } from './file-clock.js';
import { hashFile } from './file-hash.js';
import { UploadPipeline } from './upload-pipeline.js';

const TEMP_PREFIX = 'upload-';

/** The directory store (the default, with SQLite): see BlobStorage for the protocol. */
export class BlobStore implements BlobStorage {
  readonly root: string;
  readonly tempDir: string;
  private readonly filesDir: string;
  private ready: Promise<void> | null = null;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'blobs');
    this.filesDir = join(this.root, 'sha256');
    this.tempDir = join(this.root, 'tmp');
  }

  /** Path of the stored file for `sha256` (which must be normalised). */
  pathOf(sha256: string): string {
    return join(this.filesDir, sha256.slice(0, 2), sha256);
  }

  /** Creates the directories (durably) once. */
  ensureDirectories(): Promise<void> {
    return (this.ready ??= (async () => {
      for (const [dir, parent] of [
        [this.root, join(this.root, '..')],
        [this.filesDir, this.root],
        [this.tempDir, this.root],
      ] as const) {
        if (await makeDir(dir)) await fsyncDir(parent);
      }
    })().catch((error: unknown) => {
      this.ready = null;
      throw error;
    }));
  }

  /**
   * Removes the files in the temp directory: uploads that were in progress when a previous
   * process stopped (at start, before the server accepts uploads: all of them), or, with
   * `olderThanMs`, those last written longer ago than that (garbage collection: never an upload
   * in progress). Their age is measured on the file system's clock, the one that wrote their
   * modification times. Returns how many were removed.
   */
  async removeStrayTemps(options: { olderThanMs?: number } = {}): Promise<number> {
    await this.ensureDirectories();
    const before = options.olderThanMs === undefined ? null : fileSystemNow() - options.olderThanMs;
    let removed = 0;
    for (const name of await readdir(this.tempDir)) {
      const path = join(this.tempDir, name);
      if (before !== null) {
        const info = await stat(path).catch(() => null);
        if (!info || info.mtimeMs >= before) continue;
      }
      if (await unlinkIfPresent(path)) removed++;
    }
    if (removed > 0) await fsyncDir(this.tempDir);
    return removed;
  }

  /**
   * Streams `body` into a new temp file while hashing it, then fsyncs and closes the file.
   * Refuses (UploadError, temp file removed) an empty body, more than `maxBytes`, and a body
   * whose hash differs from `expectedSha256`. Any error of `body` (a client that disconnects)
   * also removes the temp file. The chunks are written without copying them: `body` must not
   * reuse a chunk's memory after yielding it (Node streams never do).
   */
  async receive(body: AsyncIterable<Buffer>, options: { maxBytes: number; expectedSha256?: string | null }): Promise<ReceivedFile> {
    await this.ensureDirectories();
    const tempPath = join(this.tempDir, `${TEMP_PREFIX}${process.pid}-${randomBytes(12).toString('hex')}`);
    const file = await open(tempPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    const pipeline = new UploadPipeline(file);
    let size = 0;
    let closed = false;
    try {
      for await (const chunk of body) {
        size += chunk.length;
        if (size > options.maxBytes) {
          throw new UploadError('PAYLOAD_TOO_LARGE', `the file exceeds the upload limit of ${options.maxBytes} bytes`);
        }
        const wait = pipeline.add(chunk);
        if (wait) await wait;
      }
      const sha256 = await pipeline.finish();
      if (size === 0) throw new UploadError('EMPTY_BODY', 'the request body is empty: send the file as the body');
      if (options.expectedSha256 && options.expectedSha256 !== sha256) {
        throw new UploadError('DIGEST_MISMATCH', `the body's SHA-256 is ${sha256}, not the ${options.expectedSha256} given in X-Content-SHA256`);
      }
      await file.sync();
      closed = true;
      await file.close();
      return { staging: tempPath, sha256, size };
    } catch (error) {
      await pipeline.abort();
      if (!closed) await file.close().catch(() => undefined);
      await unlinkIfPresent(tempPath);
      throw error;
    }
  }

  /**
   * Moves a received file into its place (replacing an existing copy: the new bytes were just
   * verified) and fsyncs the directory, so the name survives a crash. Call inside the write
   * transaction that records the blob row.
   */
  async install(file: ReceivedFile): Promise<void> {
    const target = this.pathOf(file.sha256);
    const dir = join(this.filesDir, file.sha256.slice(0, 2));
    if (await makeDir(dir)) await fsyncDir(this.filesDir);
    await rename(file.staging, target);
    await fsyncDir(dir);
  }

  /** Removes a received file that will not be installed. */
  async discard(file: ReceivedFile): Promise<void> {
    await unlinkIfPresent(file.staging);
  }

  /** Deletes the stored file (and makes the deletion durable). True when there was one. */
  async remove(sha256: string): Promise<boolean> {
    const removed = await unlinkIfPresent(this.pathOf(sha256));
    if (removed) await fsyncDir(join(this.filesDir, sha256.slice(0, 2)));
    return removed;
  }

  /** Size of the stored file, or null when it is missing. */
  async sizeOf(sha256: string): Promise<number | null> {
    const info = await stat(this.pathOf(sha256)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    return info ? info.size : null;
  }

  /** Re-hashes the stored file. */
  async check(sha256: string): Promise<FileCheck> {
    let found: { sha256: string; size: number };
    try {
      found = await hashFile(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'MISSING' };
      throw error;
    }
    return found.sha256 === sha256 ? { status: 'INTACT', size: found.size } : { status: 'CORRUPT', size: found.size, actualSha256: found.sha256 };
  }

  /** A read stream of the stored file, or null when it is missing. */
  async openRead(sha256: string): Promise<OpenedFile | null> {
    let handle: FileHandle;
    try {
      handle = await open(this.pathOf(sha256), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const { size } = await handle.stat();
    return { stream: handle.createReadStream({ highWaterMark: 256 * 1024 }), size };
  }

  /** Every stored file's name (its SHA-256); names that are not one are skipped. */
  async *listFiles(): AsyncGenerator<string> {
    await this.ensureDirectories();
    for (const prefix of (await readdir(this.filesDir)).sort()) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      const names = await readdir(join(this.filesDir, prefix)).catch(() => [] as string[]);
      for (const name of names.sort()) if (SHA256_PATTERN.test(name) && name.startsWith(prefix)) yield name;
    }
  }

  /**
   * Runs `work` at once: the directory belongs to one SQLite deployment, whose write lock
   * already serialises every step of a collection that could race an upload or an attach.
   */
  async exclusively<T>(work: () => Promise<T>): Promise<ExclusiveRun<T>> {
    return { ran: true, value: await work() };
  }
}
