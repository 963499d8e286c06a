/**
 * The one import entry point (GraphQL `catalogImport`, CLI `import`): content (or a stored blob
 * by SHA-256) in a given or detected format → a plan from the format's handler → written in one
 * transaction through the catalog loader. A dry run computes the same report and rolls back
 * (MutationRunner's `dryRun`: only the audit entry of the attempt is written).
 *
 * Outcome rules:
 * - Whole-document problems (not JSON/CSV, not the format, a missing framework refId, an unknown
 *   framework…) refuse the import with one INVALID user error naming the location; nothing is
 *   written.
 * - Item problems are rejections (location + reason) in the report; the rest is imported.
 *   With `strict`, any rejection refuses the whole import (INVALID, nothing written) and the
 *   report still tells what would have happened.
 * - Any other failure (a bug, the database) rolls the whole import back.
 */
import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import type { Repositories } from '../db/repositories/index.js';
import { actorLabel, type Actor } from '../domain/actor.js';
import { normaliseSha256 } from '../domain/blobs.js';
import type { LoadCounts } from '../domain/catalog/changes.js';
import { fail, ok, userError, type Result, type UserError } from '../domain/errors.js';
import { chooseHandler, handlerFor } from '../domain/import/formats.js';
import { bundleSource } from '../domain/import/bundle-format.js';
import { restoreNeedsAdmin } from '../domain/import/bundle-messages.js';
import { isAllowed } from '../domain/authorization.js';
import {
  ImportDocumentError,
  type CatalogLookup,
  type ImportDocument,
  type ImportFormatHandler,
  type ImportFormat,
  type ImportMode,
  type ImportRejection,
  type ImportWarning,
  type LookupRequirement,
  type UnresolvedIds,
} from '../domain/import/types.js';
import type { BlobStorage } from '../storage/blob-storage.js';
import type { CatalogLoader, CatalogLoadReport } from './catalog-loader.js';
import { FrameworkRequirementCache } from './framework-requirements.js';
import { importParseWorker } from './import-parse-offload.js';
import type { MutationRunner } from './mutation-runner.js';
import { Pacer } from './pacer.js';

export interface ImportInput {
  /** Omitted: detected from the content. */
  format?: ImportFormat | null;
  content?: string | null;
  /** SHA-256 of a file uploaded with `PUT /v1/blobs` (instead of `content`). */
  sha256?: string | null;
  frameworkRefId?: string | null;
  targetFrameworkRefId?: string | null;
  baselineRefId?: string | null;
  mode?: ImportMode | null;
  dryRun?: boolean | null;
  strict?: boolean | null;
  /** The file's name, for the audit trail only (the CLI passes it): an import's identity is its content. */
  sourceName?: string | null;
  /** Catalog or CISO Assistant framework library: import into a framework recorded from another document (title or identity differ). */
  replaceSource?: boolean | null;
}

export interface ImportCount extends LoadCounts {
  kind: string;
}

export interface ImportReport {
  format: ImportFormat;
  mode: ImportMode;
  dryRun: boolean;
  /** True when the import was committed (false for a dry run or a refused strict import). */
  applied: boolean;
  /** True when no item of the file could be imported (none created, updated, unchanged or retired); a warning says so. */
  nothingImported: boolean;
  /** Per kind of object (frameworks, requirements, controls, mappings, links, baselines, baselineMembers, …), in that order. */
  counts: ImportCount[];
  warnings: ImportWarning[];
  rejected: ImportRejection[];
  unresolved: UnresolvedIds[];
  /** Row ids of the frameworks and baselines the import wrote or confirmed (empty for a dry run). */
  frameworkIds: number[];
  baselineIds: number[];
}

/** The report, and user errors when the import was refused (the report may still be given). */
export interface ImportOutcome {
  report: ImportReport | null;
  errors: UserError[];
}

