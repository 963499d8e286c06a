/**
 * Evidence files: uploads into the content-addressed store, FILE evidence attached to controls
 * (one at a time or in bulk, idempotently), downloads, integrity checks and garbage collection.
 *
 * Invariants:
 * - a `blobs` row exists only for a file that is durable on disk: `receiveUpload` installs the
 *   file (rename + directory fsync) and writes the row in one write transaction, and the caller
 *   acknowledges after COMMIT;
 * - FILE evidence refers only to blobs that have a row (the attach checks it in its
 *   transaction), and garbage collection deletes only rows no evidence refers to, in a write
 *   transaction, before it deletes their files (again under the write lock, after checking that
 *   no upload recreated the row). Write transactions are serialised across processes (SQLite's
 *   write lock), so an attach, an upload and the collector never interleave.
 */
import { dirname } from 'node:path';
import type { Store } from '../db/store.js';
import { createRepositories, type Repositories } from '../db/repositories/index.js';
import type { BlobIntegrityEventRow, BlobRow, IntegrityCheck, NewFileEvidence } from '../db/repositories/blob-repository.js';
import type { EvidenceRow } from '../db/rows.js';
import { actorLabel, type Actor } from '../domain/actor.js';
import { isAllowed, type Permission } from '../domain/authorization.js';
import {
  DEFAULT_MAX_UPLOAD_BYTES,
  DEFAULT_MEDIA_TYPE,
  filenameProblem,
  normaliseMediaType,
  normaliseSha256,
  type BlobIntegrityStatus,
  type IntegrityCheckSource,
} from '../domain/blobs.js';
import { fail, notFound, ok, userError, type Result, type UserError } from '../domain/errors.js';
import { BlobStore, VerifyingStream, type FileCheck } from './blob-store.js';
import { controlAndTimeErrors, scopeErrors } from './evidence-service.js';
import type { MutationRunner, OperationContext } from './mutation-runner.js';
import { assertAllowed } from './read-guard.js';
import { checkKey, checkLongText, checkText, collect } from './validation.js';

/** Items per `evidenceAttachBulk` call. */
export const MAX_BULK_ITEMS = 1_000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
/** Integrity events shown per evidence item (newest first). */
export const INTEGRITY_EVENTS_SHOWN = 20;
/** Default grace period of garbage collection. */
export const DEFAULT_GC_GRACE_MS = 24 * 3_600_000;
/** Temp files younger than this are never removed by the collector (uploads in progress). */
const TEMP_FILE_MIN_AGE_MS = 3_600_000;
/** Files hashed at the same time by a scan. */
const SCAN_CONCURRENCY = 4;

export interface EvidenceAttachFields {
  /** Row ids of the controls, in input order (0 for an undecodable id). */
  controlIds: readonly number[];
  sha256: string;
  filename: string;
  mediaType?: string | null;
  /** Defaults to the file name. */
  title?: string | null;
  description?: string | null;
  collectedAt?: Date | null;
  validUntil?: Date | null;
  aiSystemId?: number | null;
  idempotencyKey?: string | null;
}

export interface AttachOutcome {
  evidence: EvidenceRow;
  /** False when the idempotency key was seen before: the existing item is returned. */
  created: boolean;
}

export interface BulkItemOutcome {
  index: number;
  evidence: EvidenceRow | null;
  created: boolean;
  userErrors: UserError[];
}

export interface IntegrityView {
  sha256: string;
  status: BlobIntegrityStatus;
  /** Null when no blob row is known for the hash. */
  checkedAt: Date | null;
  checkSource: IntegrityCheckSource | null;
  events: BlobIntegrityEventRow[];
}

export interface UploadOutcome {
  sha256: string;
  size: number;
  /** True when these bytes were not stored before. */
  created: boolean;
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

/** A file evidence refers to that is not on disk, with the evidence holding it: to upload again. */
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
  /** Files on disk without a blob row (left by a crash between rename and commit; removed by gc). */
  unrecordedFiles: number;
  startedAt: Date;
  finishedAt: Date;
}

export interface GcReport {
  dryRun: boolean;
  /** Blobs (rows and files) removed, or that would be. */
  removed: { sha256: string; sizeBytes: number }[];
  freedBytes: number;
  /** Files without a row that were removed. */
  unrecordedFilesRemoved: number;
  tempFilesRemoved: number;
}

