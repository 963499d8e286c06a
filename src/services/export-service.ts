/**
 * Exports (GraphQL `coverageReport`, `assessmentResults`, `mappingsExport`, `linksExport`,
 * `controlsExport`, `evidenceExport`, `bundleExport`; CLI `export`): checks the permission, has
 * the document built and written to a file (export-builder.ts, on the export worker), and serves
 * it to the token that asked for it (docs/export-downloads.md).
 */
import { systemClock } from '../clock.js';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ReadStream } from 'node:fs';
import { open as openFile, readFile } from 'node:fs/promises';
import type { Store } from '../db/store.js';
import type { Actor } from '../domain/actor.js';
import { isAllowed, type Permission } from '../domain/authorization.js';
import type { CoverageReportFormat } from '../domain/export/coverage-report.js';
import type { CoverageService } from './coverage-service.js';
import { assertAllowed } from './read-guard.js';
import { ExportGate } from './export-gate.js';
import { exportWorker, type WorkerDatabase } from './export-offload.js';
import { operationOf } from './operation-scope.js';
import { DataSizeRepository } from '../db/repositories/data-size-repository.js';
import { sqliteFileOf } from '../db/dialect.js';
import { exportWeights, type ExportWeights } from './export-weights.js';
import { EXPORT_ID_PATTERN, exportDirectoryFor, exportPath, newExportId, removeExport } from './export-files.js';
import { ExportRegistry, ownerOf, type StoredExport } from './export-registry.js';
import { ExportBuilder, nextTurn, produceDocument, type CoverageExportOptions, type ExportRequest } from './export-builder.js';

export type { ExportDocument } from '../domain/export/document.js';
export type { StoredExport } from './export-registry.js';
export type { CoverageExportOptions, ExportRequest, ProducedDocument } from './export-builder.js';

/** The most `ExportDocument.content` carries inline (UTF-8 bytes); larger documents are downloaded. */
export const EXPORT_CONTENT_LIMIT_BYTES = 1024 * 1024;

/** Inline content asked for a document larger than EXPORT_CONTENT_LIMIT_BYTES. */
export class ExportContentTooLargeError extends Error {
  readonly code = 'EXPORT_CONTENT_TOO_LARGE';
  constructor(
    readonly byteLength: number,
    readonly limitBytes: number,
  ) {
    super(
      `the document is ${byteLength} bytes, more than the ${limitBytes} bytes \`content\` may carry: select \`downloadUrl\` instead ` +
        'and GET it with the same token (it streams the file; see docs/export-downloads.md)',
    );
  }
}

/** The document's file is gone (expired, or removed as its token's oldest) before its content was read. */
export class ExportExpiredError extends Error {
  readonly code = 'EXPORT_EXPIRED';
  constructor() {
    super('the document expired before its content was read: ask for the export again');
  }
}

/** Options of the export service (tests shorten them). */
export interface ExportServiceOptions {
  /** The budget of inline content in flight, bytes (export-gate.ts). */
  bytesInFlight?: number;
  /** Where documents are written; default: `exports/` beside the database file. */
  directory?: string;
  /** How long a document can be downloaded (ms), export-registry.ts. */
  ttlMs?: number;
  /** The most `content` carries inline (bytes). */
  contentLimitBytes?: number;
  /** PostgreSQL: the database's URL and statement timeout, from which the export worker opens a pool of its own. */
  postgres?: { url: string; statementTimeoutMs?: number } | null;
}

/**
 * The exports' settings of a deployment: documents in `<data dir>/exports/` on either backend,
 * and on PostgreSQL the database the export worker connects to.
 */
export function exportSettings(config: { dataDir: string; databaseUrl: string | null; databaseStatementTimeoutMs?: number }): Pick<ExportServiceOptions, 'directory' | 'postgres'> {
  return {
    directory: join(config.dataDir, 'exports'),
    postgres: config.databaseUrl === null ? null : { url: config.databaseUrl, statementTimeoutMs: config.databaseStatementTimeoutMs || undefined },
  };
}

