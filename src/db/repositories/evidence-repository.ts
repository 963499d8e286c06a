/** All SQL about evidence, the controls it supports and its reviews. */
import { and, asc, count, eq, gt, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import { aiSystems, controls, evidence, evidenceControls, evidenceReviews } from '../schema/index.js';
import type { ControlRow, EvidenceReviewRow, EvidenceRow } from '../rows.js';
import type { EvidenceKind, EvidenceStatus } from '../../domain/vocabulary.js';
import type { PageRequest } from '../../domain/paging.js';
import type { ControlEvidenceOptions } from '../../domain/list-orders.js';
import { afterKey, batches, firstRowsPerGroup, groupPage, inList, textSearch, type GroupedList } from './sql-helpers.js';
import { KeysetRepository } from './keyset-repository.js';

export interface EvidenceFilter {
  statuses?: readonly EvidenceStatus[] | null;
  kinds?: readonly EvidenceKind[] | null;
  /** Row id of a control; 0 matches nothing. */
  controlId?: number | null;
  /** Row id of an AI system; 0 matches nothing. */
  aiSystemId?: number | null;
  expiringBefore?: Date | null;
  /** validUntil ≤ this instant. */
  expiredBefore?: Date | null;
  /** collectedAt ≤ this instant < validUntil (or no validUntil). */
  validAt?: Date | null;
  search?: string | null;
}

export type EvidenceInsert = typeof evidence.$inferInsert;
export type EvidencePatch = Partial<Omit<EvidenceInsert, 'id' | 'createdAt' | 'createdBy'>>;
export type EvidenceReviewInsert = typeof evidenceReviews.$inferInsert;

/** Evidence attached to a control (the row plus the control it was reached from). */
export type ControlEvidenceRow = EvidenceRow & { controlId: number };
/** A control supported by evidence (the row plus the evidence it was reached from). */
export type EvidenceControlRow = ControlRow & { evidenceId: number };

/** Evidence is listed oldest first (by id). */
export class EvidenceRepository extends KeysetRepository<typeof evidence, EvidenceFilter> {
  constructor(db: Db) {
    super(db, { table: evidence, key: evidence.id, order: [evidence.id], where: evidenceWhere });
  }

  async findById(id: number): Promise<EvidenceRow | undefined> {
    return this.db.select().from(evidence).where(eq(evidence.id, id)).get();
  }

  /** True when the AI system exists. */
  async aiSystemExists(id: number): Promise<boolean> {
    return this.db.select({ id: aiSystems.id }).from(aiSystems).where(and(eq(aiSystems.id, id), isNull(aiSystems.retiredAt))).get() !== undefined;
  }

  async insert(values: EvidenceInsert): Promise<EvidenceRow> {
    return this.db.insert(evidence).values(values).returning().get();
  }

  async update(id: number, patch: EvidencePatch): Promise<EvidenceRow> {
    return this.db.update(evidence).set(patch).where(eq(evidence.id, id)).returning().get();
  }

  /** Attaches the evidence to the controls (ids must exist and be distinct). */
  async attachControls(evidenceId: number, controlIds: readonly number[]): Promise<void> {
    if (controlIds.length === 0) return;
    for (const batch of batches(controlIds, 2)) {
      this.db
        .insert(evidenceControls)
        .values(batch.map((controlId) => ({ evidenceId, controlId })))
        .run();
    }
  }

  async insertReview(values: EvidenceReviewInsert): Promise<EvidenceReviewRow> {
    return this.db.insert(evidenceReviews).values(values).returning().get();
  }

  async findReviewsByIds(ids: readonly number[]): Promise<EvidenceReviewRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(evidenceReviews).where(inList(evidenceReviews.id, ids)).all();
  }

  /** Reviews of the evidence, oldest first. */
  async reviews(evidenceIds: readonly number[]): Promise<EvidenceReviewRow[]> {
    if (evidenceIds.length === 0) return [];
    return this.db
      .select()
      .from(evidenceReviews)
      .where(inList(evidenceReviews.evidenceId, evidenceIds))
      .orderBy(asc(evidenceReviews.reviewedAt), asc(evidenceReviews.id))
      .all();
  }

  /**
   * One page (plus one row, to tell whether more follow) of `Control.evidence` for each control,
   * oldest first, in one statement: at most `page.first + 1` rows per control are read.
   */
  async pageOfControls(controlIds: readonly number[], options: ControlEvidenceOptions, page: PageRequest): Promise<ControlEvidenceRow[]> {
    if (controlIds.length === 0) return [];
    const source = sql`${evidenceControls} INNER JOIN ${evidence} ON ${evidence.id} = ${evidenceControls.evidenceId}`;
    const where = and(inList(evidenceControls.controlId, controlIds), controlEvidenceWhere(options), afterKey([evidence.id], page.after));
    const firstRows = firstRowsPerGroup(source, [evidenceControls.controlId, evidenceControls.evidenceId], evidenceControls.controlId, [evidence.id], where, page.first + 1);
    const rows = this.db
      .select({ evidence, controlId: evidenceControls.controlId })
      .from(evidenceControls)
      .innerJoin(evidence, eq(evidence.id, evidenceControls.evidenceId))
      .where(and(inList(evidenceControls.controlId, controlIds), firstRows))
      .orderBy(asc(evidenceControls.controlId), asc(evidence.id))
      .all();
    return rows.map((r) => ({ ...r.evidence, controlId: r.controlId }));
  }

  /** Number of items `Control.evidence` lists, per control that has any. */
  async countOfControls(controlIds: readonly number[], options: ControlEvidenceOptions): Promise<{ controlId: number; n: number }[]> {
    if (controlIds.length === 0) return [];
    return this.db
      .select({ controlId: evidenceControls.controlId, n: count() })
      .from(evidenceControls)
      .innerJoin(evidence, eq(evidence.id, evidenceControls.evidenceId))
      .where(and(inList(evidenceControls.controlId, controlIds), controlEvidenceWhere(options)))
      .groupBy(evidenceControls.controlId)
      .all();
  }

  /** One page (plus one row) of `Evidence.controls` (by control refId, id) for each evidence item, in one statement. */
  async controlsOf(evidenceIds: readonly number[], page: PageRequest): Promise<EvidenceControlRow[]> {
    if (evidenceIds.length === 0) return [];
    const { where, orderBy } = groupPage(CONTROLS_OF_EVIDENCE, evidenceIds, undefined, page);
    const rows = this.db
      .select({ control: controls, evidenceId: evidenceControls.evidenceId })
      .from(evidenceControls)
      .innerJoin(controls, eq(controls.id, evidenceControls.controlId))
      .where(where)
      .orderBy(...orderBy)
      .all();
    return rows.map((r) => ({ ...r.control, evidenceId: r.evidenceId }));
  }

  /** Number of controls `Evidence.controls` lists, per evidence item that has any. */
  async controlCountOf(evidenceIds: readonly number[]): Promise<{ parent: number; n: number }[]> {
    if (evidenceIds.length === 0) return [];
    return this.db
      .select({ parent: evidenceControls.evidenceId, n: count() })
      .from(evidenceControls)
      .where(inList(evidenceControls.evidenceId, evidenceIds))
      .groupBy(evidenceControls.evidenceId)
      .all();
  }
}

