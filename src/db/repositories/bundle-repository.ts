/**
 * Bulk reads and writes of the exports: the whole graph for the native bundle (read in one read
 * transaction, so every table is read at the same commit), the rows a coverage report or an
 * assessment-results document names, the live mappings of the CSV mappings export, and the raw
 * inserts that restore a bundle with its recorded instants and authors.
 *
 * Every list is ordered by row id (tables without an id by their key columns), so an export
 * lists rows in the order they were created and a restore, inserting in that order, gives rows
 * whose ids sort the same way (the coverage engine breaks ties by id).
 */
import type { ControlCsvRow } from '../../domain/export/controls-csv.js';
import type { EvidenceCsvRow } from '../../domain/export/evidence-csv.js';
import type { LinkCsvRow } from '../../domain/export/links-csv.js';
import type { MappingCsvRow } from '../../domain/export/mappings-csv.js';
import { dataVersionIn } from './coverage-repository.js';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { InferSelectModel } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../store.js';
import {
  aiSystemControlStatuses,
  aiSystemFrameworks,
  aiSystems,
  baselineApplications,
  baselineRequirements,
  baselines,
  controlStatusChanges,
  controls,
  coverageSnapshots,
  evidence,
  evidenceControls,
  evidenceReviews,
  frameworks,
  mappingRevisions,
  mappings,
  notApplicableMarks,
  requirementLinks,
  requirements,
  threatRequirements,
  threats,
  requirementVersions,
} from '../schema/index.js';
import type {
  AiSystemControlStatusRow,
  AiSystemFrameworkRow,
  AiSystemRow,
  BaselineApplicationRow,
  BaselineRequirementRow,
  BaselineRow,
  ControlRow,
  ControlStatusChangeRow,
  EvidenceReviewRow,
  EvidenceRow,
  FrameworkRow,
  MappingRevisionRow,
  MappingRow,
  NotApplicableMarkRow,
  RequirementLinkRow,
  RequirementRow,
  ThreatRow,
} from '../rows.js';
import { inList } from './sql-helpers.js';

export type ThreatRequirementRow = InferSelectModel<typeof threatRequirements>;
export type RequirementVersionRow = InferSelectModel<typeof requirementVersions>;
export type EvidenceControlLinkRow = InferSelectModel<typeof evidenceControls>;
export type CoverageSnapshotRecordRow = InferSelectModel<typeof coverageSnapshots>;

/** Every row of the graph the native bundle carries, each table ordered by id. */
export interface BundleRows {
  frameworks: FrameworkRow[];
  requirements: RequirementRow[];
  /** The structure versions of the requirements (rule 10), by (requirement, validFrom, id). */
  requirementVersions: RequirementVersionRow[];
  threats: ThreatRow[];
  threatRequirements: ThreatRequirementRow[];
  controls: ControlRow[];
  controlStatusChanges: ControlStatusChangeRow[];
  aiSystems: AiSystemRow[];
  aiSystemFrameworks: AiSystemFrameworkRow[];
  aiSystemControlStatuses: AiSystemControlStatusRow[];
  mappings: MappingRow[];
  mappingRevisions: MappingRevisionRow[];
  requirementLinks: RequirementLinkRow[];
  notApplicableMarks: NotApplicableMarkRow[];
  evidence: EvidenceRow[];
  evidenceControls: EvidenceControlLinkRow[];
  evidenceReviews: EvidenceReviewRow[];
  baselines: BaselineRow[];
  baselineRequirements: BaselineRequirementRow[];
  baselineApplications: BaselineApplicationRow[];
  coverageSnapshots: CoverageSnapshotRecordRow[];
}

/** What a coverage report or assessment-results document names, read at one commit. */
export interface ReportRows {
  /** The data version the rows were read at (compare with CoverageRepository.dataVersion). */
  version: string;
  frameworks: FrameworkRow[];
  /** The frameworks' requirements plus the other requirements asked for, by id. */
  requirements: (RequirementRow & { frameworkRefId: string })[];
  controls: ControlRow[];
  aiSystem: AiSystemRow | null;
  /** Evidence attached to the controls (only when asked for), by id. */
  evidence: EvidenceRow[];
  evidenceControls: EvidenceControlLinkRow[];
  evidenceReviews: EvidenceReviewRow[];
}