/** What the export download finds for an actor. */
export type ExportDownload =
  | { kind: 'NOT_FOUND' }
  | { kind: 'FORBIDDEN'; permission: Permission }
  | { kind: 'FOUND'; document: StoredExport; stream: ReadStream; size: number };

/**
 * The exports as the API and the CLI call them: checks the permission, then produces the document
 * through the export gate (one export at a time in the process; one request's exports at a time
 * per token, others BUSY: export-gate.ts) on the export worker (export-worker.ts), which writes it
 * to a file of the exports directory, so that building, serialising, hashing and sending a large
 * document never holds the event loop or the main thread's memory; in-process, yielding between
 * steps, when the database is in memory or the worker cannot run. The document is then
 * downloaded from its file (`open`, src/http/export-routes.ts) by the token that asked for it,
 * until it expires (export-registry.ts); small documents may also be read inline (`content`).
 */
export class ExportService {
  private readonly builder: ExportBuilder;
  private readonly gate: ExportGate;
  /** What the export worker reads (null: exports run in-process, e.g. a database in memory). */
  private readonly workerDatabase: WorkerDatabase | null;
  private readonly sizes: DataSizeRepository;
  private weightMemo: { version: string; weights: ExportWeights } | null = null;
  /** The produced documents (their files, owners and expiry). */
  readonly registry: ExportRegistry;
  readonly contentLimitBytes: number;

  constructor(
    store: Store,
    private readonly coverage: CoverageService,
    private readonly clock: () => Date = systemClock,
    options: ExportServiceOptions = {},
  ) {
    this.gate = new ExportGate(options.bytesInFlight);
    this.builder = new ExportBuilder(store, coverage, clock);
    const file = sqliteFileOf(store.read);
    this.workerDatabase = file !== null ? { file } : store.dialect === 'postgres' && options.postgres ? options.postgres : null;
    this.sizes = new DataSizeRepository(store.read);
    this.registry = new ExportRegistry(options.directory ?? exportDirectoryFor(file), clock, options.ttlMs);
    this.contentLimitBytes = options.contentLimitBytes ?? EXPORT_CONTENT_LIMIT_BYTES;
  }

  /** The coverage report (CSV or JSON); null for an unknown AI system. */
  async coverageReport(actor: Actor, options: CoverageExportOptions, format: CoverageReportFormat, signal?: AbortSignal): Promise<StoredExport | null> {
    assertAllowed(actor, 'READ');
    return this.produce(actor, 'READ', { kind: 'coverageReport', options: this.pinned(options), format }, signal);
  }

  /** OSCAL assessment-results (JSON); null for an unknown AI system. */
  async assessmentResults(actor: Actor, options: CoverageExportOptions, signal?: AbortSignal): Promise<StoredExport | null> {
    assertAllowed(actor, 'READ');
    return this.produce(actor, 'READ', { kind: 'assessmentResults', options: this.pinned(options) }, signal);
  }

  /** Live mappings as CSV mappings (the import format); only those of the frameworks given (null: all). */
  async mappings(actor: Actor, frameworkIds: readonly number[] | null = null, signal?: AbortSignal): Promise<StoredExport> {
    assertAllowed(actor, 'READ');
    return (await this.produce(actor, 'READ', { kind: 'mappings', frameworkIds }, signal))!;
  }

  /** Live crosswalk links as CSV links (the import format); only those from the frameworks given (null: all). */
  async links(actor: Actor, frameworkIds: readonly number[] | null = null, signal?: AbortSignal): Promise<StoredExport> {
    assertAllowed(actor, 'READ');
    return (await this.produce(actor, 'READ', { kind: 'links', frameworkIds }, signal))!;
  }

  /** Live controls as CSV controls (the import format). */
  async controls(actor: Actor, signal?: AbortSignal): Promise<StoredExport> {
    assertAllowed(actor, 'READ');
    return (await this.produce(actor, 'READ', { kind: 'controls' }, signal))!;
  }

  /** Evidence metadata as CSV (export only). */
  async evidence(actor: Actor, signal?: AbortSignal): Promise<StoredExport> {
    assertAllowed(actor, 'READ');
    return (await this.produce(actor, 'READ', { kind: 'evidence' }, signal))!;
  }