function controlEvidenceWhere(options: ControlEvidenceOptions): SQL | undefined {
  return options.statuses?.length ? inList(evidence.status, options.statuses) : undefined;
}

function evidenceWhere(filter: EvidenceFilter): SQL | undefined {
  return and(
    filter.statuses?.length ? inList(evidence.status, filter.statuses) : undefined,
    filter.kinds?.length ? inList(evidence.kind, filter.kinds) : undefined,
    filter.controlId != null
      ? sql`EXISTS (SELECT 1 FROM evidence_controls ec WHERE ec.evidence_id = "evidence"."id" AND ec.control_id = ${filter.controlId})`
      : undefined,
    filter.aiSystemId != null ? eq(evidence.aiSystemId, filter.aiSystemId) : undefined,
    filter.expiringBefore != null
      ? and(isNotNull(evidence.validUntil), lt(evidence.validUntil, filter.expiringBefore))
      : undefined,
    filter.expiredBefore != null
      ? and(isNotNull(evidence.validUntil), lte(evidence.validUntil, filter.expiredBefore))
      : undefined,
    filter.validAt != null
      ? and(lte(evidence.collectedAt, filter.validAt), or(isNull(evidence.validUntil), gt(evidence.validUntil, filter.validAt)))
      : undefined,
    textSearch([evidence.title, evidence.description, evidence.url, evidence.filename], filter.search),
  );
}

/** `Evidence.controls`: the controls an evidence item supports, by refId, id. */
const CONTROLS_OF_EVIDENCE: GroupedList = {
  source: sql`${evidenceControls} INNER JOIN ${controls} ON ${controls.id} = ${evidenceControls.controlId}`,
  key: [evidenceControls.evidenceId, evidenceControls.controlId],
  parent: evidenceControls.evidenceId,
  order: [controls.refId, controls.id],
};
