/**
 * Builds export documents (the export worker runs this; in-process when it cannot) and writes
 * each to a file of the exports directory as it is produced (export-files.ts): reads the graph,
 * hands it to the pure formatters of src/domain/export, which give the text piece by piece.
 *
 * Coverage figures always come from CoverageService (the same cached evaluation the coverage API
 * reads), so an export and the API agree on every status, reason and count. The rows an export
 * names (refIds, titles, evidence) are read in one read transaction; if the data changed between
 * the evaluation and that read, both are done again (a few times at most), so the document shows
 * one state of the graph.
 */
import { systemClock } from '../clock.js';
import type { Db, Store } from '../db/store.js';
import { PostgresReadSnapshot, ReadSnapshot } from '../db/read-snapshot.js';
import { sqliteFileOf } from '../db/dialect.js';
import { createRepositories, type Repositories } from '../db/repositories/index.js';
import { ExportReadRepository, type ControlEvidence, type ReportRows } from '../db/repositories/export-read-repository.js';
import type { BundleEvidencePage } from '../domain/export/bundle-rows.js';
import type { Actor } from '../domain/actor.js';
import { assessmentResults, type ObservedEvidence } from '../domain/export/assessment-results.js';
import { bundleDocument } from '../domain/export/bundle-writer.js';
import { coverageReport, type CoverageExport, type CoverageReportFormat } from '../domain/export/coverage-report.js';
import { batched, compactInstant, jsonDocument, MEDIA_TYPES, type Chunks, type ExportDocument } from '../domain/export/document.js';
import { controlsCsv } from '../domain/export/controls-csv.js';
import { evidenceCsv, evidenceCsvInOrder } from '../domain/export/evidence-csv.js';
import { linksCsv } from '../domain/export/links-csv.js';
import { mappingsCsv } from '../domain/export/mappings-csv.js';
import type { CoverageAnswer, CoverageOptions, CoverageService } from './coverage-service.js';
import { observedControls, toExport } from './export-coverage-data.js';
import { newExportId, writeExport, type WrittenExport } from './export-files.js';
import { assertAllowed } from './read-guard.js';
import { ExportSpool } from './export-spool.js';
import { tmpdir } from 'node:os';

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
export type ProducedDocument = (Omit<ExportDocument, 'chunks'> & WrittenExport) | null;

/** A document as the builder gives it: its pieces there at once (SQLite) or awaited (PostgreSQL). */
export type BuiltDocument = ExportDocument<Chunks>;

/** The data an export was reading changed while it was written (it is built again). */
export class DataChangedError extends Error {
  constructor() {
    super('the data changed while the export was written');
  }
}

/**
 * Builds one export and writes it to the exports directory (yielding to the event loop first
 * when `yielding`), here or in the export worker; its description without the content. A document
 * whose data changed while it was written is built again, a few times at most.
 */
export async function produceDocument(
  builder: ExportBuilder,
  directory: string,
  actor: Actor,
  request: ExportRequest,
  yielding = false,
  id: string = newExportId(),
): Promise<ProducedDocument> {
  for (let attempt = 1; ; attempt++) {
    const doc = await buildExport(builder, actor, request, attempt < CONSISTENT_READ_ATTEMPTS, directory);
    if (!doc) return null;
    if (yielding) await nextTurn();
    try {
      const written = await writeExport(directory, doc.chunks(), id);
      return { filename: doc.filename, mediaType: doc.mediaType, ...written };
    } catch (error) {
      if (!(error instanceof DataChangedError)) throw error;
    }
  }
}

/** Runs one export request on a builder; `consistent`: see ExportBuilder.assessmentResults. */
function buildExport(builder: ExportBuilder, actor: Actor, request: ExportRequest, consistent: boolean, directory: string): Promise<BuiltDocument | null> {
  switch (request.kind) {
    case 'coverageReport':
      return builder.coverageReport(actor, request.options, request.format);
    case 'assessmentResults':
      return builder.assessmentResults(actor, request.options, consistent, directory);
    case 'mappings':
      return builder.mappings(actor, request.frameworkIds);
    case 'links':
      return builder.links(actor, request.frameworkIds);
    case 'controls':
      return builder.controls(actor);
    case 'evidence':
      return builder.evidence(actor, directory);
    case 'bundle':
      return builder.bundle(actor, directory);
  }
}

/** Lets pending I/O (other requests) run before continuing. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Builds export documents in the calling thread (the export worker runs one of these). */
export class ExportBuilder {
  private readonly reader: Repositories;
  private readonly readHandle: Db;
  private readonly rows: ExportReadRepository;
  /** The database file (null: in memory, or PostgreSQL), which read snapshots open. */
  private readonly file: string | null;
  /** PostgreSQL: long reads take a PostgresReadSnapshot of the store's pool. */
  private readonly postgres: boolean;

