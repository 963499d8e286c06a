/**
 * The reads of the exports other than the bundle: the rows a coverage report or an
 * assessment-results document names (in one read transaction, with the data version they were
 * read at), the evidence of one control at an instant (read while the document is written), and the live rows of the CSV exports (mappings, links, controls, evidence), by
 * natural key, in the shapes the formatters of src/domain/export take.
 */
import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { EvidenceContent } from '../../domain/export/evidence-content.js';
import type { EvidenceStatus } from '../../domain/vocabulary.js';
import type { ControlCsvRow } from '../../domain/export/controls-csv.js';
import type { EvidenceCsvRow } from '../../domain/export/evidence-csv.js';
import type { LinkCsvRow } from '../../domain/export/links-csv.js';
import type { MappingCsvRow } from '../../domain/export/mappings-csv.js';
import type { Db } from '../store.js';
import type { evidence } from '../schema/index.js';
import { rows as rowsOf, sqlOf, tablesOf } from '../dialect.js';
import type { AiSystemRow, ControlRow, FrameworkRow, RequirementRow } from '../rows.js';
import { dataVersionIn, dataVersionOf, dataVersionRead } from './coverage/graph-version.js';
import { inReadTransaction, run, runAtOneCommit, runSync, select, type Read } from './coverage/dialect-reads.js';

/** What a coverage report or assessment-results document names, read at one commit. */
export interface ReportRows {
  /** The data version the rows were read at (compare with CoverageRepository.dataVersion). */
  version: string;
  frameworks: FrameworkRow[];
  /** The frameworks' requirements plus the other requirements asked for, by id. */
  requirements: (RequirementRow & { frameworkRefId: string })[];
  controls: ControlRow[];
  aiSystem: AiSystemRow | null;
}

/** The evidence of one control that counts in a scope at an instant, with the reviews of each then. */
export interface ControlEvidence {
  /** By evidence id. */
  evidence: (EvidenceContent & { id: number; aiSystemId: number | null; collectedAt: Date; validUntil: Date | null })[];
  /** Reviews at or before the instant of those items, by review id. */
  reviews: { evidenceId: number; status: EvidenceStatus; reviewedAt: Date }[];
}

export interface ReportRowsRequest {
  frameworkIds: readonly number[];
  /** Requirements outside those frameworks that are named too (crosswalk paths). */
  requirementIds: readonly number[];
  controlIds: readonly number[];
  aiSystemId: number | null;
}

export class ExportReadRepository {
  constructor(private readonly db: Db) {}

  /** The rows a coverage export names, in one read transaction, with the data version they were read at. */
  async reportRows(request: ReportRowsRequest): Promise<ReportRows> {
    return inReadTransaction(this.db, (tx) => reportRowsRead(tx, request));
  }

  /** The data version now (compare with ReportRows.version), synchronously (SQLite). */
  dataVersionNow(): string {
    return dataVersionIn(this.db);
  }

  /** The data version now (compare with ReportRows.version), on either backend. */
  async dataVersion(): Promise<string> {
    return dataVersionOf(this.db);
  }

  /**
   * The evidence supporting `controlId` that counts in a scope at `at`: gathered for no AI system
   * or for `aiSystemId`, created at or before `at`; with their reviews at or before `at`.
   * Synchronous (SQLite): read while a document is being written, one control at a time.
   */
  evidenceOfControlNow(controlId: number, aiSystemId: number | null, at: Date): ControlEvidence {
    return runSync(this.db, controlEvidenceRead(this.db, controlId, aiSystemId, at));
  }

  /** `evidenceOfControlNow` on either backend. */
  async evidenceOfControl(controlId: number, aiSystemId: number | null, at: Date): Promise<ControlEvidence> {
    return run(this.db, controlEvidenceRead(this.db, controlId, aiSystemId, at));
  }

