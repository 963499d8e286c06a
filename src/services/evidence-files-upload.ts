/**
 * Uploads into the content-addressed store. A `blobs` row exists only for a file that is durable
 * on disk: the file is installed (rename + directory fsync) and its row written in one write
 * transaction, and the caller acknowledges after COMMIT.
 */
import { actorLabel, type Actor } from '../domain/actor.js';
import { isAllowed } from '../domain/authorization.js';
import { fail, ok, type Result } from '../domain/errors.js';
import type { EvidenceFilesContext } from './evidence-files-context.js';

export interface UploadOutcome {
  sha256: string;
  size: number;
  /** True when these bytes were not stored before. */
  created: boolean;
}

/**
 * Streams `body` into the store. Resolves after the blob row is committed (the file is durable
 * by then); rejects with UploadError for a refused body. Audited as one entry per upload.
 */
export async function receiveUpload(
  files: EvidenceFilesContext,
  actor: Actor,
  body: AsyncIterable<Buffer>,
  options: { expectedSha256?: string | null } = {},
): Promise<Result<UploadOutcome>> {
  const { runner } = files;
  if (!isAllowed(actor, 'EVIDENCE_CONTRIBUTE')) return runner.run(actor, 'EVIDENCE_CONTRIBUTE', async () => fail([]));
  const blobStore = files.blobStore;
  const file = await blobStore.receive(body, { maxBytes: files.maxUploadBytes, expectedSha256: options.expectedSha256 });
  let installed = false;
  try {
    return await runner.run(actor, 'EVIDENCE_CONTRIBUTE', async ({ repos, now, audit }) => {
      await blobStore.install(file);
      installed = true;
      const { before } = await repos.blobs.recordUpload(file.sha256, file.size, now, actorLabel(actor));
      if (before && before.checkStatus !== 'INTACT') {
        await repos.blobs.insertEvent({
          sha256: file.sha256,
          status: 'INTACT',
          source: 'UPLOAD',
          detail: `stored copy replaced by a verified upload (was ${before.checkStatus})`,
          at: now,
          actorId: actorLabel(actor),
        });
      }
      const outcome: UploadOutcome = { sha256: file.sha256, size: file.size, created: !before };
      audit.after(outcome);
      return ok(outcome);
    });
  } finally {
    // Installed: the file is in place (with its row, or as an unrecorded file gc removes).
    if (!installed) await blobStore.discard(file);
  }
}
