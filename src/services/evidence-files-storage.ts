/**
 * Where an instance keeps its evidence files: with SQLite, the directory `<data dir>/blobs/`;
 * with PostgreSQL, the database itself (no shared disk between instances), through a small pool
 * of its own: the file store installs and deletes while a write transaction holds a store
 * connection, so sharing the store's pool could leave it waiting for connections that waiting
 * writers hold (docs/postgresql.md, "Evidence files on PostgreSQL"). `close()` ends that pool.
 */
import { createBlobStorage } from '../storage/create-blob-storage.js';
import type { BlobStorage } from '../storage/blob-storage.js';

/** Connections of the evidence files' own pool (one per chunk read or written; at least two). */
export const FILE_POOL_SIZE = 4;

export interface EvidenceFileStorage {
  readonly storage: BlobStorage;
  /** Ends the PostgreSQL pool (nothing to do for a directory); after the last transfer. */
  close(): Promise<void>;
}

export async function openEvidenceFileStorage(settings: { dataDir: string; databaseUrl: string | null }): Promise<EvidenceFileStorage> {
  if (settings.databaseUrl === null) {
    return { storage: createBlobStorage({ kind: 'directory', dataDir: settings.dataDir }), close: async () => {} };
  }
  // Loaded only when asked for: a SQLite deployment never loads the PostgreSQL driver.
  const { createPool } = await import('../db/pg-pool.js');
  const pool = createPool(settings.databaseUrl, { max: FILE_POOL_SIZE, applicationName: 'crosswalk files' });
  let closing: Promise<void> | undefined;
  return { storage: createBlobStorage({ kind: 'postgres', pool }), close: () => (closing ??= pool.end()) };
}
