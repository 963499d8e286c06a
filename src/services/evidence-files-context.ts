/**
 * What the jobs of the evidence-file service share (upload, attach, download, integrity, garbage
 * collection: one file each, `evidence-files-*.ts`): the store, the runner every change goes
 * through, a reader, the injected clock, and the file store on disk with its settings.
 */
import { dirname } from 'node:path';
import type { Clock } from '../clock.js';
import type { Store } from '../db/store.js';
import { sqliteFileOf } from '../db/dialect.js';
import { createRepositories, type Repositories } from '../db/repositories/index.js';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../domain/blobs.js';
import type { BlobStorage } from '../storage/blob-storage.js';
import { BlobStore } from '../storage/blob-store.js';
import type { MutationRunner } from './mutation-runner.js';

export interface FileStoreSettings {
  dataDir: string;
  maxUploadBytes: number;
  /**
   * Where the files live (evidence-files-storage.ts opens the right kind for a configuration); by
   * default a directory under `dataDir`, which only a SQLite store may use: on PostgreSQL the
   * files live in the database, and the storage must be given.
   */
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
    // On PostgreSQL the files live in the database, never in `dataDir`: settings without a storage
    // keep the one given before (new limits only); with none ever given, the first use of the
    // files fails (blobStore) rather than this call, so commands that touch no file still run.
    this.files = settings.storage ?? (this.store.dialect === 'sqlite' ? new BlobStore(settings.dataDir) : this.files);
  }

  get maxUploadBytes(): number {
    return this.currentSettings.maxUploadBytes;
  }

  get blobStore(): BlobStorage {
    if (!this.files) this.configure(this.currentSettings);
    if (!this.files) throw new Error('evidence files on PostgreSQL live in the database: configure() them with a storage (openEvidenceFileStorage)');
    return this.files;
  }

  private get currentSettings(): FileStoreSettings {
    if (this.settings) return this.settings;
    // SQLite: the database file lives in the data directory (see config.ts).
    const file = sqliteFileOf(this.store.read);
    if (!file) throw new Error('evidence files need a file store: call configure() first');
    return (this.settings = { dataDir: dirname(file), maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES });
  }
}