/** What a download finds (see EvidenceFileService.openDownload). */
export type DownloadOpening =
  | { kind: 'NOT_FOUND' }
  | { kind: 'BROKEN'; status: FileCheck['status'] }
  | { kind: 'OPEN'; evidence: EvidenceRow | null; size: number; stream: NodeJS.ReadableStream & { destroy(): void }; verifier: VerifyingStream };

export interface DownloadTarget {
  blob: BlobRow;
  /** The evidence item whose name and media type describe the file, when one holds it. */
  evidence: EvidenceRow | null;
}

export interface FileStoreSettings {
  dataDir: string;
  maxUploadBytes: number;
}

export class EvidenceFileService {
  private readonly reader: Repositories;
  private settings: FileStoreSettings | null = null;
  private files: BlobStore | null = null;

  constructor(
    private readonly store: Store,
    private readonly runner: MutationRunner,
  ) {
    this.reader = createRepositories(store.read);
  }

  /** Sets where files live and how large they may be (by default: next to the database, 100 MiB). */
  configure(settings: FileStoreSettings): void {
    this.settings = settings;
    this.files = new BlobStore(settings.dataDir);
  }

  /** At server start: configure, create the directories, remove uploads a previous process left. */
  async start(settings: FileStoreSettings, log: (message: string) => void = () => {}): Promise<void> {
    this.configure(settings);
    const removed = await this.blobStore.removeStrayTemps();
    if (removed > 0) log(`Removed ${removed} unfinished upload(s) left by a previous run.`);
  }

  get maxUploadBytes(): number {
    return this.currentSettings.maxUploadBytes;
  }

  get blobStore(): BlobStore {
    if (!this.files) this.configure(this.currentSettings);
    return this.files!;
  }

  private get currentSettings(): FileStoreSettings {
    if (this.settings) return this.settings;
    // The database file lives in the data directory (see config.ts).
    const file = this.store.file;
    if (!file || file === ':memory:') throw new Error('evidence files need a data directory: call configure() first');
    return (this.settings = { dataDir: dirname(file), maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES });
  }

  // ---------------------------------------------------------------- uploads

