/**
 * Downloads of stored files: which evidence item describes the file (its name and media type),
 * and the file's stream with a verifier that re-hashes the bytes on their way out. A missing or
 * corrupt copy is recorded as an integrity failure (evidence-files-integrity.ts).
 */
import type { BlobRow } from '../db/repositories/blob-repository.js';
import type { EvidenceRow } from '../db/rows.js';
import type { Actor } from '../domain/actor.js';
import type { FileCheck } from '../storage/blob-storage.js';
import { VerifyingStream } from '../storage/verifying-stream.js';
import type { EvidenceFilesContext } from './evidence-files-context.js';
import { recordDownloadFailure } from './evidence-files-integrity.js';
import { assertAllowed } from './read-guard.js';

/** What a download finds (see openDownload). */
export type DownloadOpening =
  | { kind: 'NOT_FOUND' }
  | { kind: 'BROKEN'; status: FileCheck['status'] }
  | { kind: 'OPEN'; evidence: EvidenceRow | null; size: number; stream: NodeJS.ReadableStream & { destroy(): void }; verifier: VerifyingStream };

export interface DownloadTarget {
  blob: BlobRow;
  /** The evidence item whose name and media type describe the file, when one holds it. */
  evidence: EvidenceRow | null;
}

/**
 * Opens a stored file for download. NOT_FOUND when no blob row has the hash; BROKEN when the
 * stored copy is missing or has the wrong size (the failure is recorded, after one retry in
 * case an upload replaced the file meanwhile); otherwise the file's stream and a verifier to
 * pipe it through, which records an integrity failure when the bytes do not hash to `sha256`.
 */
export async function openDownload(files: EvidenceFilesContext, actor: Actor, sha256: string, evidenceId: number | null): Promise<DownloadOpening> {
  for (let attempt = 0; ; attempt++) {
    const target = await downloadTarget(files, actor, sha256, evidenceId);
    if (!target) return { kind: 'NOT_FOUND' };
    const blobStore = files.blobStore;
    const checkedAt = files.clock();
    const opened = await blobStore.openRead(sha256);
    if (!opened || opened.size !== target.blob.sizeBytes) {
      opened?.stream.destroy();
      const check = opened ? await blobStore.check(sha256) : ({ status: 'MISSING' } as const);
      if (check.status === 'INTACT' && attempt === 0) continue; // replaced by an upload meanwhile: start again
      if (check.status !== 'INTACT') await recordDownloadFailure(files, actor, sha256, check, checkedAt);
      return { kind: 'BROKEN', status: check.status };
    }
    const verifier = new VerifyingStream(sha256, opened.size, (found) =>
      recordDownloadFailure(files, actor, sha256, { status: 'CORRUPT', size: found.size, actualSha256: found.actualSha256 }, checkedAt),
    );
    return { kind: 'OPEN', evidence: target.evidence, size: opened.size, stream: opened.stream, verifier };
  }
}

/** The blob and the evidence item describing it; null when no blob row has the hash. */
async function downloadTarget(files: EvidenceFilesContext, actor: Actor, sha256: string, evidenceId: number | null): Promise<DownloadTarget | null> {
  assertAllowed(actor, 'READ');
  const { reader } = files;
  const blob = await reader.blobs.find(sha256);
  if (!blob) return null;
  let evidence: EvidenceRow | null = null;
  if (evidenceId !== null) {
    const row = await reader.evidence.findById(evidenceId);
    evidence = row && row.sha256 === sha256 ? row : null;
  }
  evidence ??= (await reader.blobs.evidenceOf(sha256, 1))[0] ?? null;
  return { blob, evidence };
}
