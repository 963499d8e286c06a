/**
 * Exports (GraphQL `coverageReport`, `assessmentResults`, `mappingsExport`, `linksExport`,
 * `controlsExport`, `evidenceExport`, `bundleExport`; CLI `export`): reads the graph, hands it to
 * the pure formatters in src/domain/export, writes the document to a file to be downloaded
 * (docs/export-downloads.md).
 *
 * Coverage figures always come from CoverageService (the same cached evaluation the coverage API
 * reads), so an export and the API agree on every status, reason and count. The rows an export
 * names (refIds, titles, evidence) are read in one read transaction; if the data changed between
 * the evaluation and that read, both are done again (a few times at most), so the document shows
 * one state of the graph.
 */
import { systemClock } from '../clock.js';
import { randomUUID } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { open as openFile, readFile } from 'node:fs/promises';
import { sumOfSummaries } from '../domain/coverage/index.js';
import type { Store } from '../db/store.js';
import { createRepositories, type Repositories } from '../db/repositories/index.js';
import type { ReportRows } from '../db/repositories/bundle-repository.js';
import type { RequirementRow } from '../db/rows.js';
import type { Actor } from '../domain/actor.js';
import { isAllowed, type Permission } from '../domain/authorization.js';
import type { CoverageSummary } from '../domain/coverage/index.js';
import { assessmentResults, type ObservedControl, type ObservedEvidence } from '../domain/export/assessment-results.js';
import { buildBundle } from '../domain/export/bundle.js';
import {
  coverageReport,
  type CoverageExport,
  type CoverageReportFormat,
  type ReportFramework,
  type ReportRequirement,
  type RequirementKey,
} from '../domain/export/coverage-report.js';
import { compactInstant, MEDIA_TYPES, naturalCompare, toJson, type ExportDocument } from '../domain/export/document.js';
import { evidenceContent } from '../domain/export/evidence-content.js';
import { controlsCsv } from '../domain/export/controls-csv.js';
import { evidenceCsv } from '../domain/export/evidence-csv.js';
import { linksCsv } from '../domain/export/links-csv.js';
import { mappingsCsv } from '../domain/export/mappings-csv.js';
import type { EvidenceStatus } from '../domain/vocabulary.js';
import type { CoverageAnswer, CoverageOptions, CoverageService } from './coverage-service.js';
import { assertAllowed } from './read-guard.js';
import { ExportGate } from './export-gate.js';
import { exportWorker } from './export-offload.js';
import { operationOf } from './operation-scope.js';
import { DataSizeRepository, databaseFileOf } from '../db/repositories/data-size-repository.js';
import { exportWeights, type ExportWeights } from './export-weights.js';
import { EXPORT_ID_PATTERN, exportDirectoryFor, exportPath, writeExport, type WrittenExport } from './export-files.js';
import { ExportRegistry, ownerOf, type StoredExport } from './export-registry.js';

export type { ExportDocument } from '../domain/export/document.js';
export type { StoredExport } from './export-registry.js';

/** What a coverage export evaluates: a coverage scope and instant, and optionally some frameworks. */
export interface CoverageExportOptions extends CoverageOptions {
  /** Only these frameworks (row ids); null/undefined: every framework in scope. Ids not in scope are ignored. */
  frameworkIds?: readonly number[] | null;
}

/** Evaluations retried when the data changes while an export reads it. */
const CONSISTENT_READ_ATTEMPTS = 3;

/** What one export is asked to produce (plain data: it crosses to the export worker). */
export type ExportRequest =
  | { kind: 'coverageReport'; options: CoverageExportOptions; format: CoverageReportFormat }
  | { kind: 'assessmentResults'; options: CoverageExportOptions }
  | { kind: 'mappings'; frameworkIds: readonly number[] | null }
  | { kind: 'links'; frameworkIds: readonly number[] | null }
  | { kind: 'controls' }
  | { kind: 'evidence' }
  | { kind: 'bundle' };

/** A document written to the exports directory (its file `id`), with its SHA-256 and UTF-8 byte length; null for an unknown AI system. */
export type ProducedDocument = (Omit<ExportDocument, 'content'> & WrittenExport) | null;

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
  private readonly file: string | null;
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
    this.file = databaseFileOf(store);
    this.sizes = new DataSizeRepository(store.read);
    this.registry = new ExportRegistry(options.directory ?? exportDirectoryFor(this.file), clock, options.ttlMs);
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
        if (this.file !== null && exportWorker.available) return exportWorker.produce({ file: this.file, directory, now, actor, request });
        await nextTurn();
        return writeDocument(directory, await buildExport(this.builder, actor, request), true);
      },
      signal,
    );
    return written && this.registry.add({ ...written, owner: ownerOf(actor), permission });
  }
}