export interface ReportRowsRequest {
  frameworkIds: readonly number[];
  /** Requirements outside those frameworks that are named too (crosswalk paths). */
  requirementIds: readonly number[];
  controlIds: readonly number[];
  aiSystemId: number | null;
  withEvidence: boolean;
}


/** How many rows the tables a bundle writes first hold (all zero: an empty instance). */
export interface GraphHoldings {
  frameworks: number;
  controls: number;
  aiSystems: number;
  evidence: number;
}

/** Rows per multi-row INSERT (well under SQLite's bound-parameter limit for the widest table). */
const CHUNK = 400;


export class BundleRepository {
  constructor(private readonly db: Db) {}

  // --- reads ---------------------------------------------------------------------------------

  /**
   * Every row the bundle carries, read in one read transaction: the live state (rule 10: retired
   * frameworks, requirements, threats, controls and AI systems, and the rows that only concern
   * them, stay out of bundles; retired mappings and links between live objects are carried).
   */
  async readAll(): Promise<BundleRows> {
    return this.db.transaction((tx) => new BundleRepository(tx as unknown as Db).readAllNow(), { behavior: 'deferred' });
  }

  /** `readAll` on the current connection or transaction, synchronously (for use inside a write transaction). */
  readAllNow(): BundleRows {
    const db = this.db;
    const liveRequirement = (column: SQLiteColumn) => sql`${column} IN (SELECT id FROM requirements WHERE retired_at IS NULL)`;
    const liveControl = (column: SQLiteColumn) => sql`${column} IN (SELECT id FROM controls WHERE retired_at IS NULL)`;
    const liveFramework = (column: SQLiteColumn) => sql`${column} IN (SELECT id FROM frameworks WHERE retired_at IS NULL)`;
    const noneOrLiveSystem = (column: SQLiteColumn) => sql`(${column} IS NULL OR ${column} IN (SELECT id FROM ai_systems WHERE retired_at IS NULL))`;
    return {
      frameworks: db.select().from(frameworks).where(isNull(frameworks.retiredAt)).orderBy(asc(frameworks.id)).all(),
      requirements: db.select().from(requirements).where(isNull(requirements.retiredAt)).orderBy(asc(requirements.id)).all(),
      requirementVersions: db
        .select()
        .from(requirementVersions)
        .where(liveRequirement(requirementVersions.requirementId))
        .orderBy(asc(requirementVersions.requirementId), asc(requirementVersions.validFrom), asc(requirementVersions.id))
        .all(),
      threats: db.select().from(threats).where(isNull(threats.retiredAt)).orderBy(asc(threats.id)).all(),
      threatRequirements: db
        .select()
        .from(threatRequirements)
        .where(liveRequirement(threatRequirements.requirementId))
        .orderBy(asc(threatRequirements.threatId), asc(threatRequirements.id))
        .all(),
      controls: db.select().from(controls).where(isNull(controls.retiredAt)).orderBy(asc(controls.id)).all(),
      controlStatusChanges: db
        .select()
        .from(controlStatusChanges)
        .where(and(liveControl(controlStatusChanges.controlId), noneOrLiveSystem(controlStatusChanges.aiSystemId)))
        .orderBy(asc(controlStatusChanges.id))
        .all(),
      aiSystems: db.select().from(aiSystems).where(isNull(aiSystems.retiredAt)).orderBy(asc(aiSystems.id)).all(),
      aiSystemFrameworks: db
        .select()
        .from(aiSystemFrameworks)
        .where(liveFramework(aiSystemFrameworks.frameworkId))
        .orderBy(asc(aiSystemFrameworks.aiSystemId), asc(aiSystemFrameworks.id))
        .all(),
      aiSystemControlStatuses: db
        .select()
        .from(aiSystemControlStatuses)
        .orderBy(asc(aiSystemControlStatuses.controlId), asc(aiSystemControlStatuses.aiSystemId))
        .all(),
      mappings: db
        .select()
        .from(mappings)
        .where(and(liveRequirement(mappings.requirementId), liveControl(mappings.controlId)))
        .orderBy(asc(mappings.id))
        .all(),
      mappingRevisions: db
        .select()
        .from(mappingRevisions)
        .where(
          sql`${mappingRevisions.mappingId} IN (SELECT id FROM mappings WHERE requirement_id IN (SELECT id FROM requirements WHERE retired_at IS NULL)
            AND control_id IN (SELECT id FROM controls WHERE retired_at IS NULL))`,
        )
        .orderBy(asc(mappingRevisions.id))
        .all(),
      requirementLinks: db
        .select()
        .from(requirementLinks)
        .where(and(liveRequirement(requirementLinks.sourceRequirementId), liveRequirement(requirementLinks.targetRequirementId)))
        .orderBy(asc(requirementLinks.id))
        .all(),
      notApplicableMarks: db
        .select()
        .from(notApplicableMarks)
        .where(and(liveRequirement(notApplicableMarks.requirementId), noneOrLiveSystem(notApplicableMarks.aiSystemId)))
        .orderBy(asc(notApplicableMarks.id))
        .all(),
      evidence: db.select().from(evidence).where(noneOrLiveSystem(evidence.aiSystemId)).orderBy(asc(evidence.id)).all(),
      evidenceControls: db
        .select()
        .from(evidenceControls)
        .where(liveControl(evidenceControls.controlId))
        .orderBy(asc(evidenceControls.evidenceId), asc(evidenceControls.controlId))
        .all(),
      evidenceReviews: db.select().from(evidenceReviews).orderBy(asc(evidenceReviews.id)).all(),
      baselines: db.select().from(baselines).where(liveFramework(baselines.frameworkId)).orderBy(asc(baselines.id)).all(),
      baselineRequirements: db
        .select()
        .from(baselineRequirements)
        .where(and(liveRequirement(baselineRequirements.requirementId), sql`${baselineRequirements.baselineId} IN (SELECT id FROM baselines WHERE framework_id IN (SELECT id FROM frameworks WHERE retired_at IS NULL))`))
        .orderBy(asc(baselineRequirements.id))
        .all(),
      baselineApplications: db
        .select()
        .from(baselineApplications)
        .where(and(noneOrLiveSystem(baselineApplications.aiSystemId), sql`${baselineApplications.baselineId} IN (SELECT id FROM baselines WHERE framework_id IN (SELECT id FROM frameworks WHERE retired_at IS NULL))`))
        .orderBy(asc(baselineApplications.id))
        .all(),
      coverageSnapshots: db
        .select()
        .from(coverageSnapshots)
        .where(and(liveFramework(coverageSnapshots.frameworkId), noneOrLiveSystem(coverageSnapshots.aiSystemId)))
        .orderBy(asc(coverageSnapshots.id))
        .all(),
    };
  }