  /** Live mappings with the natural keys of both ends; only those of the frameworks given (null: all). */
  async liveMappings(frameworkIds: readonly number[] | null): Promise<MappingCsvRow[]> {
    const { controls, frameworks, mappings, requirements } = tablesOf(this.db);
    return this.db
      .select({
        frameworkRefId: frameworks.refId,
        requirementRefId: requirements.refId,
        controlRefId: controls.refId,
        relationship: mappings.relationship,
        strength: mappings.strength,
        rationale: mappings.rationale,
      })
      .from(mappings)
      .innerJoin(requirements, eq(requirements.id, mappings.requirementId))
      .innerJoin(frameworks, eq(frameworks.id, requirements.frameworkId))
      .innerJoin(controls, eq(controls.id, mappings.controlId))
      .where(and(isNull(mappings.retiredAt), frameworkIds === null ? undefined : sqlOf(this.db).inList(frameworks.id, frameworkIds)));
  }

  /** Live crosswalk links whose source requirement is in one of the frameworks (null: all), by natural key. */
  async liveLinks(frameworkIds: readonly number[] | null): Promise<LinkCsvRow[]> {
    const rows = (
      await rowsOf<LinkCsvRow>(
        this.db,
        sql`
      SELECT sf.ref_id AS "sourceFrameworkRefId", s.ref_id AS "sourceRequirementRefId", tf.ref_id AS "targetFrameworkRefId",
             t.ref_id AS "targetRequirementRefId", l.relationship, l.strength, l.rationale, l.provenance
      FROM requirement_links l
      JOIN requirements s ON s.id = l.source_requirement_id JOIN frameworks sf ON sf.id = s.framework_id
      JOIN requirements t ON t.id = l.target_requirement_id JOIN frameworks tf ON tf.id = t.framework_id
      WHERE l.retired_at IS NULL`,
      )
    ).map((r) => ({ ...r, strength: r.strength === null ? null : Number(r.strength) }));
    if (frameworkIds === null) return rows;
    const { frameworks } = tablesOf(this.db);
    const wanted = new Set((await this.db.select({ refId: frameworks.refId }).from(frameworks).where(sqlOf(this.db).inList(frameworks.id, frameworkIds))).map((f) => f.refId));
    return rows.filter((r) => wanted.has(r.sourceFrameworkRefId));
  }

  /** Live controls, as the CSV controls export writes them. */
  async liveControls(): Promise<ControlCsvRow[]> {
    const { controls } = tablesOf(this.db);
    return this.db
      .select({
        refId: controls.refId,
        title: controls.title,
        description: controls.description,
        domain: controls.domain,
        type: controls.type,
        implementationStatus: controls.implementationStatus,
        owner: controls.owner,
      })
      .from(controls)
      .where(isNull(controls.retiredAt));
  }

  /** Every item of evidence with the refIds of the controls it supports and its AI system's name (whole; see evidenceMetadataPages). */
  async evidenceMetadata(): Promise<EvidenceCsvRow[]> {
    return runAtOneCommit(this.db, (db) => evidenceMetadataRead(db));
  }

  /**
   * The rows of `evidenceMetadata` in the evidence CSV's order (collection instant, then id), a
   * page of at most `pageSize` at a time: the order is read first (ids only), then each page's
   * rows and the refIds of their controls. Read them on a ReadSnapshot's connection (SQLite), so
   * that every page sees the same commit.
   */
  *evidenceMetadataPages(pageSize = EVIDENCE_PAGE_SIZE): Generator<EvidenceCsvRow[]> {
    const systems = runSync(this.db, aiSystemNames(this.db));
    const order = runSync(this.db, evidenceOrder(this.db));
    for (let start = 0; start < order.length; start += pageSize) yield runSync(this.db, evidenceMetadataPage(this.db, order.slice(start, start + pageSize), systems));
  }

