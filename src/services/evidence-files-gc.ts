/**
 * Garbage collection of the file store. It never deletes a file an attach could still
 * reference: rows go first, in an audited write transaction that re-checks "no evidence refers
 * to it, not uploaded since the cutoff"; each file is deleted afterwards under the write lock,
 * after checking that no upload recreated its row meanwhile. Write transactions are serialised
 * across processes (SQLite's write lock; on PostgreSQL the store's), so an attach, an upload and
 * the collector never interleave. A run holds the file store's collection lock, so two instances
 * never collect at once (CONFLICT for the second). The cutoff is counted on the injected clock,
 * the clock uploads are timed on.
 */
import { createRepositories } from '../db/repositories/index.js';
import type { Actor } from '../domain/actor.js';
import { isAllowed, type Permission } from '../domain/authorization.js';
import { HOUR_MS } from '../domain/duration.js';
import { fail, ok, userError, type Result } from '../domain/errors.js';
import type { EvidenceFilesContext } from './evidence-files-context.js';

/** Default grace period of garbage collection. */
export const DEFAULT_GC_GRACE_MS = 24 * HOUR_MS;
/** Temp files younger than this are never removed by the collector (uploads in progress). */
const TEMP_FILE_MIN_AGE_MS = HOUR_MS;
/** Rows deleted per transaction. */
const ROW_BATCH = 500;
/** Files checked and deleted per hold of the write lock. */
const FILE_BATCH = 100;

export interface GcReport {
  dryRun: boolean;
  /** Blobs (rows and files) removed, or that would be. */
  removed: { sha256: string; sizeBytes: number }[];
  freedBytes: number;
  /** Files without a row that were removed. */
  unrecordedFilesRemoved: number;
  tempFilesRemoved: number;
}

/**
 * Removes blobs no evidence refers to and nobody uploaded within `graceMs`, files on disk
 * without a row, and temp files older than the grace period (at least an hour; their age is
 * that of the file on disk). Rows go first, in one audited transaction per batch.
 */
export async function collectGarbage(
  files: EvidenceFilesContext,
  actor: Actor,
  options: { graceMs?: number; dryRun?: boolean } = {},
): Promise<Result<GcReport>> {
  const { reader, runner } = files;
  const graceMs = options.graceMs ?? DEFAULT_GC_GRACE_MS;
  const dryRun = options.dryRun ?? false;
  const permission: Permission = 'ADMIN';
  if (!isAllowed(actor, permission)) return runner.run(actor, permission, async () => fail([]));
  const cutoff = new Date(files.clock().getTime() - graceMs);
  const report: GcReport = { dryRun, removed: [], freedBytes: 0, unrecordedFilesRemoved: 0, tempFilesRemoved: 0 };

  if (dryRun) {
    for (const blob of await reader.blobs.unreferencedBefore(cutoff, Number.MAX_SAFE_INTEGER)) {
      report.removed.push({ sha256: blob.sha256, sizeBytes: blob.sizeBytes });
    }
  } else {
    const run = await files.blobStore.exclusively(() => collect(files, actor, cutoff, graceMs, report));
    if (!run.ran) return fail(userError('CONFLICT', 'another instance is collecting garbage now: run it again when that one has finished'));
    if (!run.value.ok) return fail(run.value.errors);
  }
  report.freedBytes = report.removed.reduce((sum, r) => sum + r.sizeBytes, 0);
  return ok(report);
}

/** The collection proper (holding the store's collection lock): rows, then files without a row, then stale staging. */
async function collect(files: EvidenceFilesContext, actor: Actor, cutoff: Date, graceMs: number, report: GcReport): Promise<Result<void>> {
  const { runner } = files;
  const permission: Permission = 'ADMIN';
  for (;;) {
    const result = await runner.run(actor, permission, async ({ repos, audit }) => {
      const deleted = await repos.blobs.deleteUnreferencedBefore(cutoff, ROW_BATCH);
      audit.after({ graceMs, cutoff, removed: deleted.map((d) => ({ sha256: d.sha256, sizeBytes: d.sizeBytes })) });
      return ok(deleted);
    });
    if (!result.ok) return fail<void>(result.errors);
    await removeFilesWithoutRow(files, result.value.map((d) => d.sha256));
    report.removed.push(...result.value.map((d) => ({ sha256: d.sha256, sizeBytes: d.sizeBytes })));
    if (result.value.length < ROW_BATCH) break;
  }
  let batch: string[] = [];
  const flush = async () => {
    report.unrecordedFilesRemoved += await removeFilesWithoutRow(files, batch);
    batch = [];
  };
  for await (const name of files.blobStore.listFiles()) {
    batch.push(name);
    if (batch.length >= FILE_BATCH) await flush();
  }
  await flush();
  report.tempFilesRemoved = await files.blobStore.removeStrayTemps({ olderThanMs: Math.max(graceMs, TEMP_FILE_MIN_AGE_MS) });
  return ok(undefined);
}

/**
 * Deletes the files of those hashes that have no blob row, holding the write lock so that no
 * upload installs the same file and records it in between. Returns how many were deleted.
 */
async function removeFilesWithoutRow(files: EvidenceFilesContext, shas: readonly string[]): Promise<number> {
  let removed = 0;
  for (let i = 0; i < shas.length; i += FILE_BATCH) {
    const chunk = shas.slice(i, i + FILE_BATCH);
    await files.store.transaction(async (tx) => {
      const known = await createRepositories(tx).blobs.existing(chunk);
      for (const sha of chunk) if (!known.has(sha) && (await files.blobStore.remove(sha))) removed++;
    });
  }
  return removed;
}
