/** The write side of an upload: hashing and batched, back-pressured writes to the temp file. */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

/** An upload is written in batches of this many bytes (one writev each). */
const BATCH_BYTES = 1024 * 1024;
/** Bytes of an upload waiting to be written at most (beyond that, the socket is not read). */
const MAX_IN_FLIGHT_BYTES = 8 * 1024 * 1024;
/** Written bytes after which a datasync starts in the background (the final fsync then flushes little). */
const EARLY_SYNC_BYTES = 16 * 1024 * 1024;

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
export class UploadPipeline {
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