  /** Row counts of the tables a restore writes first (everything else hangs off them). */
  holdingsNow(): GraphHoldings {
    const row = this.db.get<GraphHoldings>(sql`SELECT
      (SELECT count(*) FROM ${frameworks}) AS frameworks,
      (SELECT count(*) FROM ${controls}) AS controls,
      (SELECT count(*) FROM ${aiSystems}) AS aiSystems,
      (SELECT count(*) FROM ${evidence}) AS evidence`);
    return row;
  }

  /** The rows a coverage export names, in one read transaction, with the data version they were read at. */
  async reportRows(request: ReportRowsRequest): Promise<ReportRows> {
    return this.db.transaction(
      (tx) => {
        const frameworkRows = request.frameworkIds.length
          ? tx.select().from(frameworks).where(inList(frameworks.id, request.frameworkIds)).orderBy(asc(frameworks.id)).all()
          : [];
        const version = dataVersionIn(tx as Db);
        const requirementColumns = { requirement: requirements, frameworkRefId: frameworks.refId };
        const inFrameworks = request.frameworkIds.length
          ? tx
              .select(requirementColumns)
              .from(requirements)
              .innerJoin(frameworks, eq(frameworks.id, requirements.frameworkId))
              .where(inList(requirements.frameworkId, request.frameworkIds))
              .orderBy(asc(requirements.id))
              .all()
          : [];
        const seen = new Set(inFrameworks.map((r) => r.requirement.id));
        const extraIds = [...new Set(request.requirementIds)].filter((id) => !seen.has(id));
        const extra = extraIds.length
          ? tx
              .select(requirementColumns)
              .from(requirements)
              .innerJoin(frameworks, eq(frameworks.id, requirements.frameworkId))
              .where(inList(requirements.id, extraIds))
              .orderBy(asc(requirements.id))
              .all()
          : [];
        const controlRows = request.controlIds.length
          ? tx.select().from(controls).where(inList(controls.id, request.controlIds)).orderBy(asc(controls.id)).all()
          : [];
        const aiSystem = request.aiSystemId === null ? null : (tx.select().from(aiSystems).where(eq(aiSystems.id, request.aiSystemId)).get() ?? null);
        let evidenceRows: EvidenceRow[] = [];
        let links: EvidenceControlLinkRow[] = [];
        let reviews: EvidenceReviewRow[] = [];
        if (request.withEvidence && request.controlIds.length) {
          links = tx
            .select()
            .from(evidenceControls)
            .where(inList(evidenceControls.controlId, request.controlIds))
            .orderBy(asc(evidenceControls.evidenceId), asc(evidenceControls.controlId))
            .all();
          const evidenceIds = [...new Set(links.map((l) => l.evidenceId))];
          if (evidenceIds.length) {
            evidenceRows = tx.select().from(evidence).where(inList(evidence.id, evidenceIds)).orderBy(asc(evidence.id)).all();
            reviews = tx
              .select()
              .from(evidenceReviews)
              .where(inList(evidenceReviews.evidenceId, evidenceIds))
              .orderBy(asc(evidenceReviews.id))
              .all();
          }
        }
        return {
          version,
          frameworks: frameworkRows,
          requirements: [...inFrameworks, ...extra].map((r) => ({ ...r.requirement, frameworkRefId: r.frameworkRefId })),
          controls: controlRows,
          aiSystem,
          evidence: evidenceRows,
          evidenceControls: links,
          evidenceReviews: reviews,
        };
      },
      { behavior: 'deferred' },
    );
  }