/** Largest file read from the blob store for an import. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const COUNT_KINDS = ['frameworks', 'requirements', 'controls', 'mappings', 'links', 'threats', 'threatLinks', 'baselines', 'baselineMembers'] as const;

export class ImportService {
  constructor(
    private readonly loader: CatalogLoader,
    private readonly runner: MutationRunner,
    /** The content-addressed file store, for imports by SHA-256 (null: not available). */
    private readonly blobs: (() => BlobStorage) | null = null,
  ) {}

  async import(actor: Actor, input: ImportInput, onProgress?: (done: number, total: number) => void): Promise<ImportOutcome> {
    const dryRun = input.dryRun ?? false;
    const mode = input.mode ?? 'MERGE';
    let refused: ImportReport | null = null;
    // Reading and parsing the file need no lock: only what follows runs in the write transaction.
    const parsed = await this.parse(input);
    const result = await this.runner.run<ImportReport>(actor, 'CATALOG_EDIT', async ({ repos, now, audit }) => {
      if (!parsed.ok) return parsed; // refused in the transaction, so that it is audited
      const { document, handler, sha256, md5 } = parsed.value;
      // A bundle restores evidence, reviews, authors and instants as recorded elsewhere: ADMIN only,
      // whatever the root field allows (catalog content comes in the catalog formats).
      if (handler.format === 'BUNDLE' && !isAllowed(actor, 'ADMIN')) {
        return fail(userError('FORBIDDEN', restoreNeedsAdmin(document, actor.role), ['input', input.sha256 != null ? 'sha256' : 'content']));
      }
      let report: ImportReport;
      try {
        const request = {
          format: handler.format,
          frameworkRefId: input.frameworkRefId ?? null,
          targetFrameworkRefId: input.targetFrameworkRefId ?? null,
          baselineRefId: input.baselineRefId ?? null,
          mode,
          sourceName: input.sourceName ?? null,
          sourceSha256: sha256,
          sourceMd5: md5,
          replaceSource: input.replaceSource ?? false,
        };
        // One read of each framework's requirements for the whole import (handler and loader).
        const requirements = new FrameworkRequirementCache(repos.catalog);
        const plan = await handler.read(document, request, new RepositoryLookup(repos, requirements));
        const loaded = await this.loader.write(repos, plan.bundle, actorLabel(actor), now, {
          policy: mode,
          locations: plan.locations,
          baselines: plan.baselines,
          replace: plan.replace,
          applyControlStatus: plan.applyControlStatus,
          steps: plan.steps,
          priorRejections: plan.rejected.length,
          onProgress,
          requirements,
        });
        report = {
          format: handler.format,
          mode,
          dryRun,
          applied: !dryRun,
          nothingImported: false,
          counts: countsOf(loaded),
          warnings: [...plan.warnings, ...loaded.warnings],
          rejected: byLine([...plan.rejected, ...loaded.rejected]),
          unresolved: mergeUnresolved([...plan.unresolved, ...loaded.unresolved]),
          frameworkIds: [],
          baselineIds: [],
        };
        report.nothingImported = report.counts.every((c) => c.created + c.updated + c.unchanged + c.retired === 0);
        if (report.nothingImported) {
          report.warnings.push({
            location: '',
            message: `nothing ${dryRun ? 'would be' : 'was'} imported: ${report.rejected.length ? `all ${report.rejected.length} item(s) of the file were rejected` : 'the file holds nothing to import'}`,
          });
        }
        if (!dryRun) {
          const frameworkRefIds = [...new Set(plan.bundle.frameworks.map((f) => f.framework.refId).concat(plan.baselines.map((b) => b.frameworkRefId)))];
          report.frameworkIds = (await repos.catalog.frameworksByRefIds(frameworkRefIds)).map((f) => f.id);
          for (const b of plan.baselines) {
            const row = await repos.baselines.findByRefId(b.refId);
            if (row) report.baselineIds.push(row.id);
          }
        }
      } catch (error) {
        return fail(documentError(error, input));
      }
      if ((input.strict ?? false) && report.rejected.length > 0 && !dryRun) {
        refused = { ...report, applied: false };
        return fail(userError('INVALID', `${report.rejected.length} item(s) were rejected and the import is strict: nothing was imported (see the report)`, ['input', 'strict']));
      }
      audit.after({
        format: report.format,
        mode,
        counts: Object.fromEntries(report.counts.map(({ kind, ...c }) => [kind, c])),
        warnings: report.warnings.length,
        rejected: report.rejected.length,
        // The file's name is kept here only: an import's identity is its content.
        ...(input.sourceName ? { sourceName: input.sourceName, sha256 } : { sha256 }),
        // What a restore brought in, and from where (its rows are marked with the same).
        ...(handler.format === 'BUNDLE' ? { restoredFrom: bundleSource({ sourceName: input.sourceName ?? null, sourceSha256: sha256 }) } : {}),
      });
      return ok(report);
    }, { dryRun });
    return result.ok ? { report: result.value, errors: [] } : { report: refused, errors: result.errors };
  }

  /**
   * The document to import and the handler of its format. The SHA-256 and MD5 recorded for it are
   * those of the bytes as sent: the stored blob's, or the UTF-8 of `content` (which the CLI decodes
   * keeping a byte-order mark, so it is the file's bytes); the document is read past the mark.
   */
  private async parse(input: ImportInput): Promise<Result<{ document: ImportDocument; handler: ImportFormatHandler; sha256: string; md5: string }>> {
    const content = await this.content(input);
    if (!content.ok) return content;
    const { text, sha256, md5 } = content.value;
    try {
      // A large text is read off the main thread and handed back in slices (import-parse-offload.ts).
      const document = await importParseWorker.read(text, input.format ? (handlerFor(input.format)?.syntax ?? null) : null);
      return ok({ document, handler: chooseHandler(document, input.format ?? null), sha256, md5 });
    } catch (error) {
      return fail(documentError(error, input));
    }
  }

  /**
   * The text to import, `content` or the stored file named by `sha256` (checked against its hash),
   * with the hashes of its bytes.
   */
  private async content(input: ImportInput): Promise<Result<{ text: string; sha256: string; md5: string }>> {
    const hasContent = input.content != null;
    const hasSha = input.sha256 != null;
    if (hasContent === hasSha) {
      return fail(userError('INVALID', 'give exactly one of content and sha256', ['input', hasContent ? 'sha256' : 'content']));
    }
    if (hasContent) {
      if (input.content!.trim() === '') return fail(userError('INVALID', 'the content is empty', ['input', 'content']));
      return ok({ text: input.content!, ...(await hashesOf(Buffer.from(input.content!, 'utf8'))) });
    }
    const sha256 = normaliseSha256(input.sha256!);
    if (!sha256) return fail(userError('INVALID', 'must be a hex SHA-256 (64 characters)', ['input', 'sha256']));
    if (!this.blobs) return fail(userError('INVALID', 'imports by SHA-256 are not available on this instance; send the content', ['input', 'sha256']));
    const store = this.blobs();
    const size = await store.sizeOf(sha256);
    if (size === null) {
      return fail(userError('BLOB_NOT_FOUND', `no stored file has SHA-256 ${sha256}: upload it with PUT /v1/blobs first`, ['input', 'sha256']));
    }
    if (size > MAX_IMPORT_BYTES) {
      return fail(userError('INVALID', `the stored file is ${size} bytes; imports read at most ${MAX_IMPORT_BYTES}`, ['input', 'sha256']));
    }
    const opened = await store.openRead(sha256);
    if (!opened) return fail(userError('BLOB_NOT_FOUND', `no stored file has SHA-256 ${sha256}: upload it with PUT /v1/blobs first`, ['input', 'sha256']));
    const bytes = await buffer(opened.stream);
    const hashes = await hashesOf(bytes);
    if (hashes.sha256 !== sha256) {
      return fail(userError('BLOB_NOT_FOUND', `the stored copy of ${sha256} is corrupt: upload the file again`, ['input', 'sha256']));
    }
    try {
      // The byte-order mark is kept (readDocument reads past it), so the text is the stored bytes.
      return ok({ text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), ...hashes });
    } catch {
      return fail(userError('INVALID', 'the stored file is not UTF-8 text', ['input', 'sha256']));
    }
  }
}

