/**
 * Integrity of stored files: re-hashing one item's file (evidenceVerify), every stored file (the
 * scan), listing the files evidence refers to that are not stored, and recording what a check
 * found. A check is timed on the injected clock before it reads the file; a check that started
 * before the last upload of the same bytes is stale (the upload replaced the file with verified
 * bytes) and is ignored. Uploads are timed on the same clock (the runner's "now").
 */
import pLimit from 'p-limit';
import type { BlobIntegrityEventRow, BlobRow, IntegrityCheck } from '../db/repositories/blob-repository.js';
import type { Repositories } from '../db/repositories/index.js';
import type { EvidenceRow } from '../db/rows.js';
import { actorLabel, type Actor } from '../domain/actor.js';
import { isAllowed, type Permission } from '../domain/authorization.js';
import { normaliseSha256, type BlobIntegrityStatus, type IntegrityCheckSource } from '../domain/blobs.js';
import { fail, notFound, ok, userError, type Result } from '../domain/errors.js';
import type { FileCheck } from '../storage/blob-storage.js';
import type { EvidenceFilesContext } from './evidence-files-context.js';
import { assertAllowed } from './read-guard.js';

/** Integrity events shown per evidence item (newest first). */
export const INTEGRITY_EVENTS_SHOWN = 20;
/** Files hashed at the same time by a scan. */
const SCAN_CONCURRENCY = 4;
/** Blob rows (and file names) handled per batch. */
const BATCH = 500;

export interface IntegrityView {
  sha256: string;
  status: BlobIntegrityStatus;
  /** Null when no blob row is known for the hash. */
  checkedAt: Date | null;
  checkSource: IntegrityCheckSource | null;
  events: BlobIntegrityEventRow[];
}

export interface BlobProblem {
  sha256: string;
  sizeBytes: number;
  status: 'MISSING' | 'CORRUPT';
  /** For CORRUPT: what the stored file hashes to now. */
  actualSha256: string | null;
  /** Evidence items holding the file. */
  evidenceCount: number;
  /**
   * True when this server never stored the file (no blob row: evidence restored from a bundle,
   * whose files travel separately); always MISSING.
   */
  neverStored: boolean;
}

/** A file evidence refers to that is not stored, with the evidence holding it: to upload again. */
export interface MissingFile {
  sha256: string;
  /** As recorded (the blob row, else the evidence). */
  sizeBytes: number;
  neverStored: boolean;
  evidence: { id: number; title: string; filename: string | null }[];
}

export interface ScanReport {
  checked: number;
  intact: number;
  problems: BlobProblem[];
  /** Stored files without a blob row (left by a crash between install and commit; removed by gc). */
  unrecordedFiles: number;
  startedAt: Date;
  finishedAt: Date;
}

/** Re-hashes the file of one FILE evidence item and records the result. */
export async function verify(files: EvidenceFilesContext, actor: Actor, evidenceId: number): Promise<Result<{ evidence: EvidenceRow; integrity: IntegrityView }>> {
  const permission: Permission = 'EVIDENCE_REVIEW';
  const evidence = isAllowed(actor, permission) ? await files.reader.evidence.findById(evidenceId) : undefined;
  const sha256 = evidence?.kind === 'FILE' ? evidence.sha256 : null;
  const checkedAt = files.clock();
  const check = sha256 ? await files.blobStore.check(sha256) : null;
  return files.runner.run(actor, permission, async ({ repos, now, audit }) => {
    if (!evidence) return fail(notFound('evidence', ['input', 'evidenceId']));
    if (!sha256 || !check) return fail(userError('INVALID', 'only FILE evidence has a stored file to verify', ['input', 'evidenceId']));
    audit.target('Evidence', evidence.id);
    await recordIntegrity(repos, actor, sha256, check, 'VERIFY', checkedAt, now);
    const integrity = await integrityFor(repos, sha256);
    audit.after({ sha256, integrity: describeCheck(check) });
    return ok({ evidence, integrity });
  });
}

