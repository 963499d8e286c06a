import DataLoader from 'dataloader';
import type { Repositories } from '../../db/repositories/index.js';
import type { BlobRow } from '../../db/repositories/blob-repository.js';
import { groupLoader } from '../loader-helpers.js';
import { INTEGRITY_EVENTS_SHOWN } from '../../services/evidence-file-service.js';

export const evidenceFileLoaders = (repos: Repositories) => ({
  /** SHA-256 → its blob row (null when no file is stored). */
  blobBySha256: new DataLoader<string, BlobRow | null>(async (shas) => {
    const rows = new Map((await repos.blobs.findMany(shas)).map((row) => [row.sha256, row]));
    return shas.map((sha) => rows.get(sha) ?? null);
  }),
  /** SHA-256 → its integrity events, newest first (at most INTEGRITY_EVENTS_SHOWN). */
  integrityEventsBySha256: groupLoader(
    (shas: readonly string[]) => repos.blobs.events(shas, INTEGRITY_EVENTS_SHOWN),
    (row) => row.sha256,
  ),
});