  /**
   * Streams `body` into the store. Resolves after the blob row is committed (the file is durable
   * by then); rejects with UploadError for a refused body. Audited as one entry per upload.
   */
  async receiveUpload(actor: Actor, body: AsyncIterable<Buffer>, options: { expectedSha256?: string | null } = {}): Promise<Result<UploadOutcome>> {
    if (!isAllowed(actor, 'EVIDENCE_CONTRIBUTE')) return this.runner.run(actor, 'EVIDENCE_CONTRIBUTE', async () => fail([]));
    const file = await this.blobStore.receive(body, { maxBytes: this.maxUploadBytes, expectedSha256: options.expectedSha256 });
    let installed = false;
    try {
      return await this.runner.run(actor, 'EVIDENCE_CONTRIBUTE', async ({ repos, now, audit }) => {
        await this.blobStore.install(file);
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
      if (!installed) await this.blobStore.discard(file);
    }
  }

  // ---------------------------------------------------------------- attach

  /** Creates one FILE evidence item (PENDING_REVIEW) for a stored file; idempotent by key. */
  attach(actor: Actor, input: EvidenceAttachFields): Promise<Result<AttachOutcome>> {
    return this.runner.run(actor, 'EVIDENCE_CONTRIBUTE', async (ctx) => {
      const [outcome] = await this.attachItems(ctx, [input], () => ['input']);
      if (!outcome?.evidence) return fail(outcome?.userErrors ?? []);
      ctx.audit.target('Evidence', outcome.evidence.id);
      if (!outcome.created) ctx.audit.after({ replayed: true, evidenceId: outcome.evidence.id });
      return ok({ evidence: outcome.evidence, created: outcome.created });
    });
  }

  /**
   * Up to 1,000 attaches in one transaction: each item succeeds or fails on its own (its user
   * errors carry the path `input.items.<i>.<field>`); every success is committed together, with
   * one audit entry for the call naming every created item.
   */
  attachBulk(actor: Actor, items: readonly EvidenceAttachFields[]): Promise<Result<BulkItemOutcome[]>> {
    return this.runner.run(actor, 'EVIDENCE_CONTRIBUTE', async (ctx) => {
      if (items.length === 0 || items.length > MAX_BULK_ITEMS) {
        return fail(userError('INVALID', `must hold 1 to ${MAX_BULK_ITEMS} items; got ${items.length}`, ['input', 'items']));
      }
      const outcomes = await this.attachItems(ctx, items, (index) => ['input', 'items', String(index)]);
      for (const o of outcomes) if (o.evidence && o.created) ctx.audit.target('Evidence', o.evidence.id);
      ctx.audit.after({
        created: outcomes.filter((o) => o.created).length,
        replayed: outcomes.filter((o) => o.evidence && !o.created).length,
        failed: outcomes.filter((o) => !o.evidence).length,
        items: outcomes.map((o) =>
          o.evidence ? { index: o.index, evidenceId: o.evidence.id, created: o.created } : { index: o.index, userErrors: o.userErrors.map((e) => e.code) },
        ),
      });
      return ok(outcomes);
    });
  }

  private async attachItems(
    { repos, actor, now }: OperationContext,
    items: readonly EvidenceAttachFields[],
    prefix: (index: number) => string[],
  ): Promise<BulkItemOutcome[]> {
    const shas = items.map((item) => normaliseSha256(item.sha256));
    const keys = [...new Set(items.flatMap((item) => (item.idempotencyKey ? [item.idempotencyKey] : [])))];
    const controlIds = [...new Set(items.flatMap((item) => item.controlIds))].filter((id) => id > 0);
    const aiSystemIds = [...new Set(items.flatMap((item) => (item.aiSystemId ? [item.aiSystemId] : [])))];

    // Retired controls and AI systems (rule 10) take no new evidence.
    const knownControls = new Set((await repos.controls.findByIds(controlIds)).filter((c) => !c.retiredAt).map((c) => c.id));
    const knownSystems = new Set((await repos.aiSystems.findByIds(aiSystemIds)).filter((s) => !s.retiredAt).map((s) => s.id));
    const blobsBySha = new Map((await repos.blobs.findMany([...new Set(shas.filter((s): s is string => s !== null))])).map((b) => [b.sha256, b]));
    const byKey = new Map<string, { evidence: EvidenceRow; controlIds: number[] }>();
    const previous = await repos.blobs.evidenceByIdempotencyKeys(keys);
    const previousControls = await repos.blobs.controlIdsOf(previous.map((e) => e.id));
    for (const e of previous) byKey.set(e.idempotencyKey!, { evidence: e, controlIds: previousControls.get(e.id) ?? [] });

    // Decide every item first, then insert all new rows with a few statements.
    type Plan = { failed: UserError[] } | { existing: EvidenceRow } | { sameAs: number } | { create: NewFileEvidence; controlIds: number[] };
    const plans: Plan[] = [];
    const planned = new Map<string, { index: number; sha256: string; aiSystemId: number | null; controlIds: number[] }>();
    for (const [index, item] of items.entries()) {
      const path = prefix(index);
      const sha256 = shas[index]!;
      const wanted = [...new Set(item.controlIds)];
      const collectedAt = item.collectedAt ?? now;
      const invalid = validateAttach(item, sha256, collectedAt, now, path);
      if (invalid.length) {
        plans.push({ failed: invalid });
        continue;
      }
      const outOfScope = scopeErrors(actor, item, path);
      if (outOfScope.length) {
        plans.push({ failed: outOfScope });
        continue;
      }
      const key = item.idempotencyKey ?? null;
      const seen = key === null ? undefined : (byKey.get(key) ?? planned.get(key));
      if (seen) {
        const identity = 'evidence' in seen ? { sha256: seen.evidence.sha256, aiSystemId: seen.evidence.aiSystemId, controlIds: seen.controlIds } : seen;
        const same = identity.sha256 === sha256 && (identity.aiSystemId ?? null) === (item.aiSystemId ?? null) && sameSet(identity.controlIds, wanted);
        if (!same) {
          const message = 'this idempotency key was already used for a different file, controls or AI system; use a new key';
          plans.push({ failed: [userError('CONFLICT', message, [...path, 'idempotencyKey'])] });
        } else {
          plans.push('evidence' in seen ? { existing: seen.evidence } : { sameAs: seen.index });
        }
        continue;
      }
      const missing: UserError[] = item.controlIds.flatMap((id, i) =>
        knownControls.has(id) ? [] : [notFound('control', [...path, 'controlIds', String(i)])],
      );
      if (item.aiSystemId != null && !knownSystems.has(item.aiSystemId)) missing.push(notFound('AI system', [...path, 'aiSystemId']));
      const blob = blobsBySha.get(sha256!);
      if (!blob) {
        missing.push(userError('BLOB_NOT_FOUND', 'no stored file has this SHA-256: upload it with PUT /v1/blobs first', [...path, 'sha256']));
      } else if (blob.checkStatus !== 'INTACT') {
        missing.push(
          userError('BLOB_NOT_FOUND', `the stored copy of this file is ${blob.checkStatus.toLowerCase()}: upload it again`, [...path, 'sha256']),
        );
      }
      if (missing.length) {
        plans.push({ failed: missing });
        continue;
      }
      plans.push({
        controlIds: wanted,
        create: {
          title: item.title ?? item.filename,
          description: item.description ?? '',
          sha256: sha256!,
          sizeBytes: blob!.sizeBytes,
          mediaType: (item.mediaType ? normaliseMediaType(item.mediaType) : null) ?? DEFAULT_MEDIA_TYPE,
          filename: item.filename,
          collectedAt,
          validUntil: item.validUntil ?? null,
          aiSystemId: item.aiSystemId ?? null,
          idempotencyKey: key,
          createdBy: actorLabel(actor),
          createdAt: now,
        },
      });
      if (key !== null) planned.set(key, { index, sha256: sha256!, aiSystemId: item.aiSystemId ?? null, controlIds: wanted });
    }

    const creating = plans.flatMap((plan, index) => ('create' in plan ? [{ index, plan }] : []));
    const rows = await repos.blobs.insertEvidence(creating.map((c) => c.plan.create));
    const createdRows = new Map(creating.map((c, i) => [c.index, rows[i]!]));
    await repos.blobs.linkControls(creating.flatMap((c, i) => c.plan.controlIds.map((controlId) => ({ evidenceId: rows[i]!.id, controlId }))));
    return plans.map((plan, index): BulkItemOutcome => {
      if ('failed' in plan) return { index, evidence: null, created: false, userErrors: plan.failed };
      if ('existing' in plan) return { index, evidence: plan.existing, created: false, userErrors: [] };
      if ('sameAs' in plan) return { index, evidence: createdRows.get(plan.sameAs)!, created: false, userErrors: [] };
      return { index, evidence: createdRows.get(index)!, created: true, userErrors: [] };
    });
  }

  // ---------------------------------------------------------------- downloads

  /**
   * Opens a stored file for download. NOT_FOUND when no blob row has the hash; BROKEN when the
   * stored copy is missing or has the wrong size (the failure is recorded, after one retry in
   * case an upload replaced the file meanwhile); otherwise the file's stream and a verifier to
   * pipe it through, which records an integrity failure when the bytes do not hash to `sha256`.
   */
  async openDownload(actor: Actor, sha256: string, evidenceId: number | null): Promise<DownloadOpening> {
    for (let attempt = 0; ; attempt++) {
      const target = await this.downloadTarget(actor, sha256, evidenceId);
      if (!target) return { kind: 'NOT_FOUND' };
      const checkedAt = new Date();
      const opened = await this.blobStore.openRead(sha256);
      if (!opened || opened.size !== target.blob.sizeBytes) {
        opened?.stream.destroy();
        const check = opened ? await this.blobStore.check(sha256) : ({ status: 'MISSING' } as const);
        if (check.status === 'INTACT' && attempt === 0) continue; // replaced by an upload meanwhile: start again
        if (check.status !== 'INTACT') await this.recordDownloadFailure(actor, sha256, check, checkedAt);
        return { kind: 'BROKEN', status: check.status };
      }
      const verifier = new VerifyingStream(sha256, opened.size, (found) =>
        this.recordDownloadFailure(actor, sha256, { status: 'CORRUPT', size: found.size, actualSha256: found.actualSha256 }, checkedAt),
      );
      return { kind: 'OPEN', evidence: target.evidence, size: opened.size, stream: opened.stream, verifier };
    }
  }

  /** The blob and the evidence item describing it; null when no blob row has the hash. */
  private async downloadTarget(actor: Actor, sha256: string, evidenceId: number | null): Promise<DownloadTarget | null> {
    assertAllowed(actor, 'READ');
    const blob = await this.reader.blobs.find(sha256);
    if (!blob) return null;
    let evidence: EvidenceRow | null = null;
    if (evidenceId !== null) {
      const row = await this.reader.evidence.findById(evidenceId);
      evidence = row && row.sha256 === sha256 ? row : null;
    }
    evidence ??= (await this.reader.blobs.evidenceOf(sha256, 1))[0] ?? null;
    return { blob, evidence };
  }

  /** Records that a download found the stored file missing or corrupt (audited as the downloader's action). */
  async recordDownloadFailure(actor: Actor, sha256: string, check: Exclude<FileCheck, { status: 'INTACT' }>, checkedAt: Date): Promise<void> {
    await this.runner.run(actor, 'READ', async ({ repos, now, audit }) => {
      await recordIntegrity(repos, actor, sha256, check, 'DOWNLOAD', checkedAt, now);
      audit.after({ sha256, integrity: describeCheck(check) });
      return ok(null);
    });
  }

  // ---------------------------------------------------------------- integrity

  /** Re-hashes the file of one FILE evidence item and records the result. */
  async verify(actor: Actor, evidenceId: number): Promise<Result<{ evidence: EvidenceRow; integrity: IntegrityView }>> {
    const permission: Permission = 'EVIDENCE_REVIEW';
    const evidence = isAllowed(actor, permission) ? await this.reader.evidence.findById(evidenceId) : undefined;
    const sha256 = evidence?.kind === 'FILE' ? evidence.sha256 : null;
    const checkedAt = new Date();
    const check = sha256 ? await this.blobStore.check(sha256) : null;
    return this.runner.run(actor, permission, async ({ repos, now, audit }) => {
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
   * missing and corrupt ones. Also counts files on disk that have no blob row.
   */
  async scan(actor: Actor, options: { sha256s?: readonly string[] | null } = {}): Promise<Result<ScanReport>> {
    const permission: Permission = 'ADMIN';
    if (!isAllowed(actor, permission)) return this.runner.run(actor, permission, async () => fail([]));
    const startedAt = new Date();
    const results: { blob: BlobRow; check: FileCheck; at: Date }[] = [];
    const checkAll = async (rows: BlobRow[]) => {
      let next = 0;
      const worker = async () => {
        while (next < rows.length) {
          const blob = rows[next++]!;
          const at = new Date();
          results.push({ blob, check: await this.blobStore.check(blob.sha256), at });
        }
      };
      await Promise.all(Array.from({ length: SCAN_CONCURRENCY }, worker));
    };
    const requested = options.sha256s?.map((s) => normaliseSha256(s));
    if (requested) {
      const bad = requested.findIndex((s) => s === null);
      if (bad >= 0) {
        return this.runner.run(actor, permission, async () => fail(userError('INVALID', 'must be a hex SHA-256', ['input', 'sha256s', String(bad)])));
      }
      await checkAll(await this.reader.blobs.findMany(requested as string[]));
    } else {
      for (let after: string | null = null; ; ) {
        const rows = await this.reader.blobs.page(after, 500);
        if (rows.length === 0) break;
        await checkAll(rows);
        after = rows.at(-1)!.sha256;
      }
    }
    let unrecordedFiles = 0;
    if (!requested) {
      let batch: string[] = [];
      const flush = async () => {
        const known = await this.reader.blobs.existing(batch);
        unrecordedFiles += batch.filter((s) => !known.has(s)).length;
        batch = [];
      };
      for await (const name of this.blobStore.listFiles()) {
        batch.push(name);
        if (batch.length >= 500) await flush();
      }
      await flush();
    }
    return this.runner.run(actor, permission, async ({ repos, now, audit }) => {
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
   * The files evidence refers to that are not on disk, with the evidence holding them, so the
   * operator can upload them again: files this server never stored (evidence restored from a
   * bundle) and stored files that have gone. Looks only whether each file exists (no re-hash:
   * `scan` finds corrupt ones); records nothing. ADMIN only.
   */
  async missingFiles(actor: Actor): Promise<MissingFile[]> {
    assertAllowed(actor, 'ADMIN');
    const missing: { sha256: string; sizeBytes: number; neverStored: boolean }[] = (await this.reader.blobs.referencedWithoutRow()).map((f) => ({
      sha256: f.sha256,
      sizeBytes: f.sizeBytes,
      neverStored: true,
    }));
    for (let after: string | null = null; ; ) {
      const rows = await this.reader.blobs.referencedPage(after, 500);
      if (rows.length === 0) break;
      for (const row of rows) {
        if ((await this.blobStore.sizeOf(row.sha256)) === null) missing.push({ sha256: row.sha256, sizeBytes: row.sizeBytes, neverStored: false });
      }
      after = rows.at(-1)!.sha256;
    }
    missing.sort((a, b) => a.sha256.localeCompare(b.sha256));
    const holders = new Map<string, MissingFile['evidence']>();
    for (let i = 0; i < missing.length; i += 500) {
      for (const e of await this.reader.blobs.evidenceHolding(missing.slice(i, i + 500).map((m) => m.sha256))) {
        const list = holders.get(e.sha256!) ?? [];
        list.push({ id: e.id, title: e.title, filename: e.filename });
        holders.set(e.sha256!, list);
      }
    }
    return missing.map((m) => ({ ...m, evidence: holders.get(m.sha256) ?? [] }));
  }

  // ---------------------------------------------------------------- garbage collection

  /**
   * Removes blobs no evidence refers to and nobody uploaded within `graceMs`, files on disk
   * without a row, and temp files older than the grace period (at least an hour). Rows go first,
   * in one audited transaction per batch; each file is deleted later under the write lock after
   * checking that no upload recreated its row meanwhile.
   */
  async collectGarbage(actor: Actor, options: { graceMs?: number; dryRun?: boolean } = {}): Promise<Result<GcReport>> {
    const graceMs = options.graceMs ?? DEFAULT_GC_GRACE_MS;
    const dryRun = options.dryRun ?? false;
    const permission: Permission = 'ADMIN';
    if (!isAllowed(actor, permission)) return this.runner.run(actor, permission, async () => fail([]));
    const cutoff = new Date(Date.now() - graceMs);
    const report: GcReport = { dryRun, removed: [], freedBytes: 0, unrecordedFilesRemoved: 0, tempFilesRemoved: 0 };

    if (dryRun) {
      for (const blob of await this.reader.blobs.unreferencedBefore(cutoff, Number.MAX_SAFE_INTEGER)) {
        report.removed.push({ sha256: blob.sha256, sizeBytes: blob.sizeBytes });
      }
    } else {
      for (;;) {
        const result = await this.runner.run(actor, permission, async ({ repos, audit }) => {
          const deleted = await repos.blobs.deleteUnreferencedBefore(cutoff, 500);
          audit.after({ graceMs, cutoff, removed: deleted.map((d) => ({ sha256: d.sha256, sizeBytes: d.sizeBytes })) });
          return ok(deleted);
        });
        if (!result.ok) return fail(result.errors);
        const shas = result.value.map((d) => d.sha256);
        await this.removeFilesWithoutRow(shas);
        report.removed.push(...result.value.map((d) => ({ sha256: d.sha256, sizeBytes: d.sizeBytes })));
        if (result.value.length < 500) break;
      }
      let batch: string[] = [];
      const flush = async () => {
        report.unrecordedFilesRemoved += await this.removeFilesWithoutRow(batch);
        batch = [];
      };
      for await (const name of this.blobStore.listFiles()) {
        batch.push(name);
        if (batch.length >= 100) await flush();
      }
      await flush();
      report.tempFilesRemoved = await this.blobStore.removeStrayTemps(new Date(Date.now() - Math.max(graceMs, TEMP_FILE_MIN_AGE_MS)));
    }
    report.freedBytes = report.removed.reduce((sum, r) => sum + r.sizeBytes, 0);
    return ok(report);
  }

  /**
   * Deletes the files of those hashes that have no blob row, holding the write lock so that no
   * upload installs the same file and records it in between. Returns how many were deleted.
   */
  private async removeFilesWithoutRow(shas: readonly string[]): Promise<number> {
    let removed = 0;
    for (let i = 0; i < shas.length; i += 100) {
      const chunk = shas.slice(i, i + 100);
      await this.store.transaction(async (tx) => {
        const known = await createRepositories(tx).blobs.existing(chunk);
        for (const sha of chunk) if (!known.has(sha) && (await this.blobStore.remove(sha))) removed++;
      });
    }
    return removed;
  }
}

function validateAttach(item: EvidenceAttachFields, sha256: string | null, collectedAt: Date, now: Date, path: string[]): UserError[] {
  const at = (...field: string[]) => [...path, ...field];
  const filename = filenameProblem(item.filename);
  return collect(
    sha256 === null ? userError('INVALID', 'must be the lowercase hex SHA-256 of an uploaded file (64 characters)', at('sha256')) : null,
    filename ? userError('INVALID', filename, at('filename')) : null,
    item.mediaType != null && normaliseMediaType(item.mediaType) === null
      ? userError('INVALID', 'must be a media type such as application/pdf', at('mediaType'))
      : null,
    item.title != null ? checkText(item.title, at('title'), 300) : null,
    checkLongText(item.description, at('description')),
    ...controlAndTimeErrors(item, collectedAt, now, at),
    item.idempotencyKey != null ? checkKey(item.idempotencyKey, at('idempotencyKey'), MAX_IDEMPOTENCY_KEY_LENGTH) : null,
  );
}

const sameSet = (a: readonly number[], b: readonly number[]) => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
};

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
