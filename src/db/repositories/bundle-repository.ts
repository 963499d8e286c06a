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
import { first, rows as rowsOf, sqlOf, tablesOf } from '../dialect.js';
import type { requirementVersions } from '../schema/index.js';
import { batches, variablesPerRow } from './sql-helpers.js';
import { inReadTransaction, run, runSync, select, type Read } from './coverage/dialect-reads.js';

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

/** The tables a restore writes, by name, of the handle's dialect. */
const restored = (db: Db) => {
  const t = tablesOf(db);
  return {
    frameworks: t.frameworks,
    requirements: t.requirements,
    threats: t.threats,
    threatRequirements: t.threatRequirements,
    aiSystems: t.aiSystems,
    aiSystemFrameworks: t.aiSystemFrameworks,
    controls: t.controls,
    controlStatusChanges: t.controlStatusChanges,
    aiSystemControlStatuses: t.aiSystemControlStatuses,
    mappings: t.mappings,
    mappingRevisions: t.mappingRevisions,
    requirementLinks: t.requirementLinks,
    notApplicableMarks: t.notApplicableMarks,
    evidence: t.evidence,
    evidenceControls: t.evidenceControls,
    evidenceReviews: t.evidenceReviews,
    baselines: t.baselines,
    baselineRequirements: t.baselineRequirements,
    baselineApplications: t.baselineApplications,
    coverageSnapshots: t.coverageSnapshots,
  } as const;
};
type Restored = ReturnType<typeof restored>;
export type RestoredTable = keyof Restored;
/** A row of a restored table as the restore writes it. */
export type RestoredRow<T extends RestoredTable> = Restored[T]['$inferInsert'];
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
    return inReadTransaction(this.db, (tx) => readAllRows(tx));
  }

  /**
   * `readAll` on the current transaction (a restore's write transaction, a PostgresReadSnapshot),
   * on either backend; `evidence: false` as in readAllNow.
   */
  async readAllHere(options: { evidence?: boolean } = {}): Promise<BundleRows> {
    return run(this.db, readAllRows(this.db, options));
  }

  /**
   * `readAll` on the current SQLite connection or transaction, synchronously (a ReadSnapshot's
   * connection). `evidence: false` leaves the evidence, its control links and reviews out (read
   * them a page at a time with evidencePagesNow).
   */
  readAllNow(options: { evidence?: boolean } = {}): BundleRows {
    return runSync(this.db, readAllRows(this.db, options));
  }

  /**
   * The evidence rows of `readAllNow`, a page of `pageSize` items at a time (by id, keyset), each
   * with the control links and reviews of its items in `readAllNow`'s order. Read on a
   * ReadSnapshot's connection (SQLite), so that every page sees the same commit as the other rows.
   */
  *evidencePagesNow(pageSize = BUNDLE_EVIDENCE_PAGE_SIZE): Generator<BundleEvidencePage> {
    for (let after = 0; ; ) {
      const page = runSync(this.db, evidencePage(this.db, after, pageSize));
      if (!page) return;
      after = page.evidence[page.evidence.length - 1]!.id;
      yield page;
    }
  }

  /** `evidencePagesNow` on either backend, each page awaited (a PostgresReadSnapshot's handle). */
  async *evidencePages(pageSize = BUNDLE_EVIDENCE_PAGE_SIZE): AsyncGenerator<BundleEvidencePage> {
    for (let after = 0; ; ) {
      const page = await run(this.db, evidencePage(this.db, after, pageSize));
      if (!page) return;
      after = page.evidence[page.evidence.length - 1]!.id;
      yield page;
    }
  }

  /** Row counts of the tables a restore writes first (everything else hangs off them). */
  async holdings(): Promise<GraphHoldings> {
    const [row] = await rowsOf<Record<keyof GraphHoldings, number | string>>(
      this.db,
      sql`SELECT
      (SELECT count(*) FROM frameworks) AS "frameworks",
      (SELECT count(*) FROM controls) AS "controls",
      (SELECT count(*) FROM ai_systems) AS "aiSystems",
      (SELECT count(*) FROM evidence) AS "evidence"`,
    );
    return { frameworks: Number(row!.frameworks), controls: Number(row!.controls), aiSystems: Number(row!.aiSystems), evidence: Number(row!.evidence) };
  }

  // --- restore (raw inserts with the bundle's instants and authors) ---------------------------

  /** Inserts one row into a restored table; its new id. */
  async insertRow<T extends WithId>(table: T, values: RestoredRow<T>): Promise<number> {
    const target = restored(this.db)[table] as Restored[WithId];
    return (await first(this.db.insert(target).values(values as never).returning({ id: target.id })))!.id;
  }

  /** Multi-row INSERTs in order: rows get ascending ids in the order given. */
  async insertRows<T extends RestoredTable>(table: T, rows: RestoredRow<T>[]): Promise<void> {
    const target: SQLiteTable = restored(this.db)[table];
    for (const batch of batches(rows, variablesPerRow(target))) await this.db.insert(target).values(batch as never);
  }

  async setRequirementParent(id: number, parentId: number): Promise<void> {
    const { requirements } = tablesOf(this.db);
    await this.db.update(requirements).set({ parentId }).where(eq(requirements.id, id));
  }

  /** Replaces a restored requirement's structure versions (the triggers wrote one) by the bundle's. */
  async setRequirementVersions(id: number, versions: readonly Omit<typeof requirementVersions.$inferInsert, 'requirementId'>[]): Promise<void> {
    const { requirementVersions } = tablesOf(this.db);
    await this.db.delete(requirementVersions).where(eq(requirementVersions.requirementId, id));
    if (versions.length) await this.db.insert(requirementVersions).values(versions.map((v) => ({ ...v, requirementId: id })));
  }

  async setThreatParent(id: number, parentId: number): Promise<void> {
    const { threats } = tablesOf(this.db);
    await this.db.update(threats).set({ parentId }).where(eq(threats.id, id));
  }
}

