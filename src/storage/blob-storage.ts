/**
 * What the evidence-file services need from a content-addressed file store, whichever holds the
 * bytes: a directory on local disk (blob-store.ts, with SQLite) or the database itself
 * (pg-blob-store.ts, with PostgreSQL). `createBlobStorage` (create-blob-storage.ts) picks one.
 *
 * The protocol every store keeps (docs/evidence-files.md):
 * - `receive` streams an upload into staging while hashing it; nothing is visible as a stored
 *   file yet, and a crash leaves only staging, which `removeStrayTemps` clears;
 * - `install` makes the staged bytes the stored file of their SHA-256 atomically (replacing an
 *   existing copy: the new bytes were just verified), durable when it resolves; the caller calls
 *   it while it holds the write lock, in the course of the write transaction that records the
 *   blob row, and acknowledges after COMMIT (the install commits on its own: a rollback of the
 *   caller leaves an unrecorded file, see below);
 * - a stored file whose row never committed is an "unrecorded file" the garbage collector removes
 *   (under the write lock, after checking that no row exists).
 */

/** Why an upload was refused; the HTTP route maps `code` to a status. */
export class UploadError extends Error {
  constructor(
    readonly code: 'EMPTY_BODY' | 'PAYLOAD_TOO_LARGE' | 'DIGEST_MISMATCH',
    message: string,
  ) {
    super(message);
  }
}

/** An upload that was received and verified, waiting in staging to be installed or discarded. */
export interface ReceivedFile {
  /** Where the bytes wait: a temp file's path (directory store) or an upload id (database store). */
  staging: string;
  sha256: string;
  size: number;
}

export type FileCheck =
  | { status: 'INTACT'; size: number }
  | { status: 'MISSING' }
  | { status: 'CORRUPT'; size: number; actualSha256: string };

/** A stored file opened for reading: its bytes as a stream, and how many there are. */
export interface OpenedFile {
  stream: NodeJS.ReadableStream & { destroy(): void };
  size: number;
}

/** The outcome of `exclusively`: the work's value, or `ran: false` when another process holds the lock. */
export type ExclusiveRun<T> = { ran: true; value: T } | { ran: false };

export interface BlobStorage {
  /**
   * Streams `body` into staging while hashing it (memory stays flat whatever the size). Refuses
   * (UploadError, staging removed) an empty body, more than `maxBytes`, and a body whose hash
   * differs from `expectedSha256`; any error of `body` (a client that disconnects) also removes
   * the staging. `body` must not reuse a chunk's memory after yielding it (Node streams never do).
   */
  receive(body: AsyncIterable<Buffer>, options: { maxBytes: number; expectedSha256?: string | null }): Promise<ReceivedFile>;
  /** Makes a received file the stored file of its SHA-256 (replacing an existing copy), durably. */
  install(file: ReceivedFile): Promise<void>;
  /** Removes a received file that will not be installed. */
  discard(file: ReceivedFile): Promise<void>;
  /** Deletes the stored file (durably). True when there was one. */
  remove(sha256: string): Promise<boolean>;
  /** Size of the stored file, or null when it is missing. */
  sizeOf(sha256: string): Promise<number | null>;
  /** Re-hashes the stored file. */
  check(sha256: string): Promise<FileCheck>;
  /** A read stream of the stored file (never the whole file in memory), or null when it is missing. */
  openRead(sha256: string): Promise<OpenedFile | null>;
  /** Every stored file's SHA-256, in ascending order. */
  listFiles(): AsyncIterable<string>;
  /**
   * Removes staging left by uploads: with `olderThanMs`, only those untouched for that long
   * (never an upload in progress); without, those a previous process left at start (see each
   * store for what it can know about other processes). Returns how many were removed.
   */
  removeStrayTemps(options?: { olderThanMs?: number }): Promise<number>;
  /**
   * Runs `work` while holding the store's collection lock, so two processes never collect
   * garbage at once; `ran: false` without running it when another process holds the lock.
   */
  exclusively<T>(work: () => Promise<T>): Promise<ExclusiveRun<T>>;
}