  /** `evidenceMetadataPages` on either backend, each page awaited (a PostgresReadSnapshot's handle). */
  async *evidenceMetadataPagesAsync(pageSize = EVIDENCE_PAGE_SIZE): AsyncGenerator<EvidenceCsvRow[]> {
    const systems = await run(this.db, aiSystemNames(this.db));
    const order = await run(this.db, evidenceOrder(this.db));
    for (let start = 0; start < order.length; start += pageSize) yield run(this.db, evidenceMetadataPage(this.db, order.slice(start, start + pageSize), systems));
  }
}

/** The ids of every item of evidence in the evidence CSV's order (collection instant, then id). */
function* evidenceOrder(db: Db): Read<number[]> {
  const { evidence } = tablesOf(db);
  return (yield* select(db, db.select({ id: evidence.id }).from(evidence).orderBy(asc(evidence.collectedAt), asc(evidence.id)))).map((e) => e.id);
}

/** The evidence CSV rows of the items `ids`, in that order. */
function* evidenceMetadataPage(db: Db, ids: readonly number[], systems: ReadonlyMap<number, string>): Read<EvidenceCsvRow[]> {
  const { evidence } = tablesOf(db);
  const byId = new Map((yield* select(db, db.select().from(evidence).where(sqlOf(db).inList(evidence.id, ids)))).map((e) => [e.id, e]));
  const supported = yield* controlRefIdsByEvidence(db, ids);
  return ids.map((id) => evidenceCsvRow(byId.get(id)!, supported.get(id) ?? [], systems));
}

/** The rows of `reportRows`, read in the caller's read transaction. */
function* reportRowsRead(tx: Db, request: ReportRowsRequest): Read<ReportRows> {
  const { aiSystems, controls, frameworks, requirements } = tablesOf(tx);
  const inList = sqlOf(tx).inList;
  const frameworkRows = request.frameworkIds.length
    ? yield* select(tx, tx.select().from(frameworks).where(inList(frameworks.id, request.frameworkIds)).orderBy(asc(frameworks.id)))
    : [];
  const version = yield* dataVersionRead(tx);
  const requirementColumns = { requirement: requirements, frameworkRefId: frameworks.refId };
  const inFrameworks = request.frameworkIds.length
    ? yield* select(
        tx,
        tx
          .select(requirementColumns)
          .from(requirements)
          .innerJoin(frameworks, eq(frameworks.id, requirements.frameworkId))
          .where(inList(requirements.frameworkId, request.frameworkIds))
          .orderBy(asc(requirements.id)),
      )
    : [];
  const seen = new Set(inFrameworks.map((r) => r.requirement.id));
  const extraIds = [...new Set(request.requirementIds)].filter((id) => !seen.has(id));
  const extra = extraIds.length
    ? yield* select(
        tx,
        tx
          .select(requirementColumns)
          .from(requirements)
          .innerJoin(frameworks, eq(frameworks.id, requirements.frameworkId))
          .where(inList(requirements.id, extraIds))
          .orderBy(asc(requirements.id)),
      )
    : [];
  const controlRows = request.controlIds.length
    ? yield* select(tx, tx.select().from(controls).where(inList(controls.id, request.controlIds)).orderBy(asc(controls.id)))
    : [];
  const aiSystem = request.aiSystemId === null ? null : ((yield* select(tx, tx.select().from(aiSystems).where(eq(aiSystems.id, request.aiSystemId))))[0] ?? null);
  return {
    version,
    frameworks: frameworkRows,
    requirements: [...inFrameworks, ...extra].map((r) => ({ ...r.requirement, frameworkRefId: r.frameworkRefId })),
    controls: controlRows,
    aiSystem,
  };
}