/** Bytes hashed between two pauses for the event loop. */
const HASH_SLICE = 1024 * 1024;

/** SHA-256 and MD5 (hex) of `bytes`, a slice at a time, letting other requests run between slices (see Pacer). */
async function hashesOf(bytes: Uint8Array): Promise<{ sha256: string; md5: string }> {
  const sha256 = createHash('sha256');
  const md5 = createHash('md5');
  const pacer = new Pacer();
  for (let at = 0; at < bytes.length; at += HASH_SLICE) {
    const slice = bytes.subarray(at, at + HASH_SLICE);
    sha256.update(slice);
    md5.update(slice);
    await pacer.pace();
  }
  return { sha256: sha256.digest('hex'), md5: md5.digest('hex') };
}

/** A document the handlers cannot read, as the user error naming the input field; anything else is rethrown. */
function documentError(error: unknown, input: ImportInput): UserError {
  if (!(error instanceof ImportDocumentError)) throw error;
  return userError('INVALID', error.message, ['input', error.field ?? (input.sha256 ? 'sha256' : 'content')]);
}

/** CSV rejections in line order (the handler's and the loader's come in two passes). */
function byLine(rejections: ImportRejection[]): ImportRejection[] {
  const line = (r: ImportRejection) => /^line (\d+)$/.exec(r.location)?.[1];
  if (!rejections.every(line)) return rejections;
  return [...rejections].sort((a, b) => Number(line(a)) - Number(line(b)));
}