  /** The native bundle of the whole graph with its history. ADMIN: it holds everything. */
  async bundle(actor: Actor, signal?: AbortSignal): Promise<StoredExport> {
    assertAllowed(actor, 'ADMIN');
    return (await this.produce(actor, 'ADMIN', { kind: 'bundle' }, signal))!;
  }

  /**
   * The document's text, for `ExportDocument.content`: only up to `contentLimitBytes`
   * (ExportContentTooLargeError beyond: download it instead). Counted in the budget of inline
   * content in flight until `sent` aborts (export-gate.ts).
   */
  async content(actor: Actor, document: StoredExport, signal?: AbortSignal, sent?: AbortSignal): Promise<string> {
    if (document.byteLength > this.contentLimitBytes) throw new ExportContentTooLargeError(document.byteLength, this.contentLimitBytes);
    await this.gate.admit(operationOf(actor).requestId ?? document.id, document.byteLength, signal, sent);
    try {
      return await readFile(exportPath(this.registry.directory, document.id), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ExportExpiredError();
      throw error;
    }
  }

  /**
   * Opens the document `id` for `actor` (the download route, the CLI): NOT_FOUND unless it
   * exists, has not expired and was asked for by the same token (or actor); FORBIDDEN when the
   * actor no longer holds the permission the export needed. The stream reads the file as it is
   * sent; the caller must consume or destroy it.
   */
  async open(actor: Actor, id: string): Promise<ExportDownload> {
    const document = EXPORT_ID_PATTERN.test(id) ? this.registry.find(id) : null;
    if (!document) return { kind: 'NOT_FOUND' };
    if (!isAllowed(actor, document.permission)) return { kind: 'FORBIDDEN', permission: document.permission };
    if (document.owner !== ownerOf(actor)) return { kind: 'NOT_FOUND' };
    let handle;
    try {
      handle = await openFile(exportPath(this.registry.directory, id), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'NOT_FOUND' };
      throw error;
    }
    const { size } = await handle.stat();
    return { kind: 'FOUND', document, stream: handle.createReadStream({ highWaterMark: 256 * 1024 }), size };
  }

  /** Forgets the document `id` and removes its file (the CLI, once it has copied it). */
  discard(id: string): Promise<void> {
    return this.registry.drop(id);
  }

  /**
   * What each export weighs in the query cost (graphql/cost.ts), from the data's current size:
   * read again only when the data changed since the last call (one small statement otherwise).
   */
  async weights(): Promise<ExportWeights> {
    const version = await this.sizes.version();
    if (this.weightMemo?.version !== version) this.weightMemo = { version, weights: exportWeights(version, await this.sizes.read()) };
    return this.weightMemo.weights;
  }

  /** The options with the instant fixed now, so that the document is that of the moment it was asked for. */
  private pinned(options: CoverageExportOptions): CoverageExportOptions {
    return { ...options, at: options.at ?? this.coverage.now() };
  }

  /** The inline content in flight and the exports waiting for room (export-gate.ts). */
  usage(): ReturnType<ExportGate['usage']> {
    return this.gate.usage();
  }

  /** `signal`: aborts when the asking request is over (export-gate.ts). */
  private async produce(actor: Actor, permission: Permission, request: ExportRequest, signal?: AbortSignal): Promise<StoredExport | null> {
    const owner = operationOf(actor).requestId ?? randomUUID();
    const directory = this.registry.directory;
    const written = await this.gate.run(
      actor,
      owner,
      async () => {
        const now = this.clock().getTime();
        if (this.workerDatabase !== null && exportWorker.available) {
          const exportId = newExportId();
          try {
            return await exportWorker.produce({ database: this.workerDatabase, directory, exportId, now, actor, request });
          } catch (error) {
            // E.g. the worker ran out of its heap half-way through the file: nothing half-written stays.
            await removeExport(directory, exportId).catch(() => undefined);
            throw error;
          }
        }
        await nextTurn();
        return produceDocument(this.builder, directory, actor, request, true);
      },
      signal,
    );
    return written && this.registry.add({ ...written, owner: ownerOf(actor), permission });
  }
}
