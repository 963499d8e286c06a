/**
 * Bulk reads and writes of the native bundle: the whole graph (read in one read transaction, so
 * every table is read at the same commit) and the raw inserts that restore a bundle with its
 * recorded instants and authors.
 *
 * Every list is ordered by row id (tables without an id by their key columns), so an export
 * lists rows in the order they were created and a restore, inserting in that order, gives rows
 * whose ids sort the same way (the coverage engine breaks ties by id).
 */
import { and, asc, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { BundleEvidencePage, BundleRows } from '../../domain/export/bundle-rows.js';
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
import { batches, inList, variablesPerRow } from './sql-helpers.js';

const liveRequirement = (column: SQLiteColumn) => sql`${column} IN (SELECT id FROM requirements WHERE retired_at IS NULL)`;
const liveControl = (column: SQLiteColumn) => sql`${column} IN (SELECT id FROM controls WHERE retired_at IS NULL)`;
const liveFramework = (column: SQLiteColumn) => sql`${column} IN (SELECT id FROM frameworks WHERE retired_at IS NULL)`;
const noneOrLiveSystem = (column: SQLiteColumn) => sql`(${column} IS NULL OR ${column} IN (SELECT id FROM ai_systems WHERE retired_at IS NULL))`;

/** Items of evidence per page of the paged evidence section (evidencePagesNow). */
export const BUNDLE_EVIDENCE_PAGE_SIZE = 500;

/** How many rows the tables a bundle writes first hold (all zero: an empty instance). */
export interface GraphHoldings {
  frameworks: number;
  controls: number;
  aiSystems: number;
  evidence: number;
}

/** The tables a restore writes, by name. */
const RESTORED = {
  frameworks,
  requirements,
  threats,
  threatRequirements,
  aiSystems,
  aiSystemFrameworks,
  controls,
  controlStatusChanges,
  aiSystemControlStatuses,
  mappings,
  mappingRevisions,
  requirementLinks,
  notApplicableMarks,
  evidence,
  evidenceControls,
  evidenceReviews,
  baselines,
  baselineRequirements,
  baselineApplications,
  coverageSnapshots,
} as const;
export type RestoredTable = keyof typeof RESTORED;
/** A row of a restored table as the restore writes it. */
export type RestoredRow<T extends RestoredTable> = (typeof RESTORED)[T]['$inferInsert'];
/** The restored tables with an `id` column (a restore needs the new ids of their rows). */
type WithId = 'frameworks' | 'requirements' | 'threats' | 'aiSystems' | 'controls' | 'mappings' | 'evidence' | 'baselines';

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

  /**
   * `readAll` on the current connection or transaction, synchronously (for use inside a write
   * transaction). `evidence: false` leaves the evidence, its control links and reviews out (read
   * them a page at a time with evidencePagesNow).
   */
  readAllNow(options: { evidence?: boolean } = {}): BundleRows {
    const withEvidence = options.evidence ?? true;
    const rows = <T extends SQLiteTable>(table: T, where: SQL | undefined, ...order: SQLiteColumn[]): T['$inferSelect'][] =>
      this.db
        .select()
        .from(table as SQLiteTable)
        .where(where)
        .orderBy(...order.map((column) => asc(column)))
        .all() as T['$inferSelect'][];
    const liveBaseline = (column: SQLiteColumn) =>
      sql`${column} IN (SELECT id FROM baselines WHERE framework_id IN (SELECT id FROM frameworks WHERE retired_at IS NULL))`;
    return {
      frameworks: rows(frameworks, isNull(frameworks.retiredAt), frameworks.id),
      requirements: rows(requirements, isNull(requirements.retiredAt), requirements.id),
      requirementVersions: rows(
        requirementVersions,
        liveRequirement(requirementVersions.requirementId),
        requirementVersions.requirementId,
        requirementVersions.validFrom,
        requirementVersions.id,
      ),
      threats: rows(threats, isNull(threats.retiredAt), threats.id),
      threatRequirements: rows(threatRequirements, liveRequirement(threatRequirements.requirementId), threatRequirements.threatId, threatRequirements.id),
      controls: rows(controls, isNull(controls.retiredAt), controls.id),
      controlStatusChanges: rows(
        controlStatusChanges,
        and(liveControl(controlStatusChanges.controlId), noneOrLiveSystem(controlStatusChanges.aiSystemId)),
        controlStatusChanges.id,
      ),
      aiSystems: rows(aiSystems, isNull(aiSystems.retiredAt), aiSystems.id),
      aiSystemFrameworks: rows(aiSystemFrameworks, liveFramework(aiSystemFrameworks.frameworkId), aiSystemFrameworks.aiSystemId, aiSystemFrameworks.id),
      aiSystemControlStatuses: rows(aiSystemControlStatuses, undefined, aiSystemControlStatuses.controlId, aiSystemControlStatuses.aiSystemId),
      mappings: rows(mappings, and(liveRequirement(mappings.requirementId), liveControl(mappings.controlId)), mappings.id),
      mappingRevisions: rows(
        mappingRevisions,
        sql`${mappingRevisions.mappingId} IN (SELECT id FROM mappings WHERE requirement_id IN (SELECT id FROM requirements WHERE retired_at IS NULL)
            AND control_id IN (SELECT id FROM controls WHERE retired_at IS NULL))`,
        mappingRevisions.id,
      ),
      requirementLinks: rows(
        requirementLinks,
        and(liveRequirement(requirementLinks.sourceRequirementId), liveRequirement(requirementLinks.targetRequirementId)),
        requirementLinks.id,
      ),
      notApplicableMarks: rows(
        notApplicableMarks,
        and(liveRequirement(notApplicableMarks.requirementId), noneOrLiveSystem(notApplicableMarks.aiSystemId)),
        notApplicableMarks.id,
      ),
      evidence: withEvidence ? rows(evidence, noneOrLiveSystem(evidence.aiSystemId), evidence.id) : [],
      evidenceControls: withEvidence
        ? rows(evidenceControls, liveControl(evidenceControls.controlId), evidenceControls.evidenceId, evidenceControls.controlId)
        : [],
      evidenceReviews: withEvidence ? rows(evidenceReviews, undefined, evidenceReviews.id) : [],
      baselines: rows(baselines, liveFramework(baselines.frameworkId), baselines.id),
      baselineRequirements: rows(
        baselineRequirements,
        and(liveRequirement(baselineRequirements.requirementId), liveBaseline(baselineRequirements.baselineId)),
        baselineRequirements.id,
      ),
      baselineApplications: rows(
        baselineApplications,
        and(noneOrLiveSystem(baselineApplications.aiSystemId), liveBaseline(baselineApplications.baselineId)),
        baselineApplications.id,
      ),
      coverageSnapshots: rows(
        coverageSnapshots,
        and(liveFramework(coverageSnapshots.frameworkId), noneOrLiveSystem(coverageSnapshots.aiSystemId)),
        coverageSnapshots.id,
      ),
    };
  }

  /**
   * The evidence rows of `readAllNow`, a page of `pageSize` items at a time (by id, keyset), each
   * with the control links and reviews of its items in `readAllNow`'s order. Read on a
   * ReadSnapshot's connection, so that every page sees the same commit as the other rows.
   */
  *evidencePagesNow(pageSize = BUNDLE_EVIDENCE_PAGE_SIZE): Generator<BundleEvidencePage> {
    for (let after = 0; ; ) {
      const items = this.db
        .select()
        .from(evidence)
        .where(and(noneOrLiveSystem(evidence.aiSystemId), gt(evidence.id, after)))
        .orderBy(asc(evidence.id))
        .limit(pageSize)
        .all();
      if (items.length === 0) return;
      const ids = items.map((e) => e.id);
      after = ids[ids.length - 1]!;
      yield {
        evidence: items,
        evidenceControls: this.db
          .select()
          .from(evidenceControls)
          .where(and(inList(evidenceControls.evidenceId, ids), liveControl(evidenceControls.controlId)))
          .orderBy(asc(evidenceControls.evidenceId), asc(evidenceControls.controlId))
          .all(),
        evidenceReviews: this.db.select().from(evidenceReviews).where(inList(evidenceReviews.evidenceId, ids)).orderBy(asc(evidenceReviews.id)).all(),
      };
    }
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

  // --- restore (raw inserts with the bundle's instants and authors) ---------------------------

  /** Inserts one row into a restored table; its new id. */
  async insertRow<T extends WithId>(table: T, values: RestoredRow<T>): Promise<number> {
    const target = RESTORED[table] as (typeof RESTORED)[WithId];
    return (this.db.insert(target).values(values as never).returning({ id: target.id }).get() as { id: number }).id;
  }

  /** Multi-row INSERTs in order: rows get ascending ids in the order given. */
  async insertRows<T extends RestoredTable>(table: T, rows: RestoredRow<T>[]): Promise<void> {
    const target: SQLiteTable = RESTORED[table];
    for (const batch of batches(rows, variablesPerRow(target))) this.db.insert(target).values(batch as never).run();
  }









  async setRequirementParent(id: number, parentId: number): Promise<void> {
    this.db.update(requirements).set({ parentId }).where(eq(requirements.id, id)).run();
  }

  /** Replaces a restored requirement's structure versions (the triggers wrote one) by the bundle's. */
  async setRequirementVersions(id: number, versions: readonly Omit<typeof requirementVersions.$inferInsert, 'requirementId'>[]): Promise<void> {
    this.db.delete(requirementVersions).where(eq(requirementVersions.requirementId, id)).run();
    if (versions.length) this.db.insert(requirementVersions).values(versions.map((v) => ({ ...v, requirementId: id }))).run();
  }

  async setThreatParent(id: number, parentId: number): Promise<void> {
    this.db.update(threats).set({ parentId }).where(eq(threats.id, id)).run();
  }
}
