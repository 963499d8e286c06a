/** All SQL about evidence, the controls it supports and its reviews. */
import { and, asc, count, eq, gt, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import { aiSystems, controls, evidence, evidenceControls, evidenceReviews } from '../schema/index.js';
import type { ControlRow, EvidenceReviewRow, EvidenceRow } from '../rows.js';
import type { EvidenceKind, EvidenceStatus } from '../../domain/vocabulary.js';
import type { Page, PageRequest, SortKey } from '../../domain/paging.js';
import { afterKey, batches, inList, textSearch } from './sql-helpers.js';

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

/** Evidence is listed oldest first; the sort key is the id. */
export const evidenceSortKey = (row: EvidenceRow): SortKey => [row.id];

export class EvidenceRepository {
  constructor(private readonly db: Db) {}

  async findByIds(ids: readonly number[]): Promise<EvidenceRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(evidence).where(inList(evidence.id, ids)).all();
  }

  async findById(id: number): Promise<EvidenceRow | undefined> {
    return this.db.select().from(evidence).where(eq(evidence.id, id)).get();
  }

  async list(filter: EvidenceFilter, page: PageRequest): Promise<Page<EvidenceRow>> {
    const rows = this.db
      .select()
      .from(evidence)
      .where(and(this.where(filter), afterKey([evidence.id], page.after)))
      .orderBy(asc(evidence.id))
      .limit(page.first + 1)
      .all();
    return { items: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
  }

  async count(filter: EvidenceFilter): Promise<number> {
    const row = this.db.select({ n: count() }).from(evidence).where(this.where(filter)).get();
    return row?.n ?? 0;
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

  /** Evidence attached to the controls, oldest first. */
  async byControls(controlIds: readonly number[]): Promise<ControlEvidenceRow[]> {
    if (controlIds.length === 0) return [];
    const rows = this.db
      .select({ evidence, controlId: evidenceControls.controlId })
      .from(evidenceControls)
      .innerJoin(evidence, eq(evidence.id, evidenceControls.evidenceId))
      .where(inList(evidenceControls.controlId, controlIds))
      .orderBy(asc(evidence.id))
      .all();
    return rows.map((r) => ({ ...r.evidence, controlId: r.controlId }));
  }

  /** Controls supported by the evidence, ordered by control refId, then id. */
  async controlsOf(evidenceIds: readonly number[]): Promise<EvidenceControlRow[]> {
    if (evidenceIds.length === 0) return [];
    const rows = this.db
      .select({ control: controls, evidenceId: evidenceControls.evidenceId })
      .from(evidenceControls)
      .innerJoin(controls, eq(controls.id, evidenceControls.controlId))
      .where(inList(evidenceControls.evidenceId, evidenceIds))
      .orderBy(asc(controls.refId), asc(controls.id))
      .all();
    return rows.map((r) => ({ ...r.control, evidenceId: r.evidenceId }));
  }

  private where(filter: EvidenceFilter): SQL | undefined {
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
}
