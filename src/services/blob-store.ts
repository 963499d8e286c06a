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
import { SHA256_PATTERN } from '../domain/blobs.js';
import { createHash, randomBytes } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';

/** Why an upload was refused; the HTTP route maps `code` to a status. */
export class UploadError extends Error {
  constructor(
    readonly code: 'EMPTY_BODY' | 'PAYLOAD_TOO_LARGE' | 'DIGEST_MISMATCH',
    message: string,
  ) {
    super(message);
  }
}

export interface ReceivedFile {
  tempPath: string;
  sha256: string;
  size: number;
}

export type FileCheck =
  | { status: 'INTACT'; size: number }
  | { status: 'MISSING' }
  | { status: 'CORRUPT'; size: number; actualSha256: string };

/** An upload is written in batches of this many bytes (one writev each). */
const BATCH_BYTES = 1024 * 1024;
/** Bytes of an upload waiting to be written at most (beyond that, the socket is not read). */
const MAX_IN_FLIGHT_BYTES = 8 * 1024 * 1024;
/** Written bytes after which a datasync starts in the background (the final fsync then flushes little). */
const EARLY_SYNC_BYTES = 16 * 1024 * 1024;
/** Read size when re-hashing stored files. */
const READ_BYTES = 1024 * 1024;
const TEMP_PREFIX = 'upload-';