  constructor(
    store: Store,
    private readonly coverage: CoverageService,
    private readonly clock: () => Date = systemClock,
  ) {
    this.readHandle = store.read;
    this.reader = createRepositories(store.read);
    this.rows = new ExportReadRepository(store.read);
    this.file = sqliteFileOf(store.read);
    this.postgres = store.dialect === 'postgres';
  }

  /** The coverage report (CSV or JSON); null for an unknown AI system. */
  async coverageReport(actor: Actor, options: CoverageExportOptions, format: CoverageReportFormat): Promise<ExportDocument | null> {
    assertAllowed(actor, 'READ');
    const data = await this.coverageData(actor, options);
    await nextTurn();
    return data && coverageReport(data.export, format);
  }

  /**
   * OSCAL assessment-results (JSON); null for an unknown AI system. The evidence is read control
   * by control while the document is written, each control's once (the document reads it four
   * times: kept meanwhile in a spool file in `spoolDirectory`, export-spool.ts); when
   * `consistent`, writing it fails with DataChangedError if the data changed meanwhile (the
   * caller builds it again).
   */
  async assessmentResults(actor: Actor, options: CoverageExportOptions, consistent = false, spoolDirectory: string = tmpdir()): Promise<BuiltDocument | null> {
    assertAllowed(actor, 'READ');
    const data = await this.coverageData(actor, options);
    if (!data) return null;
    await nextTurn();
    const at = new Date(data.export.asOf);
    const scope = data.rows.aiSystem?.id ?? null;
    const version = data.rows.version;
    const rows = this.rows;
    // PostgreSQL: each control's evidence is read ahead (below) and handed over here.
    const readAhead = new Map<number, ControlEvidence>();
    const evidenceOf = this.postgres ? (controlId: number) => readAhead.get(controlId)! : (controlId: number) => rows.evidenceOfControlNow(controlId, scope, at);
    const controls = observedControls(data.rows, data.answer, data.export.asOf, evidenceOf);
    const spooled = (spool: ExportSpool<string, readonly ObservedEvidence[]>) =>
      assessmentResults({ ...data.export, controls: controls.map((c) => ({ ...c, evidence: () => spool.read(c.refId, c.evidence) })) });
    // Made without reading any evidence.
    const { filename, mediaType } = assessmentResults({ ...data.export, controls });
    if (this.postgres) {
      const db = this.readHandle;
      return {
        filename,
        mediaType,
        // Every control's evidence from one snapshot, into the spool a control at a time; then
        // the document is written from the spool.
        chunks: async function* () {
          const spool = new ExportSpool<string, readonly ObservedEvidence[]>(spoolDirectory);
          try {
            const snapshot = await PostgresReadSnapshot.openOn(db);
            try {
              const reading = new ExportReadRepository(snapshot.db);
              if (consistent && (await reading.dataVersion()) !== version) throw new DataChangedError();
              for (const c of controls) {
                readAhead.set(c.controlId, await reading.evidenceOfControl(c.controlId, scope, at));
                spool.put(c.refId, c.evidence());
                readAhead.delete(c.controlId);
              }
            } finally {
              await snapshot.close();
            }
            yield* batched(spooled(spool).chunks());
          } finally {
            spool.close();
          }
        },
      };
    }
    return {
      filename,
      mediaType,
      chunks: function* () {
        const spool = new ExportSpool<string, readonly ObservedEvidence[]>(spoolDirectory);
        try {
          yield* spooled(spool).chunks();
        } finally {
          spool.close();
        }
        if (consistent && rows.dataVersionNow() !== version) throw new DataChangedError();
      },
    };
  }

  /** Live mappings as CSV mappings (the import format); only those of the frameworks given (null: all). */
  async mappings(actor: Actor, frameworkIds: readonly number[] | null = null): Promise<ExportDocument> {
    assertAllowed(actor, 'READ');
    const rows = await this.rows.liveMappings(frameworkIds);
    return mappingsCsv(rows);
  }

  /** Live crosswalk links as CSV links (the import format); only those from the frameworks given (null: all). */
  async links(actor: Actor, frameworkIds: readonly number[] | null = null): Promise<ExportDocument> {
    assertAllowed(actor, 'READ');
    return linksCsv(await this.rows.liveLinks(frameworkIds));
  }

  /** Live controls as CSV controls (the import format). */
  async controls(actor: Actor): Promise<ExportDocument> {
    assertAllowed(actor, 'READ');
    return controlsCsv(await this.rows.liveControls());
  }