function countsOf(report: CatalogLoadReport): ImportCount[] {
  const counts: ImportCount[] = COUNT_KINDS.map((kind) => ({ kind, ...report[kind] }));
  for (const [kind, c] of Object.entries(report.other)) {
    // A step may tally a standard kind (the native bundle writes frameworks, mappings, … itself).
    const same = counts.find((x) => x.kind === kind);
    if (same) for (const outcome of ['created', 'updated', 'unchanged', 'retired'] as const) same[outcome] += c[outcome];
    else counts.push({ kind, ...c });
  }
  return counts;
}

function mergeUnresolved(groups: readonly UnresolvedIds[]): UnresolvedIds[] {
  const merged = new Map<string, UnresolvedIds>();
  for (const g of groups) {
    const key = `${g.kind}\u0000${g.frameworkRefId ?? ''}`;
    const current = merged.get(key);
    if (!current) merged.set(key, { ...g, ids: [...g.ids] });
    else current.ids = [...new Set([...current.ids, ...g.ids])].sort();
  }
  return [...merged.values()];
}

/** The `CatalogLookup` handlers read through, on the import's transaction. */
class RepositoryLookup implements CatalogLookup {
  constructor(
    private readonly repos: Repositories,
    private readonly requirementCache: FrameworkRequirementCache,
    private readonly pacer = new Pacer(),
  ) {}

  async framework(refId: string) {
    return this.repos.catalog.frameworkByRefId(refId);
  }

  async requirements(frameworkRefId: string): Promise<LookupRequirement[]> {
    return (await this.requirementCache.get(frameworkRefId)).forLookup;
  }

  async holdersOfIds(ids: readonly string[]) {
    return this.repos.catalog.holdersOfIds(ids);
  }

  async frameworks() {
    return this.repos.catalog.liveFrameworks();
  }

  async frameworksHoldingIds(ids: readonly string[], options?: { ignoreCase?: boolean }) {
    return this.repos.catalog.frameworksHoldingIds(ids, options);
  }

  async controls(refIds: readonly string[]) {
    return this.repos.catalog.controlsByRefIds(refIds);
  }

  pause(): Promise<void> {
    return this.pacer.pace();
  }
}