/** The rows of `readAll` (see there), on the handle's connection or transaction. */
function* readAllRows(db: Db, options: { evidence?: boolean } = {}): Read<BundleRows> {
  const withEvidence = options.evidence ?? true;
  const t = tablesOf(db);
  const {
    aiSystemControlStatuses, aiSystemFrameworks, aiSystems, baselineApplications, baselineRequirements, baselines, controlStatusChanges,
    controls, coverageSnapshots, evidence, evidenceControls, evidenceReviews, frameworks, mappingRevisions, mappings, notApplicableMarks,
    requirementLinks, requirements, threatRequirements, threats, requirementVersions,
  } = t;
  const rows = <T extends SQLiteTable>(table: T, where: SQL | undefined, ...order: SQLiteColumn[]): Read<T['$inferSelect'][]> =>
    select(
      db,
      db
        .select()
        .from(table as SQLiteTable)
        .where(where)
        .orderBy(...order.map((column) => asc(column))) as unknown as PromiseLike<T['$inferSelect'][]>,
    );
  const liveBaseline = (column: SQLiteColumn) =>
    sql`${column} IN (SELECT id FROM baselines WHERE framework_id IN (SELECT id FROM frameworks WHERE retired_at IS NULL))`;
  return {
    frameworks: yield* rows(frameworks, isNull(frameworks.retiredAt), frameworks.id),
    requirements: yield* rows(requirements, isNull(requirements.retiredAt), requirements.id),
    requirementVersions: yield* rows(
      requirementVersions,
      liveRequirement(requirementVersions.requirementId),
      requirementVersions.requirementId,
      requirementVersions.validFrom,
      requirementVersions.id,
    ),
    threats: yield* rows(threats, isNull(threats.retiredAt), threats.id),
    threatRequirements: yield* rows(threatRequirements, liveRequirement(threatRequirements.requirementId), threatRequirements.threatId, threatRequirements.id),
    controls: yield* rows(controls, isNull(controls.retiredAt), controls.id),
    controlStatusChanges: yield* rows(
      controlStatusChanges,
      and(liveControl(controlStatusChanges.controlId), noneOrLiveSystem(controlStatusChanges.aiSystemId)),
      controlStatusChanges.id,
    ),
    aiSystems: yield* rows(aiSystems, isNull(aiSystems.retiredAt), aiSystems.id),
    aiSystemFrameworks: yield* rows(aiSystemFrameworks, liveFramework(aiSystemFrameworks.frameworkId), aiSystemFrameworks.aiSystemId, aiSystemFrameworks.id),
    aiSystemControlStatuses: yield* rows(aiSystemControlStatuses, undefined, aiSystemControlStatuses.controlId, aiSystemControlStatuses.aiSystemId),
    mappings: yield* rows(mappings, and(liveRequirement(mappings.requirementId), liveControl(mappings.controlId)), mappings.id),
    mappingRevisions: yield* rows(
      mappingRevisions,
      sql`${mappingRevisions.mappingId} IN (SELECT id FROM mappings WHERE requirement_id IN (SELECT id FROM requirements WHERE retired_at IS NULL)
          AND control_id IN (SELECT id FROM controls WHERE retired_at IS NULL))`,
      mappingRevisions.id,
    ),
    requirementLinks: yield* rows(
      requirementLinks,
      and(liveRequirement(requirementLinks.sourceRequirementId), liveRequirement(requirementLinks.targetRequirementId)),
      requirementLinks.id,
    ),
    notApplicableMarks: yield* rows(
      notApplicableMarks,
      and(liveRequirement(notApplicableMarks.requirementId), noneOrLiveSystem(notApplicableMarks.aiSystemId)),
      notApplicableMarks.id,
    ),
    evidence: withEvidence ? yield* rows(evidence, noneOrLiveSystem(evidence.aiSystemId), evidence.id) : [],
    evidenceControls: withEvidence
      ? yield* rows(evidenceControls, liveControl(evidenceControls.controlId), evidenceControls.evidenceId, evidenceControls.controlId)
      : [],
    evidenceReviews: withEvidence ? yield* rows(evidenceReviews, undefined, evidenceReviews.id) : [],
    baselines: yield* rows(baselines, liveFramework(baselines.frameworkId), baselines.id),
    baselineRequirements: yield* rows(
      baselineRequirements,
      and(liveRequirement(baselineRequirements.requirementId), liveBaseline(baselineRequirements.baselineId)),
      baselineRequirements.id,
    ),
    baselineApplications: yield* rows(
      baselineApplications,
      and(noneOrLiveSystem(baselineApplications.aiSystemId), liveBaseline(baselineApplications.baselineId)),
      baselineApplications.id,
    ),
    coverageSnapshots: yield* rows(
      coverageSnapshots,
      and(liveFramework(coverageSnapshots.frameworkId), noneOrLiveSystem(coverageSnapshots.aiSystemId)),
      coverageSnapshots.id,
    ),
  };
}

/** The page of `evidencePagesNow` after evidence id `after`; null when none follows. */
function* evidencePage(db: Db, after: number, pageSize: number): Read<BundleEvidencePage | null> {
  const { evidence, evidenceControls, evidenceReviews } = tablesOf(db);
  const items = yield* select(
    db,
    db
      .select()
      .from(evidence)
      .where(and(noneOrLiveSystem(evidence.aiSystemId), gt(evidence.id, after)))
      .orderBy(asc(evidence.id))
      .limit(pageSize),
  );
  if (items.length === 0) return null;
  const ids = items.map((e) => e.id);
  return {
    evidence: items,
    evidenceControls: yield* select(
      db,
      db
        .select()
        .from(evidenceControls)
        .where(and(sqlOf(db).inList(evidenceControls.evidenceId, ids), liveControl(evidenceControls.controlId)))
        .orderBy(asc(evidenceControls.evidenceId), asc(evidenceControls.controlId)),
    ),
    evidenceReviews: yield* select(db, db.select().from(evidenceReviews).where(sqlOf(db).inList(evidenceReviews.evidenceId, ids)).orderBy(asc(evidenceReviews.id))),
  };
}
