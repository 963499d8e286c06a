/**
 * What the jobs of the evidence-file service share (upload, attach, download, integrity, garbage
 * collection: one file each, `evidence-files-*.ts`): the store, the runner every change goes
 * through, a reader, the injected clock, and the file store on disk with its settings.
 */
import { dirname } from 'node:path';
import type { Clock } from '../clock.js';
import type { Store } from '../db/store.js';
import { createRepositories, type Repositories } from '../db/repositories/index.js';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../domain/blobs.js';
import type { BlobStorage } from '../storage/blob-storage.js';
import { BlobStore } from '../storage/blob-store.js';
import type { MutationRunner } from './mutation-runner.js';

export interface FileStoreSettings {
  dataDir: string;
  maxUploadBytes: number;
  /** Where the files live; by default a directory under `dataDir` (storage/create-blob-storage.ts makes either kind). */
  storage?: BlobStorage;
}

export class EvidenceFilesContext {
  readonly reader: Repositories;
  private settings: FileStoreSettings | null = null;
  private files: BlobStorage | null = null;

  constructor(
    readonly store: Store,
    readonly runner: MutationRunner,
    /** The one clock: check times, the GC cutoff and the runner's "now" are instants of it. */
    readonly clock: Clock,
  ) {
    this.reader = createRepositories(store.read);
  }

  /** Sets where files live and how large they may be (by default: next to the database, 100 MiB). */
  configure(settings: FileStoreSettings): void {
    this.settings = settings;
    this.files = settings.storage ?? new BlobStore(settings.dataDir);
  }

  get maxUploadBytes(): number {
    return this.currentSettings.maxUploadBytes;
  }

  get blobStore(): BlobStorage {
    if (!this.files) this.configure(this.currentSettings);
    return this.files!;
  }

  private get currentSettings(): FileStoreSettings {
    if (this.settings) return this.settings;
    // The database file lives in the data directory (see config.ts).
    const file = this.store.sqliteFile;
    if (!file || file === ':memory:') throw new Error('evidence files need a data directory: call configure() first');
    return (this.settings = { dataDir: dirname(file), maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES });
  }
}
