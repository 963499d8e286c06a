/** All SQL about evidence, the controls it supports and its reviews. */
import { and, asc, count, eq, gt, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import type { evidence, evidenceReviews } from '../schema/index.js';
import { first, returned, type DialectSql, type Tables } from '../dialect.js';
import type { ControlRow, EvidenceReviewRow, EvidenceRow } from '../rows.js';
import type { EvidenceKind, EvidenceStatus } from '../../domain/vocabulary.js';
import type { PageRequest } from '../../domain/paging.js';
import type { ControlEvidenceOptions } from '../../domain/list-orders.js';
import { afterKey, batches, firstRowsPerGroup, groupPage, textSearch, type GroupedList } from './sql-helpers.js';
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
    super(db, (t, d) => ({ table: t.evidence, key: t.evidence.id, order: [t.evidence.id], where: (filter) => evidenceWhere(t, d, filter) }));
  }

  async findById(id: number): Promise<EvidenceRow | undefined> {
    const { evidence } = this.t;
    return first(this.db.select().from(evidence).where(eq(evidence.id, id)));
  }

  /** True when the AI system exists. */
  async aiSystemExists(id: number): Promise<boolean> {
    const { aiSystems } = this.t;
    return (await first(this.db.select({ id: aiSystems.id }).from(aiSystems).where(and(eq(aiSystems.id, id), isNull(aiSystems.retiredAt))))) !== undefined;
  }

  async insert(values: EvidenceInsert): Promise<EvidenceRow> {
    const { evidence } = this.t;
    return returned(this.db.insert(evidence).values(values).returning());
  }

  async update(id: number, patch: EvidencePatch): Promise<EvidenceRow> {
    const { evidence } = this.t;
    return returned(this.db.update(evidence).set(patch).where(eq(evidence.id, id)).returning());
  }

  /** Attaches the evidence to the controls (ids must exist and be distinct). */
  async attachControls(evidenceId: number, controlIds: readonly number[]): Promise<void> {
    const { evidenceControls } = this.t;
    if (controlIds.length === 0) return;
    for (const batch of batches(controlIds, 2)) {
      await this.db
        .insert(evidenceControls)
        .values(batch.map((controlId) => ({ evidenceId, controlId })));
    }
  }

  async insertReview(values: EvidenceReviewInsert): Promise<EvidenceReviewRow> {
    const { evidenceReviews } = this.t;
    return returned(this.db.insert(evidenceReviews).values(values).returning());
  }

  async findReviewsByIds(ids: readonly number[]): Promise<EvidenceReviewRow[]> {
    const { evidenceReviews } = this.t;
    if (ids.length === 0) return [];
    return this.db.select().from(evidenceReviews).where(this.d.inList(evidenceReviews.id, ids));
  }

  /** Reviews of the evidence, oldest first. */
  async reviews(evidenceIds: readonly number[]): Promise<EvidenceReviewRow[]> {
    const { evidenceReviews } = this.t;
    if (evidenceIds.length === 0) return [];
    return this.db
      .select()
      .from(evidenceReviews)
      .where(this.d.inList(evidenceReviews.evidenceId, evidenceIds))
      .orderBy(asc(evidenceReviews.reviewedAt), asc(evidenceReviews.id));
  }

  /**
   * One page (plus one row, to tell whether more follow) of `Control.evidence` for each control,
   * oldest first, in one statement: at most `page.first + 1` rows per control are read.
   */
  async pageOfControls(controlIds: readonly number[], options: ControlEvidenceOptions, page: PageRequest): Promise<ControlEvidenceRow[]> {
    const { evidence, evidenceControls } = this.t;
    if (controlIds.length === 0) return [];
    const source = sql`${evidenceControls} INNER JOIN ${evidence} ON ${evidence.id} = ${evidenceControls.evidenceId}`;
    const where = and(this.d.inList(evidenceControls.controlId, controlIds), controlEvidenceWhere(this.t, this.d, options), afterKey([evidence.id], page.after));
    const firstRows = firstRowsPerGroup(source, [evidenceControls.controlId, evidenceControls.evidenceId], evidenceControls.controlId, [evidence.id], where, page.first + 1);
    const rows = await this.db
      .select({ evidence, controlId: evidenceControls.controlId })
      .from(evidenceControls)
      .innerJoin(evidence, eq(evidence.id, evidenceControls.evidenceId))
      .where(and(this.d.inList(evidenceControls.controlId, controlIds), firstRows))
      .orderBy(asc(evidenceControls.controlId), asc(evidence.id));
    return rows.map((r) => ({ ...r.evidence, controlId: r.controlId }));
  }

  /** Number of items `Control.evidence` lists, per control that has any. */
  async countOfControls(controlIds: readonly number[], options: ControlEvidenceOptions): Promise<{ controlId: number; n: number }[]> {
    const { evidence, evidenceControls } = this.t;
    if (controlIds.length === 0) return [];
    return this.db
      .select({ controlId: evidenceControls.controlId, n: count() })
      .from(evidenceControls)
      .innerJoin(evidence, eq(evidence.id, evidenceControls.evidenceId))
      .where(and(this.d.inList(evidenceControls.controlId, controlIds), controlEvidenceWhere(this.t, this.d, options)))
      .groupBy(evidenceControls.controlId);
  }

  /** One page (plus one row) of `Evidence.controls` (by control refId, id) for each evidence item, in one statement. */
  async controlsOf(evidenceIds: readonly number[], page: PageRequest): Promise<EvidenceControlRow[]> {
    const { controls, evidenceControls } = this.t;
    if (evidenceIds.length === 0) return [];
    const { where, orderBy } = groupPage(this.d, CONTROLS_OF_EVIDENCE(this.t), evidenceIds, undefined, page);
    const rows = await this.db
      .select({ control: controls, evidenceId: evidenceControls.evidenceId })
      .from(evidenceControls)
      .innerJoin(controls, eq(controls.id, evidenceControls.controlId))
      .where(where)
      .orderBy(...orderBy);
    return rows.map((r) => ({ ...r.control, evidenceId: r.evidenceId }));
  }

  /** Number of controls `Evidence.controls` lists, per evidence item that has any. */
  async controlCountOf(evidenceIds: readonly number[]): Promise<{ parent: number; n: number }[]> {
    const { evidenceControls } = this.t;
    if (evidenceIds.length === 0) return [];
    return this.db
      .select({ parent: evidenceControls.evidenceId, n: count() })
      .from(evidenceControls)
      .where(this.d.inList(evidenceControls.evidenceId, evidenceIds))
      .groupBy(evidenceControls.evidenceId);
  }
}

function controlEvidenceWhere({ evidence }: Tables, d: DialectSql, options: ControlEvidenceOptions): SQL | undefined {
  return options.statuses?.length ? d.inList(evidence.status, options.statuses) : undefined;
}

function evidenceWhere({ evidence }: Tables, d: DialectSql, filter: EvidenceFilter): SQL | undefined {
  return and(
    filter.statuses?.length ? d.inList(evidence.status, filter.statuses) : undefined,
    filter.kinds?.length ? d.inList(evidence.kind, filter.kinds) : undefined,
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
    textSearch(d, [evidence.title, evidence.description, evidence.url, evidence.filename], filter.search),
  );
}

/** `Evidence.controls`: the controls an evidence item supports, by refId, id. */
const CONTROLS_OF_EVIDENCE = ({ controls, evidenceControls }: Tables): GroupedList => ({
  source: sql`${evidenceControls} INNER JOIN ${controls} ON ${controls.id} = ${evidenceControls.controlId}`,
  key: [evidenceControls.evidenceId, evidenceControls.controlId],
  parent: evidenceControls.evidenceId,
  order: [controls.refId, controls.id],
});