  /** Live mappings with the natural keys of both ends; only those of the frameworks given (null: all). */
  async liveMappings(frameworkIds: readonly number[] | null): Promise<MappingCsvRow[]> {
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
      .where(and(isNull(mappings.retiredAt), frameworkIds === null ? undefined : inList(frameworks.id, frameworkIds)))
      .all();
  }

  /** Live crosswalk links whose source requirement is in one of the frameworks (null: all), by natural key. */
  async liveLinks(frameworkIds: readonly number[] | null): Promise<LinkCsvRow[]> {
    const rows = this.db.all<LinkCsvRow>(sql`
      SELECT sf.ref_id AS sourceFrameworkRefId, s.ref_id AS sourceRequirementRefId, tf.ref_id AS targetFrameworkRefId,
             t.ref_id AS targetRequirementRefId, l.relationship, l.strength, l.rationale, l.provenance
      FROM requirement_links l
      JOIN requirements s ON s.id = l.source_requirement_id JOIN frameworks sf ON sf.id = s.framework_id
      JOIN requirements t ON t.id = l.target_requirement_id JOIN frameworks tf ON tf.id = t.framework_id
      WHERE l.retired_at IS NULL`);
    if (frameworkIds === null) return rows;
    const wanted = new Set((await this.db.select({ refId: frameworks.refId }).from(frameworks).where(inList(frameworks.id, frameworkIds)).all()).map((f) => f.refId));
    return rows.filter((r) => wanted.has(r.sourceFrameworkRefId));
  }

  /** Live controls, as the CSV controls export writes them. */
  async liveControls(): Promise<ControlCsvRow[]> {
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
      .where(isNull(controls.retiredAt))
      .all();
  }

  /** Every item of evidence with the refIds of the controls it supports and its AI system's name. */
  async evidenceMetadata(): Promise<EvidenceCsvRow[]> {
    const supported = new Map<number, string[]>();
    for (const link of this.db.select({ evidenceId: evidenceControls.evidenceId, refId: controls.refId }).from(evidenceControls).innerJoin(controls, eq(controls.id, evidenceControls.controlId)).all()) {
      const list = supported.get(link.evidenceId);
      if (list) list.push(link.refId);
      else supported.set(link.evidenceId, [link.refId]);
    }
    const systems = new Map(this.db.select({ id: aiSystems.id, name: aiSystems.name }).from(aiSystems).all().map((a) => [a.id, a.name]));
    return this.db
      .select()
      .from(evidence)
      .orderBy(asc(evidence.id))
      .all()
      .map((e) => ({
        id: e.id,
        kind: e.kind,
        title: e.title,
        status: e.status,
        controlRefIds: supported.get(e.id) ?? [],
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
      }));
  }

  // --- restore (raw inserts with the bundle's instants and authors) ---------------------------

  async insertFramework(values: typeof frameworks.$inferInsert): Promise<number> {
    return this.db.insert(frameworks).values(values).returning({ id: frameworks.id }).get().id;
  }

  async insertRequirement(values: typeof requirements.$inferInsert): Promise<number> {
    return this.db.insert(requirements).values(values).returning({ id: requirements.id }).get().id;
  }

