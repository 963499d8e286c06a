/**
 * Evidence files: the one service behind `PUT/GET /v1/blobs`, the evidence-file mutations and
 * the `blobs` commands. Each job lives in its own file, over a shared context
 * (evidence-files-context.ts: store, runner, reader, the injected clock, the file store):
 * - uploads into the content-addressed store (evidence-files-upload.ts);
 * - FILE evidence attached to controls, one at a time or in bulk, idempotently (-attach.ts);
 * - downloads, re-verified while streaming (-download.ts);
 * - integrity checks: one item, a scan of every file, the missing files (-integrity.ts);
 * - garbage collection (-gc.ts).
 *
 * Invariants: a `blobs` row exists only for a file that is durable on disk; FILE evidence refers
 * only to blobs that have a row; garbage collection deletes only rows no evidence refers to
 * before it deletes their files. All three steps are write transactions, which SQLite serialises
 * across processes, so an attach, an upload and the collector never interleave.
 */
import { systemClock, type Clock } from '../clock.js';
import type { Store } from '../db/store.js';
import type { EvidenceRow } from '../db/rows.js';
import type { Actor } from '../domain/actor.js';
import type { Result } from '../domain/errors.js';
import type { BlobStorage } from '../storage/blob-storage.js';
import { attach, attachBulk, type AttachOutcome, type BulkItemOutcome, type EvidenceAttachFields } from './evidence-files-attach.js';
import { EvidenceFilesContext, type FileStoreSettings } from './evidence-files-context.js';
import { openDownload, type DownloadOpening } from './evidence-files-download.js';
import { collectGarbage, type GcReport } from './evidence-files-gc.js';
import { missingFiles, scan, verify, type IntegrityView, type MissingFile, type ScanReport } from './evidence-files-integrity.js';
import { receiveUpload, type UploadOutcome } from './evidence-files-upload.js';
import type { MutationRunner } from './mutation-runner.js';

export { UploadError } from '../storage/blob-storage.js';
export { MAX_BULK_ITEMS, MAX_IDEMPOTENCY_KEY_LENGTH, type AttachOutcome, type BulkItemOutcome, type EvidenceAttachFields } from './evidence-files-attach.js';
export type { FileStoreSettings } from './evidence-files-context.js';
export type { DownloadOpening, DownloadTarget } from './evidence-files-download.js';
export { DEFAULT_GC_GRACE_MS, type GcReport } from './evidence-files-gc.js';
export { INTEGRITY_EVENTS_SHOWN, integrityView, type BlobProblem, type IntegrityView, type MissingFile, type ScanReport } from './evidence-files-integrity.js';
export type { UploadOutcome } from './evidence-files-upload.js';

export class EvidenceFileService {
  private readonly files: EvidenceFilesContext;

  constructor(store: Store, runner: MutationRunner, clock: Clock = systemClock) {
    this.files = new EvidenceFilesContext(store, runner, clock);
  }

  /** Sets where files live and how large they may be (by default: next to the database, 100 MiB). */
  configure(settings: FileStoreSettings): void {
    this.files.configure(settings);
  }

  /** At server start: configure, create the directories, remove uploads a previous process left. */
  async start(settings: FileStoreSettings, log: (message: string) => void = () => {}): Promise<void> {
    this.configure(settings);
    const removed = await this.blobStore.removeStrayTemps();
    if (removed > 0) log(`Removed ${removed} unfinished upload(s) left by a previous run.`);
  }

  get maxUploadBytes(): number {
    return this.files.maxUploadBytes;
  }

  get blobStore(): BlobStorage {
    return this.files.blobStore;
  }

  receiveUpload(actor: Actor, body: AsyncIterable<Buffer>, options: { expectedSha256?: string | null } = {}): Promise<Result<UploadOutcome>> {
    return receiveUpload(this.files, actor, body, options);
  }

  attach(actor: Actor, input: EvidenceAttachFields): Promise<Result<AttachOutcome>> {
    return attach(this.files.runner, actor, input);
  }

  attachBulk(actor: Actor, items: readonly EvidenceAttachFields[]): Promise<Result<BulkItemOutcome[]>> {
    return attachBulk(this.files.runner, actor, items);
  }

  openDownload(actor: Actor, sha256: string, evidenceId: number | null): Promise<DownloadOpening> {
    return openDownload(this.files, actor, sha256, evidenceId);
  }

  verify(actor: Actor, evidenceId: number): Promise<Result<{ evidence: EvidenceRow; integrity: IntegrityView }>> {
    return verify(this.files, actor, evidenceId);
  }

  scan(actor: Actor, options: { sha256s?: readonly string[] | null } = {}): Promise<Result<ScanReport>> {
    return scan(this.files, actor, options);
  }

  missingFiles(actor: Actor): Promise<MissingFile[]> {
    return missingFiles(this.files, actor);
  }

  collectGarbage(actor: Actor, options: { graceMs?: number; dryRun?: boolean } = {}): Promise<Result<GcReport>> {
    return collectGarbage(this.files, actor, options);
  }
}