/** The evidence of one control in a scope at an instant (see evidenceOfControlNow). */
function* controlEvidenceRead(db: Db, controlId: number, aiSystemId: number | null, at: Date): Read<ControlEvidence> {
  const { evidence, evidenceControls, evidenceReviews } = tablesOf(db);
  const inScope = aiSystemId === null ? isNull(evidence.aiSystemId) : or(isNull(evidence.aiSystemId), eq(evidence.aiSystemId, aiSystemId));
  const items = yield* select(
    db,
    db
      .select({
        id: evidence.id,
        kind: evidence.kind,
        title: evidence.title,
        description: evidence.description,
        url: evidence.url,
        sha256: evidence.sha256,
        sizeBytes: evidence.sizeBytes,
        mediaType: evidence.mediaType,
        filename: evidence.filename,
        aiSystemId: evidence.aiSystemId,
        collectedAt: evidence.collectedAt,
        validUntil: evidence.validUntil,
      })
      .from(evidenceControls)
      .innerJoin(evidence, eq(evidence.id, evidenceControls.evidenceId))
      .where(and(eq(evidenceControls.controlId, controlId), lte(evidence.createdAt, at), inScope))
      .orderBy(asc(evidenceControls.evidenceId)),
  );
  const reviews = items.length
    ? yield* select(
        db,
        db
          .select({ evidenceId: evidenceReviews.evidenceId, status: evidenceReviews.status, reviewedAt: evidenceReviews.reviewedAt })
          .from(evidenceReviews)
          .where(and(sqlOf(db).inList(evidenceReviews.evidenceId, items.map((e) => e.id)), lte(evidenceReviews.reviewedAt, at)))
          .orderBy(asc(evidenceReviews.id)),
      )
    : [];
  return { evidence: items, reviews };
}

/** Every item of evidence as the evidence CSV writes it, by id. */
function* evidenceMetadataRead(db: Db): Read<EvidenceCsvRow[]> {
  const { evidence } = tablesOf(db);
  const supported = yield* controlRefIdsByEvidence(db);
  const systems = yield* aiSystemNames(db);
  const items = yield* select(db, db.select().from(evidence).orderBy(asc(evidence.id)));
  return items.map((e) => evidenceCsvRow(e, supported.get(e.id) ?? [], systems));
}

/** The refIds of the controls each item of evidence supports (of the items `ids`, or all). */
function* controlRefIdsByEvidence(db: Db, ids?: readonly number[]): Read<Map<number, string[]>> {
  const { controls, evidenceControls } = tablesOf(db);
  const supported = new Map<number, string[]>();
  const links = yield* select(
    db,
    db
      .select({ evidenceId: evidenceControls.evidenceId, refId: controls.refId })
      .from(evidenceControls)
      .innerJoin(controls, eq(controls.id, evidenceControls.controlId))
      .where(ids ? sqlOf(db).inList(evidenceControls.evidenceId, ids) : undefined),
  );
  for (const link of links) {
    const list = supported.get(link.evidenceId);
    if (list) list.push(link.refId);
    else supported.set(link.evidenceId, [link.refId]);
  }
  return supported;
}

function* aiSystemNames(db: Db): Read<Map<number, string>> {
  const { aiSystems } = tablesOf(db);
  return new Map((yield* select(db, db.select({ id: aiSystems.id, name: aiSystems.name }).from(aiSystems))).map((a) => [a.id, a.name]));
}

/** Items of evidence read at a time by the paged evidence CSV (one statement each, whatever the size: inList). */
export const EVIDENCE_PAGE_SIZE = 500;

function evidenceCsvRow(e: typeof evidence.$inferSelect, controlRefIds: string[], systems: ReadonlyMap<number, string>): EvidenceCsvRow {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    status: e.status,
    controlRefIds,
    aiSystemName: e.aiSystemId === null ? null : (systems.get(e.aiSystemId) ?? null),
    collectedAt: e.collectedAt,
    validUntil: e.validUntil,
    url: e.url,
    sha256: e.sha256,
    filename: e.filename,
    mediaType: e.mediaType,
    sizeBytes: e.sizeBytes,
    reviewedBy: e.reviewedBy,
    reviewedAt: e.reviewedAt,
    reviewComment: e.reviewComment,
    description: e.description,
    createdBy: e.createdBy,
    createdAt: e.createdAt,
  };
}