  /**
   * Evidence metadata as CSV (export only). From a database file, read a page at a time while it
   * is written, all from one read snapshot (read-snapshot.ts); on PostgreSQL the pages are read
   * from one PostgresReadSnapshot into a spool file first, then written from it a page at a time;
   * an in-memory database is read whole. `spoolDirectory`: where that spool file lives.
   */
  async evidence(actor: Actor, spoolDirectory: string = tmpdir()): Promise<BuiltDocument> {
    assertAllowed(actor, 'READ');
    if (this.postgres) {
      const db = this.readHandle;
      const { filename, mediaType } = evidenceCsvInOrder(() => []);
      return {
        filename,
        mediaType,
        chunks: () =>
          spooledPages(
            spoolDirectory,
            db,
            (snapshot) => new ExportReadRepository(snapshot).evidenceMetadataPagesAsync(),
            async () => undefined,
            (_, pages) => evidenceCsvInOrder(function* () {
              for (const page of pages()) yield* page;
            }).chunks(),
          ),
      };
    }
    const file = this.file;
    if (file === null) return evidenceCsv(await this.rows.evidenceMetadata());
    return evidenceCsvInOrder(function* () {
      const snapshot = ReadSnapshot.open(file);
      try {
        for (const page of new ExportReadRepository(snapshot.db).evidenceMetadataPages()) yield* page;
      } finally {
        snapshot.close();
      }
    });
  }

  /**
   * The native bundle of the whole graph with its history. ADMIN: it holds everything. From a
   * database file, everything is read from one read snapshot (read-snapshot.ts), the evidence (with
   * its control links and reviews) a page at a time while it is written; on PostgreSQL from one
   * PostgresReadSnapshot, the evidence pages into a spool file first; an in-memory database is
   * read whole.
   */
  async bundle(actor: Actor, spoolDirectory: string = tmpdir()): Promise<BuiltDocument> {
    assertAllowed(actor, 'ADMIN');
    const now = this.clock();
    const described = { filename: `crosswalk-bundle-${compactInstant(now.getTime())}.json`, mediaType: MEDIA_TYPES.JSON };
    if (this.postgres) {
      const db = this.readHandle;
      return {
        ...described,
        chunks: () =>
          spooledPages(
            spoolDirectory,
            db,
            (snapshot) => createRepositories(snapshot).bundle.evidencePages(),
            (snapshot) => createRepositories(snapshot).bundle.readAllHere({ evidence: false }),
            (rows, pages: () => Iterable<BundleEvidencePage>) => jsonDocument(bundleDocument(rows, now, pages)),
          ),
      };
    }
    const file = this.file;
    if (file === null) {
      const bundle = bundleDocument(await this.reader.bundle.readAll(), now);
      return { ...described, chunks: () => jsonDocument(bundle) };
    }
    return {
      ...described,
      chunks: function* () {
        const snapshot = ReadSnapshot.open(file);
        try {
          const read = createRepositories(snapshot.db).bundle;
          yield* jsonDocument(bundleDocument(read.readAllNow({ evidence: false }), now, () => read.evidencePagesNow()));
        } finally {
          snapshot.close();
        }
      },
    };
  }

  /** One evaluation and the rows it names, read at the same data version. */
  private async coverageData(
    actor: Actor,
    options: CoverageExportOptions,
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
          const coverage = answer.requirementDetail(requirementId)!; // not kept: the document makes each again as it writes it
          for (const c of coverage.contributions) {
            controlIds.add(c.controlId);
            for (const id of c.path) requirementIds.add(id);
            requirementIds.add(c.mappedRequirementId);
          }
          for (const reason of coverage.reasons) for (const id of reason.controlIds) controlIds.add(id);
        }
      }
      const rows = await this.rows.reportRows({
        frameworkIds,
        requirementIds: [...requirementIds],
        controlIds: [...controlIds],
        aiSystemId: answer.aiSystemId,
      });
      if (rows.version !== before && attempt < CONSISTENT_READ_ATTEMPTS) continue;
      return { export: toExport(answer, frameworks, rows, generatedAt), rows, answer };
    }
  }
}

/**
 * PostgreSQL's paged reads for a document: opens a PostgresReadSnapshot on `db`, reads `head`
 * (rows read whole) and every page of `pages` from it, the pages into a spool file in `directory`
 * as they come (one held at a time), ends the snapshot, then yields the pieces of `write`, which
 * reads the pages back from the spool one at a time. Memory stays flat and every row is of one
 * commit; the connection is held only while reading.
 */
async function* spooledPages<H, P>(
  directory: string,
  db: Db,
  pages: (snapshot: Db) => AsyncIterable<P>,
  head: (snapshot: Db) => Promise<H>,
  write: (head: H, pages: () => Iterable<P>) => Iterable<string>,
): AsyncGenerator<string> {
  const spool = new ExportSpool<number, P>(directory);
  try {
    let count = 0;
    let rows: H;
    const snapshot = await PostgresReadSnapshot.openOn(db);
    try {
      rows = await head(snapshot.db);
      for await (const page of pages(snapshot.db)) spool.put(count++, page);
    } finally {
      await snapshot.close();
    }
    const unread = (): P => {
      throw new Error('export spool: a page was not read ahead');
    };
    yield* batched(
      write(rows, function* () {
        for (let i = 0; i < count; i++) yield spool.read(i, unread);
      }),
    );
  } finally {
    spool.close();
  }
}