/** Runs one export request on a builder (here, or in the export worker). */
export function buildExport(builder: ExportBuilder, actor: Actor, request: ExportRequest): Promise<ExportDocument | null> {
  switch (request.kind) {
    case 'coverageReport':
      return builder.coverageReport(actor, request.options, request.format);
    case 'assessmentResults':
      return builder.assessmentResults(actor, request.options);
    case 'mappings':
      return builder.mappings(actor, request.frameworkIds);
    case 'links':
      return builder.links(actor, request.frameworkIds);
    case 'controls':
      return builder.controls(actor);
    case 'evidence':
      return builder.evidence(actor);
    case 'bundle':
      return builder.bundle(actor);
  }
}

/** Writes the document to the exports directory (yielding to the event loop first when `yielding`); its description without the content. */
export async function writeDocument(directory: string, doc: ExportDocument | null, yielding = false): Promise<ProducedDocument> {
  if (!doc) return null;
  if (yielding) await nextTurn();
  const written = await writeExport(directory, doc.content);
  return { filename: doc.filename, mediaType: doc.mediaType, ...written };
}

/** Lets pending I/O (other requests) run before continuing. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Builds export documents in the calling thread (the export worker runs one of these). */
export class ExportBuilder {
  private readonly reader: Repositories;

  constructor(
    store: Store,
    private readonly coverage: CoverageService,
    private readonly clock: () => Date = systemClock,
  ) {
    this.reader = createRepositories(store.read);
  }

  /** The coverage report (CSV or JSON); null for an unknown AI system. */
  async coverageReport(actor: Actor, options: CoverageExportOptions, format: CoverageReportFormat): Promise<ExportDocument | null> {
    assertAllowed(actor, 'READ');
    const data = await this.coverageData(actor, options, false);
    await nextTurn();
    return data && coverageReport(data.export, format);
  }

  /** OSCAL assessment-results (JSON); null for an unknown AI system. */
  async assessmentResults(actor: Actor, options: CoverageExportOptions): Promise<ExportDocument | null> {
    assertAllowed(actor, 'READ');
    const data = await this.coverageData(actor, options, true);
    if (!data) return null;
    await nextTurn();
    return assessmentResults({ ...data.export, controls: observedControls(data.export, data.rows, data.answer) });
  }

  /** Live mappings as CSV mappings (the import format); only those of the frameworks given (null: all). */
  async mappings(actor: Actor, frameworkIds: readonly number[] | null = null): Promise<ExportDocument> {
    assertAllowed(actor, 'READ');
    const rows = await this.reader.bundle.liveMappings(frameworkIds);
    return mappingsCsv(rows);
  }

  /** Live crosswalk links as CSV links (the import format); only those from the frameworks given (null: all). */
  async links(actor: Actor, frameworkIds: readonly number[] | null = null): Promise<ExportDocument> {
    assertAllowed(actor, 'READ');
    return linksCsv(await this.reader.bundle.liveLinks(frameworkIds));
  }

  /** Live controls as CSV controls (the import format). */
  async controls(actor: Actor): Promise<ExportDocument> {
    assertAllowed(actor, 'READ');
    return controlsCsv(await this.reader.bundle.liveControls());
  }

  /** Evidence metadata as CSV (export only). */
  async evidence(actor: Actor): Promise<ExportDocument> {
    assertAllowed(actor, 'READ');
    return evidenceCsv(await this.reader.bundle.evidenceMetadata());
  }

  /** The native bundle of the whole graph with its history. ADMIN: it holds everything. */
  async bundle(actor: Actor): Promise<ExportDocument> {
    assertAllowed(actor, 'ADMIN');
    const now = this.clock();
    const bundle = buildBundle(await this.reader.bundle.readAll(), now);
    return { filename: `crosswalk-bundle-${compactInstant(now.getTime())}.json`, mediaType: MEDIA_TYPES.JSON, content: toJson(bundle) };
  }