export class BlobStore {
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
   * Removes every file in the temp directory: uploads that were in progress when a previous
   * process stopped. Only at start, before the server accepts uploads. Returns how many.
   */
  async removeStrayTemps(olderThan?: Date): Promise<number> {
    await this.ensureDirectories();
    let removed = 0;
    for (const name of await readdir(this.tempDir)) {
      const path = join(this.tempDir, name);
      if (olderThan) {
        const info = await stat(path).catch(() => null);
        if (!info || info.mtime >= olderThan) continue;
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
      return { tempPath, sha256, size };
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
    await rename(file.tempPath, target);
    await fsyncDir(dir);
  }

  /** Removes a received file that will not be installed. */
  async discard(file: ReceivedFile): Promise<void> {
    await unlinkIfPresent(file.tempPath);
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
    let size = 0;
    const hash = createHash('sha256');
    try {
      for await (const chunk of createReadStream(this.pathOf(sha256), { highWaterMark: READ_BYTES })) {
        size += (chunk as Buffer).length;
        hash.update(chunk as Buffer);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'MISSING' };
      throw error;
    }
    const actualSha256 = hash.digest('hex');
    return actualSha256 === sha256 ? { status: 'INTACT', size } : { status: 'CORRUPT', size, actualSha256 };
  }

  /** A read stream of the stored file, or null when it is missing. */
  async openRead(sha256: string): Promise<{ stream: NodeJS.ReadableStream & { destroy(): void }; size: number } | null> {
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
}

/**
 * Passes the bytes through while hashing them, holding back the latest chunk until the end:
 * when the hash (or size) does not match, the last chunk is never sent and the stream fails, so
 * a client never receives a complete copy of a corrupt file.
 */
export class VerifyingStream extends Transform {
  private readonly hash = createHash('sha256');
  private held: Buffer | null = null;
  private size = 0;

  constructor(
    private readonly expectedSha256: string,
    private readonly expectedSize: number,
    /** Awaited before the stream fails, so a failure is recorded before the client sees the cut. */
    private readonly onMismatch: (found: { actualSha256: string; size: number }) => void | Promise<void>,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    const previous = this.held;
    this.held = chunk;
    callback(null, previous ?? undefined);
  }

  override _flush(callback: TransformCallback): void {
    const actualSha256 = this.hash.digest('hex');
    if (actualSha256 !== this.expectedSha256 || this.size !== this.expectedSize) {
      const error = new Error(`stored file ${this.expectedSha256} is corrupt (read ${this.size} bytes hashing to ${actualSha256})`);
      Promise.resolve()
        .then(() => this.onMismatch({ actualSha256, size: this.size }))
        .then(
          () => callback(error),
          () => callback(error),
        );
      return;
    }
    callback(null, this.held ?? undefined);
  }
}

/**
 * The upload's bytes on their way to disk and to the hash. Each chunk is hashed as it arrives
 * (main thread: SHA-256 runs at about 1 GB/s, some 60 µs per 64 KiB socket chunk) and kept,
 * uncopied, in a batch; a batch of BATCH_BYTES is written at its position with one writev on the
 * thread pool while the main thread goes on reading the socket. When MAX_IN_FLIGHT_BYTES are
 * waiting to be written, `add` waits (backpressure: the socket is not read, memory stays
 * bounded). Every EARLY_SYNC_BYTES a datasync starts in the background, so the final fsync has
 * little left. Chunks must not change once added (stream chunks never do).
 *
 * Hashing on a worker thread instead was measured slower (docs/performance.md, "Evidence
 * files: upload speed and memory"): handing the bytes over costs a copy (or a transfer) and a message per block,
 * and on a machine with few cores the worker only competes with the socket, the client and the
 * writes for the same cores. Responsiveness does not suffer: the main thread hashes at most one
 * socket chunk (64 KiB) at a time.
 */
class UploadPipeline {
  private readonly hash = createHash('sha256');
  private batch: Buffer[] = [];
  private batchBytes = 0;
  private position = 0;
  /** Writes in flight, oldest first. */
  private readonly writes: { done: Promise<void>; bytes: number }[] = [];
  private inFlightBytes = 0;
  private failure: unknown = null;
  private syncing: Promise<void> | null = null;
  private unsyncedBytes = 0;

  constructor(private readonly file: FileHandle) {}

  /** Takes the chunk; returns a promise only when the caller has to wait (too much in flight). */
  add(chunk: Buffer): Promise<void> | void {
    if (this.failure) throw this.failure;
    this.hash.update(chunk);
    this.batch.push(chunk);
    this.batchBytes += chunk.length;
    if (this.batchBytes >= BATCH_BYTES) this.dispatch();
    if (this.inFlightBytes > MAX_IN_FLIGHT_BYTES) return this.drain();
  }

  /** Writes what is left, waits for everything; returns the hex SHA-256. */
  async finish(): Promise<string> {
    this.dispatch();
    while (this.writes.length > 0) await this.writes[0]!.done;
    await this.syncing;
    if (this.failure) throw this.failure;
    return this.hash.digest('hex');
  }

  /** After a failure: waits for the writes in flight (before the file is closed). */
  async abort(): Promise<void> {
    await Promise.allSettled([...this.writes.map((w) => w.done), this.syncing]);
  }

  private async drain(): Promise<void> {
    while (this.inFlightBytes > MAX_IN_FLIGHT_BYTES && this.writes.length > 0) await this.writes[0]!.done;
    if (this.failure) throw this.failure;
  }

  private dispatch(): void {
    if (this.batchBytes === 0) return;
    const buffers = this.batch;
    const bytes = this.batchBytes;
    const position = this.position;
    this.batch = [];
    this.batchBytes = 0;
    this.position += bytes;
    this.inFlightBytes += bytes;
    const write = {
      bytes,
      done: writeFully(this.file, buffers, bytes, position).then(
        () => {
          this.unsyncedBytes += bytes;
          this.maybeSync();
        },
        (error: unknown) => {
          this.failure ??= error;
        },
      ),
    };
    this.writes.push(write);
    void write.done.then(() => {
      this.inFlightBytes -= bytes;
      this.writes.splice(this.writes.indexOf(write), 1);
    });
  }

  private maybeSync(): void {
    if (this.unsyncedBytes < EARLY_SYNC_BYTES || this.syncing) return;
    this.unsyncedBytes = 0;
    this.syncing = this.file.datasync().then(
      () => {
        this.syncing = null;
      },
      (error: unknown) => {
        this.failure ??= error;
        this.syncing = null;
      },
    );
  }
}

async function writeFully(file: FileHandle, buffers: Buffer[], bytes: number, position: number): Promise<void> {
  const { bytesWritten } = await file.writev(buffers, position);
  if (bytesWritten === bytes) return;
  // A short write (rare on regular files): write the rest as one buffer.
  const rest = Buffer.concat(buffers).subarray(bytesWritten);
  let offset = 0;
  while (offset < rest.length) {
    const { bytesWritten: n } = await file.write(rest, offset, rest.length - offset, position + bytesWritten + offset);
    offset += n;
  }
}

/** Creates the directory; true when it did not exist before. */
async function makeDir(dir: string): Promise<boolean> {
  try {
    await mkdir(dir);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      await mkdir(dir, { recursive: true });
      return true;
    }
    throw error;
  }
}

/** Makes the directory's entries (created, renamed or removed names) durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function unlinkIfPresent(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