  async setRequirementParent(id: number, parentId: number): Promise<void> {
    this.db.update(requirements).set({ parentId }).where(eq(requirements.id, id)).run();
  }

  /** Replaces a restored requirement's structure versions (the triggers wrote one) by the bundle's. */
  async setRequirementVersions(id: number, versions: readonly Omit<typeof requirementVersions.$inferInsert, 'requirementId'>[]): Promise<void> {
    this.db.delete(requirementVersions).where(eq(requirementVersions.requirementId, id)).run();
    if (versions.length) this.db.insert(requirementVersions).values(versions.map((v) => ({ ...v, requirementId: id }))).run();
  }

  async insertThreat(values: typeof threats.$inferInsert): Promise<number> {
    return this.db.insert(threats).values(values).returning({ id: threats.id }).get().id;
  }

  async setThreatParent(id: number, parentId: number): Promise<void> {
    this.db.update(threats).set({ parentId }).where(eq(threats.id, id)).run();
  }

  async insertControl(values: typeof controls.$inferInsert): Promise<number> {
    return this.db.insert(controls).values(values).returning({ id: controls.id }).get().id;
  }

  async insertAiSystem(values: typeof aiSystems.$inferInsert): Promise<number> {
    return this.db.insert(aiSystems).values(values).returning({ id: aiSystems.id }).get().id;
  }

  async insertMapping(values: typeof mappings.$inferInsert): Promise<number> {
    return this.db.insert(mappings).values(values).returning({ id: mappings.id }).get().id;
  }

  async insertEvidence(values: typeof evidence.$inferInsert): Promise<number> {
    return this.db.insert(evidence).values(values).returning({ id: evidence.id }).get().id;
  }

  async insertBaseline(values: typeof baselines.$inferInsert): Promise<number> {
    return this.db.insert(baselines).values(values).returning({ id: baselines.id }).get().id;
  }

  async insertThreatRequirements(rows: (typeof threatRequirements.$inferInsert)[]): Promise<void> {
    this.insertMany(threatRequirements, rows);
  }

  async insertControlStatusChanges(rows: (typeof controlStatusChanges.$inferInsert)[]): Promise<void> {
    this.insertMany(controlStatusChanges, rows);
  }

  async insertAiSystemFrameworks(rows: (typeof aiSystemFrameworks.$inferInsert)[]): Promise<void> {
    this.insertMany(aiSystemFrameworks, rows);
  }

  async insertAiSystemControlStatuses(rows: (typeof aiSystemControlStatuses.$inferInsert)[]): Promise<void> {
    this.insertMany(aiSystemControlStatuses, rows);
  }

  async insertMappingRevisions(rows: (typeof mappingRevisions.$inferInsert)[]): Promise<void> {
    this.insertMany(mappingRevisions, rows);
  }

  async insertRequirementLinks(rows: (typeof requirementLinks.$inferInsert)[]): Promise<void> {
    this.insertMany(requirementLinks, rows);
  }

  async insertNotApplicableMarks(rows: (typeof notApplicableMarks.$inferInsert)[]): Promise<void> {
    this.insertMany(notApplicableMarks, rows);
  }

  async insertEvidenceControls(rows: (typeof evidenceControls.$inferInsert)[]): Promise<void> {
    this.insertMany(evidenceControls, rows);
  }

  async insertEvidenceReviews(rows: (typeof evidenceReviews.$inferInsert)[]): Promise<void> {
    this.insertMany(evidenceReviews, rows);
  }

  async insertBaselineRequirements(rows: (typeof baselineRequirements.$inferInsert)[]): Promise<void> {
    this.insertMany(baselineRequirements, rows);
  }

  async insertBaselineApplications(rows: (typeof baselineApplications.$inferInsert)[]): Promise<void> {
    this.insertMany(baselineApplications, rows);
  }

  async insertCoverageSnapshots(rows: (typeof coverageSnapshots.$inferInsert)[]): Promise<void> {
    this.insertMany(coverageSnapshots, rows);
  }

  /** Multi-row INSERTs in order: rows get ascending ids in the order given. */
  private insertMany<T extends SQLiteTable>(table: T, rows: readonly T['$inferInsert'][]): void {
    for (let i = 0; i < rows.length; i += CHUNK) {
      this.db
        .insert(table)
        .values(rows.slice(i, i + CHUNK) as never)
        .run();
    }
  }
}