  /** One evaluation and the rows it names, read at the same data version. */
  private async coverageData(
    actor: Actor,
    options: CoverageExportOptions,
    withEvidence: boolean,
  ): Promise<{ export: CoverageExport; rows: ReportRows; answer: CoverageAnswer } | null> {
    const at = options.at ?? this.coverage.now();
    const generatedAt = this.clock().getTime();
    for (let attempt = 1; ; attempt++) {
      const before = await this.reader.coverage.dataVersion();
      const answer = await this.coverage.evaluate(actor, { ...options, at });
      if (!answer) return null;
      const wanted = options.frameworkIds == null ? null : new Set(options.frameworkIds);
      const frameworks = answer.frameworks.filter((f) => wanted === null || wanted.has(f.frameworkId));
      const frameworkIds = frameworks.map((f) => f.frameworkId);
      const requirementIds = new Set<number>();
      const controlIds = new Set<number>();
      // The controls and requirements the evaluated requirements of these frameworks name.
      for (const frameworkId of frameworkIds) {
        for (const requirementId of answer.result.requirementIds(frameworkId)) {
          const coverage = answer.requirement(requirementId)!;
          for (const c of coverage.contributions) {
            controlIds.add(c.controlId);
            for (const id of c.path) requirementIds.add(id);
            requirementIds.add(c.mappedRequirementId);
          }
          for (const reason of coverage.reasons) for (const id of reason.controlIds) controlIds.add(id);
        }
      }
      const rows = await this.reader.bundle.reportRows({
        frameworkIds,
        requirementIds: [...requirementIds],
        controlIds: [...controlIds],
        aiSystemId: answer.aiSystemId,
        withEvidence,
      });
      if (rows.version !== before && attempt < CONSISTENT_READ_ATTEMPTS) continue;
      return { export: toExport(answer, frameworks, rows, generatedAt), rows, answer };
    }
  }
}

/** The evaluation with natural keys, frameworks by refId, requirements in framework order. */
function toExport(
  answer: CoverageAnswer,
  frameworks: readonly { frameworkId: number; status: CoverageExport['frameworks'][number]['status']; summary: CoverageSummary }[],
  rows: ReportRows,
  generatedAt: number,
): CoverageExport {
  const frameworkRows = new Map(rows.frameworks.map((f) => [f.id, f]));
  const requirementRows = new Map(rows.requirements.map((r) => [r.id, r]));
  const controlRows = new Map(rows.controls.map((c) => [c.id, c]));
  const key = (id: number): RequirementKey => {
    const r = requirementRows.get(id);
    return r ? { framework: r.frameworkRefId, requirement: r.refId } : { framework: '?', requirement: `#${id}` };
  };
  const controlRef = (id: number) => controlRows.get(id)?.refId ?? `#${id}`;

  const byFramework = new Map<number, (RequirementRow & { frameworkRefId: string })[]>();
  // The hierarchy as evaluated (rule 10: a past instant has its own parents).
  for (const row of rows.requirements) {
    const evaluated = answer.requirement(row.id);
    const r = evaluated && evaluated.parentId !== row.parentId ? { ...row, parentId: evaluated.parentId } : row;
    const list = byFramework.get(r.frameworkId);
    if (list) list.push(r);
    else byFramework.set(r.frameworkId, [r]);
  }
  const out: ReportFramework[] = [];
  for (const f of frameworks) {
    const framework = frameworkRows.get(f.frameworkId);
    if (!framework) continue; // deleted since the evaluation (the read is retried first)
    const requirements: ReportRequirement[] = [];
    for (const { row, depth } of treeOrder(byFramework.get(f.frameworkId) ?? [])) {
      const coverage = answer.requirement(row.id);
      if (!coverage) continue; // withdrawn, or under a withdrawn parent: never evaluated
      requirements.push({
        framework: framework.refId,
        refId: row.refId,
        sourceId: row.sourceId,
        title: row.title,
        kind: row.kind,
        parent: row.parentId === null ? null : (requirementRows.get(row.parentId)?.refId ?? null),
        depth,
        leaf: coverage.leaf,
        status: coverage.status,
        inferred: coverage.inferred,
        decidedBy: coverage.via ? controlRef(coverage.via.controlId) : null,
        reasons: coverage.reasons.map((reason) => ({ code: reason.code, controls: reason.controlIds.map(controlRef) })),
        controls: [...coverage.contributions]
          .map((c) => ({
            control: controlRef(c.controlId),
            title: controlRows.get(c.controlId)?.title ?? '',
            state: c.state,
            kind: c.kind,
            inferred: c.inferred,
            path: c.path.map(key),
            mappedRequirement: key(c.mappedRequirementId),
          }))
          .sort((a, b) => naturalCompare(a.control, b.control)),
        summary: coverage.summary,
      });
    }
    out.push({
      refId: framework.refId,
      name: framework.name,
      version: framework.version,
      kind: framework.kind,
      status: f.status,
      summary: f.summary,
      requirements,
    });
  }
  out.sort((a, b) => naturalCompare(a.refId, b.refId));
  return {
    generatedAt,
    asOf: answer.at,
    aiSystem: rows.aiSystem?.name ?? null,
    viaCrosswalks: answer.viaCrosswalks,
    maxCrosswalkDepth: answer.maxDepth,
    frameworks: out,
    totals: sumOfSummaries(out.map((f) => f.summary)),
  };
}