/**
 * Re-hashes every stored file (or the given ones), records each result, and reports the
 * missing and corrupt ones. Also counts stored files that have no blob row.
 */
export async function scan(files: EvidenceFilesContext, actor: Actor, options: { sha256s?: readonly string[] | null } = {}): Promise<Result<ScanReport>> {
  const { reader, runner, clock } = files;
  const permission: Permission = 'ADMIN';
  if (!isAllowed(actor, permission)) return runner.run(actor, permission, async () => fail([]));
  const blobStore = files.blobStore;
  const startedAt = clock();
  const results: { blob: BlobRow; check: FileCheck; at: Date }[] = [];
  const limit = pLimit(SCAN_CONCURRENCY);
  const checkAll = (rows: BlobRow[]) =>
    Promise.all(
      rows.map((blob) =>
        limit(async () => {
          const at = clock();
          results.push({ blob, check: await blobStore.check(blob.sha256), at });
        }),
      ),
    );
  const requested = options.sha256s?.map((s) => normaliseSha256(s));
  if (requested) {
    const bad = requested.findIndex((s) => s === null);
    if (bad >= 0) return runner.run(actor, permission, async () => fail(userError('INVALID', 'must be a hex SHA-256', ['input', 'sha256s', String(bad)])));
    await checkAll(await reader.blobs.findMany(requested as string[]));
  } else {
    for (let after: string | null = null; ; ) {
      const rows = await reader.blobs.page(after, BATCH);
      if (rows.length === 0) break;
      await checkAll(rows);
      after = rows.at(-1)!.sha256;
    }
  }
  let unrecordedFiles = 0;
  if (!requested) {
    let batch: string[] = [];
    const flush = async () => {
      const known = await reader.blobs.existing(batch);
      unrecordedFiles += batch.filter((s) => !known.has(s)).length;
      batch = [];
    };
    for await (const name of blobStore.listFiles()) {
      batch.push(name);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  }
  return runner.run(actor, permission, async ({ repos, now, audit }) => {
    for (const r of results) await recordIntegrity(repos, actor, r.blob.sha256, r.check, 'SCAN', r.at, now);
    const failures = results.filter((r) => r.check.status !== 'INTACT');
    const counts = await repos.blobs.evidenceCounts(failures.map((r) => r.blob.sha256));
    // Files evidence refers to that this server never stored count as checked and missing.
    const wanted = requested ? new Set(requested as string[]) : null;
    const neverStored = (await repos.blobs.referencedWithoutRow()).filter((f) => !wanted || wanted.has(f.sha256));
    const problems: BlobProblem[] = [
      ...failures.map((r) => ({
        sha256: r.blob.sha256,
        sizeBytes: r.blob.sizeBytes,
        status: r.check.status as 'MISSING' | 'CORRUPT',
        actualSha256: r.check.status === 'CORRUPT' ? r.check.actualSha256 : null,
        evidenceCount: counts.get(r.blob.sha256) ?? 0,
        neverStored: false,
      })),
      ...neverStored.map((f) => ({ ...f, status: 'MISSING' as const, actualSha256: null, neverStored: true })),
    ].sort((a, b) => a.sha256.localeCompare(b.sha256));
    const report: ScanReport = {
      checked: results.length + neverStored.length,
      intact: results.length - failures.length,
      problems,
      unrecordedFiles,
      startedAt,
      finishedAt: now,
    };
    audit.after({ ...report, problems: problems.map((p) => ({ sha256: p.sha256, status: p.status })) });
    return ok(report);
  });
}

/**
 * The files evidence refers to that are not stored, with the evidence holding them, so the
 * operator can upload them again: files this server never stored (evidence restored from a
 * bundle) and stored files that have gone. Looks only whether each file exists (no re-hash:
 * `scan` finds corrupt ones); records nothing. ADMIN only.
 */
export async function missingFiles(files: EvidenceFilesContext, actor: Actor): Promise<MissingFile[]> {
  assertAllowed(actor, 'ADMIN');
  const { reader, blobStore } = files;
  const missing: { sha256: string; sizeBytes: number; neverStored: boolean }[] = (await reader.blobs.referencedWithoutRow()).map((f) => ({
    sha256: f.sha256,
    sizeBytes: f.sizeBytes,
    neverStored: true,
  }));
  for (let after: string | null = null; ; ) {
    const rows = await reader.blobs.referencedPage(after, BATCH);
    if (rows.length === 0) break;
    for (const row of rows) {
      if ((await blobStore.sizeOf(row.sha256)) === null) missing.push({ sha256: row.sha256, sizeBytes: row.sizeBytes, neverStored: false });
    }
    after = rows.at(-1)!.sha256;
  }
  missing.sort((a, b) => a.sha256.localeCompare(b.sha256));
  const holders = new Map<string, MissingFile['evidence']>();
  for (let i = 0; i < missing.length; i += BATCH) {
    for (const e of await reader.blobs.evidenceHolding(missing.slice(i, i + BATCH).map((m) => m.sha256))) {
      const list = holders.get(e.sha256!) ?? [];
      list.push({ id: e.id, title: e.title, filename: e.filename });
      holders.set(e.sha256!, list);
    }
  }
  return missing.map((m) => ({ ...m, evidence: holders.get(m.sha256) ?? [] }));
}

/** Records that a download found the stored file missing or corrupt (audited as the downloader's action). */
export async function recordDownloadFailure(
  files: EvidenceFilesContext,
  actor: Actor,
  sha256: string,
  check: Exclude<FileCheck, { status: 'INTACT' }>,
  checkedAt: Date,
): Promise<void> {
  await files.runner.run(actor, 'READ', async ({ repos, now, audit }) => {
    await recordIntegrity(repos, actor, sha256, check, 'DOWNLOAD', checkedAt, now);
    audit.after({ sha256, integrity: describeCheck(check) });
    return ok(null);
  });
}

function describeCheck(check: FileCheck): Record<string, unknown> {
  return check.status === 'CORRUPT' ? { status: check.status, actualSha256: check.actualSha256, size: check.size } : { status: check.status };
}

/**
 * Makes a check the blob's latest one and keeps failures (and recoveries) as events. A check
 * that started before the last upload of the same bytes is stale (the upload replaced the file
 * with verified bytes) and is ignored.
 */
async function recordIntegrity(
  repos: Repositories,
  actor: Actor,
  sha256: string,
  check: FileCheck,
  source: IntegrityCheckSource,
  checkedAt: Date,
  now: Date,
): Promise<void> {
  const before = await repos.blobs.find(sha256);
  if (!before || before.lastUploadedAt.getTime() > checkedAt.getTime()) return;
  const event: IntegrityCheck = {
    sha256,
    status: check.status,
    source,
    detail:
      check.status === 'CORRUPT'
        ? `read ${check.size} bytes (expected ${before.sizeBytes}) hashing to ${check.actualSha256}`
        : check.status === 'MISSING'
          ? 'the stored file does not exist'
          : before.checkStatus !== 'INTACT'
            ? `intact again (was ${before.checkStatus})`
            : '',
    at: now,
    actorId: actorLabel(actor),
  };
  await repos.blobs.recordCheck(event);
  if (check.status !== 'INTACT' || before.checkStatus !== 'INTACT') await repos.blobs.insertEvent(event);
}

async function integrityFor(repos: Repositories, sha256: string): Promise<IntegrityView> {
  const blob = await repos.blobs.find(sha256);
  return integrityView(sha256, blob ?? null, blob ? await repos.blobs.events([sha256], INTEGRITY_EVENTS_SHOWN) : []);
}

/** Evidence.integrity from the blob row (null when none is known for the hash) and its events. */
export function integrityView(sha256: string, blob: BlobRow | null, events: BlobIntegrityEventRow[]): IntegrityView {
  if (!blob) return { sha256, status: 'MISSING', checkedAt: null, checkSource: null, events: [] };
  return { sha256, status: blob.checkStatus, checkedAt: blob.checkedAt, checkSource: blob.checkSource, events };
}
