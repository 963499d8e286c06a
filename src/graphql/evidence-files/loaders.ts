import DataLoader from 'dataloader';
import type { Actor } from '../../domain/actor.js';
import type { Services } from '../../services/index.js';
import { groupLoader } from '../loader-helpers.js';
import { INTEGRITY_EVENTS_SHOWN } from '../../services/evidence-file-service.js';

type BlobRow = Awaited<ReturnType<Services['evidence']['blobs']>>[number];

export const evidenceFileLoaders = ({ evidence }: Services, actor: Actor) => ({
  /** SHA-256 → its blob row (null when no file is stored). */
  blobBySha256: new DataLoader<string, BlobRow | null>(async (shas) => {
    const rows = new Map((await evidence.blobs(actor, shas)).map((row) => [row.sha256, row]));
    return shas.map((sha) => rows.get(sha) ?? null);
  }),
  /** SHA-256 → its integrity events, newest first (at most INTEGRITY_EVENTS_SHOWN). */
  integrityEventsBySha256: groupLoader(
    (shas: readonly string[]) => evidence.integrityEvents(actor, shas, INTEGRITY_EVENTS_SHOWN),
    (row) => row.sha256,
  ),
});