/** Depth-first, siblings by (sortOrder, refId); orphans (parent outside the list) start trees of their own. */
function treeOrder<T extends { id: number; parentId: number | null; sortOrder: number; refId: string }>(rows: readonly T[]): { row: T; depth: number }[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<number | null, T[]>();
  for (const r of rows) {
    const parent = r.parentId !== null && ids.has(r.parentId) ? r.parentId : null;
    const list = children.get(parent);
    if (list) list.push(r);
    else children.set(parent, [r]);
  }
  for (const list of children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || naturalCompare(a.refId, b.refId));
  const out: { row: T; depth: number }[] = [];
  const visited = new Set<number>();
  const stack: { row: T; depth: number }[] = [...(children.get(null) ?? [])].reverse().map((row) => ({ row, depth: 0 }));
  while (stack.length) {
    const item = stack.pop()!;
    if (visited.has(item.row.id)) continue;
    visited.add(item.row.id);
    out.push(item);
    for (const child of [...(children.get(item.row.id) ?? [])].reverse()) stack.push({ row: child, depth: item.depth + 1 });
  }
  return out;
}

/**
 * Every control reaching an evaluated requirement, with the evidence that counts in the scope
 * (gathered for no AI system, or for the scope's system when it is one) and existed at the
 * instant, each with its review status then.
 */
function observedControls(data: CoverageExport, rows: ReportRows, answer: CoverageAnswer): ObservedControl[] {
  const at = data.asOf;
  const scopeSystemId = rows.aiSystem?.id ?? null;
  const reviews = new Map<number, { status: EvidenceStatus; reviewedAt: number }[]>();
  for (const r of rows.evidenceReviews) {
    const list = reviews.get(r.evidenceId) ?? [];
    list.push({ status: r.status, reviewedAt: r.reviewedAt.getTime() });
    reviews.set(r.evidenceId, list);
  }
  const evidenceById = new Map(rows.evidence.map((e) => [e.id, e]));
  const byControl = new Map<number, ObservedEvidence[]>();
  for (const link of rows.evidenceControls) {
    const e = evidenceById.get(link.evidenceId);
    if (!e || e.createdAt.getTime() > at) continue;
    if (e.aiSystemId !== null && e.aiSystemId !== scopeSystemId) continue;
    // The latest review at or before the instant (ties: the later row).
    let latest: { status: EvidenceStatus; reviewedAt: number } | null = null;
    for (const r of reviews.get(e.id) ?? []) if (r.reviewedAt <= at && (latest === null || r.reviewedAt >= latest.reviewedAt)) latest = r;
    const list = byControl.get(link.controlId) ?? [];
    list.push({
      ...evidenceContent(e),
      collectedAt: e.collectedAt.getTime(),
      validUntil: e.validUntil?.getTime() ?? null,
      statusAtInstant: latest?.status ?? 'PENDING_REVIEW',
      reviewedAt: latest?.reviewedAt ?? null,
      aiSystem: e.aiSystemId === null ? null : (rows.aiSystem?.name ?? null),
    });
    byControl.set(link.controlId, list);
  }
  return rows.controls
    .map((c) => ({ refId: c.refId, title: c.title, state: answer.controlState(c.id), evidence: byControl.get(c.id) ?? [] }))
    .sort((a, b) => naturalCompare(a.refId, b.refId));
}
