/**
 * Which file store holds the evidence files: a directory beside the SQLite database (the
 * default), or the PostgreSQL database itself (no shared disk needed by several instances).
 */
import type { Pool } from 'pg';
import type { BlobStorage } from './blob-storage.js';
import { BlobStore } from './blob-store.js';
import { PostgresBlobStore } from './pg-blob-store.js';

export type BlobStorageOptions =
  /** Files under `<dataDir>/blobs/` (blob-store.ts). */
  | { kind: 'directory'; dataDir: string }
  /** Files in the database's `blob_files` and `blob_file_chunks` (pg-blob-store.ts); give it a pool of its own. */
  | { kind: 'postgres'; pool: Pool };

export function createBlobStorage(options: BlobStorageOptions): BlobStorage {
  return options.kind === 'postgres' ? new PostgresBlobStore(options.pool) : new BlobStore(options.dataDir);
}
