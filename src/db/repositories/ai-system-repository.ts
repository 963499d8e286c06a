/** All SQL about AI systems, the frameworks that apply to them and their control status overrides. */
import { and, asc, count, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import {
  aiSystemControlStatuses,
  aiSystemFrameworks,
  aiSystems,
  controls,
  controlStatusChanges,
  frameworks,
  notApplicableMarks,
} from '../schema/index.js';
import type { AiSystemControlStatusRow, AiSystemRow, ControlStatusChangeRow, FrameworkRow } from '../rows.js';
import type { AiSystemRole, ImplementationStatus, RiskLevel } from '../../domain/vocabulary.js';
import type { Page, PageRequest, SortKey } from '../../domain/paging.js';
import { afterKey, batches, inList, textSearch } from './sql-helpers.js';

export interface AiSystemFilter {
  riskLevels?: readonly RiskLevel[] | null;
  roles?: readonly AiSystemRole[] | null;
  search?: string | null;
}

export interface AiSystemDependents {
  /** Evidence rows scoped to the system; they block its deletion. */
  evidence: number;
}

export type AiSystemInsert = typeof aiSystems.$inferInsert;
export type AiSystemPatch = Partial<Omit<AiSystemInsert, 'id' | 'createdAt'>>;

/** A framework applied to an AI system (the row carries the system it was loaded for). */
export type AppliedFrameworkRow = FrameworkRow & { aiSystemId: number };
/** An AI system a framework applies to (the row carries the framework it was loaded for). */
export type FrameworkAiSystemRow = AiSystemRow & { frameworkId: number };
/** An override with the sort keys of both ends. */
export type AiSystemControlStatusListRow = AiSystemControlStatusRow & { controlRefId: string; aiSystemName: string };

/** AI systems are listed by name; the sort key is (name, id). */
export const aiSystemSortKey = (row: AiSystemRow): SortKey => [row.name, row.id];

export class AiSystemRepository {
  constructor(private readonly db: Db) {}

  async findByIds(ids: readonly number[]): Promise<AiSystemRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(aiSystems).where(inList(aiSystems.id, ids)).all();
  }

  async findById(id: number): Promise<AiSystemRow | undefined> {
    return this.db.select().from(aiSystems).where(eq(aiSystems.id, id)).get();
  }

  async findByName(name: string): Promise<AiSystemRow | undefined> {
    return this.db.select().from(aiSystems).where(eq(aiSystems.name, name)).get();
  }

  async list(filter: AiSystemFilter, page: PageRequest): Promise<Page<AiSystemRow>> {
    const rows = this.db
      .select()
      .from(aiSystems)
      .where(and(this.where(filter), afterKey([aiSystems.name, aiSystems.id], page.after)))
      .orderBy(asc(aiSystems.name), asc(aiSystems.id))
      .limit(page.first + 1)
      .all();
    return { items: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
  }

  async count(filter: AiSystemFilter): Promise<number> {
    const row = this.db.select({ n: count() }).from(aiSystems).where(this.where(filter)).get();
    return row?.n ?? 0;
  }

  async insert(values: AiSystemInsert): Promise<AiSystemRow> {
    return this.db.insert(aiSystems).values(values).returning().get();
  }

  async update(id: number, patch: AiSystemPatch): Promise<AiSystemRow> {
    return this.db.update(aiSystems).set(patch).where(eq(aiSystems.id, id)).returning().get();
  }

  /** What blocks deleting an AI system. */
  async dependents(id: number): Promise<AiSystemDependents> {
    return this.db.get<AiSystemDependents>(sql`
      SELECT (SELECT count(*) FROM evidence e WHERE e.ai_system_id = ${id}) AS evidence`);
  }

  /**
   * Deletes the system with its framework assignments, overrides, override history and
   * not-applicable marks (explicitly, rather than relying on ON DELETE CASCADE).
   */
  async delete(id: number): Promise<void> {
    this.db.delete(aiSystemFrameworks).where(eq(aiSystemFrameworks.aiSystemId, id)).run();
    this.db.delete(aiSystemControlStatuses).where(eq(aiSystemControlStatuses.aiSystemId, id)).run();
    this.db.delete(controlStatusChanges).where(eq(controlStatusChanges.aiSystemId, id)).run();
    this.db.delete(notApplicableMarks).where(eq(notApplicableMarks.aiSystemId, id)).run();
    this.db.delete(aiSystems).where(eq(aiSystems.id, id)).run();
  }

  // --- frameworks that apply -------------------------------------------------------------

  /** Ids of the frameworks applied to one system. */
  async frameworkIdsOf(aiSystemId: number): Promise<number[]> {
    const rows = this.db
      .select({ frameworkId: aiSystemFrameworks.frameworkId })
      .from(aiSystemFrameworks)
      .where(eq(aiSystemFrameworks.aiSystemId, aiSystemId))
      .all();
    return rows.map((r) => r.frameworkId);
  }

  async addFrameworks(aiSystemId: number, frameworkIds: readonly number[], createdAt: Date, createdBy: string): Promise<void> {
    if (frameworkIds.length === 0) return;
    for (const batch of batches(frameworkIds, 4)) {
      this.db
        .insert(aiSystemFrameworks)
        .values(batch.map((frameworkId) => ({ aiSystemId, frameworkId, createdAt, createdBy })))
        .onConflictDoNothing()
        .run();
    }
  }

  async removeFrameworks(aiSystemId: number, frameworkIds: readonly number[]): Promise<void> {
    if (frameworkIds.length === 0) return;
    this.db
      .delete(aiSystemFrameworks)
      .where(and(eq(aiSystemFrameworks.aiSystemId, aiSystemId), inList(aiSystemFrameworks.frameworkId, frameworkIds)))
      .run();
  }

  /** Frameworks applied to each of the systems, ordered by (refId, id) within a system. */
  async frameworksOfSystems(aiSystemIds: readonly number[]): Promise<AppliedFrameworkRow[]> {
    if (aiSystemIds.length === 0) return [];
    return this.db
      .select({ ...getTableColumns(frameworks), aiSystemId: aiSystemFrameworks.aiSystemId })
      .from(aiSystemFrameworks)
      .innerJoin(frameworks, eq(frameworks.id, aiSystemFrameworks.frameworkId))
      .where(inList(aiSystemFrameworks.aiSystemId, aiSystemIds))
      .orderBy(asc(frameworks.refId), asc(frameworks.id))
      .all();
  }

  /** AI systems each of the frameworks applies to, ordered by (name, id) within a framework. */
  async systemsOfFrameworks(frameworkIds: readonly number[]): Promise<FrameworkAiSystemRow[]> {
    if (frameworkIds.length === 0) return [];
    return this.db
      .select({ ...getTableColumns(aiSystems), frameworkId: aiSystemFrameworks.frameworkId })
      .from(aiSystemFrameworks)
      .innerJoin(aiSystems, eq(aiSystems.id, aiSystemFrameworks.aiSystemId))
      .where(inList(aiSystemFrameworks.frameworkId, frameworkIds))
      .orderBy(asc(aiSystems.name), asc(aiSystems.id))
      .all();
  }

  // --- control status overrides ------------------------------------------------------------

  async findControlStatus(aiSystemId: number, controlId: number): Promise<AiSystemControlStatusRow | undefined> {
    return this.db
      .select()
      .from(aiSystemControlStatuses)
      .where(and(eq(aiSystemControlStatuses.aiSystemId, aiSystemId), eq(aiSystemControlStatuses.controlId, controlId)))
      .get();
  }

  async upsertControlStatus(row: AiSystemControlStatusRow): Promise<AiSystemControlStatusRow> {
    const { aiSystemId: _a, controlId: _c, ...changes } = row;
    return this.db
      .insert(aiSystemControlStatuses)
      .values(row)
      .onConflictDoUpdate({ target: [aiSystemControlStatuses.aiSystemId, aiSystemControlStatuses.controlId], set: changes })
      .returning()
      .get();
  }

  async deleteControlStatus(aiSystemId: number, controlId: number): Promise<void> {
    this.db
      .delete(aiSystemControlStatuses)
      .where(and(eq(aiSystemControlStatuses.aiSystemId, aiSystemId), eq(aiSystemControlStatuses.controlId, controlId)))
      .run();
  }

  async appendStatusChange(values: {
    controlId: number;
    aiSystemId: number;
    fromStatus: ImplementationStatus | null;
    toStatus: ImplementationStatus | null;
    comment: string | null;
    changedAt: Date;
    changedBy: string;
  }): Promise<ControlStatusChangeRow> {
    return this.db.insert(controlStatusChanges).values(values).returning().get();
  }

  /** Overrides of each of the systems, ordered by control (refId, id) within a system. */
  async controlStatusesOfSystems(aiSystemIds: readonly number[]): Promise<AiSystemControlStatusListRow[]> {
    if (aiSystemIds.length === 0) return [];
    return this.db
      .select({ ...getTableColumns(aiSystemControlStatuses), controlRefId: controls.refId, aiSystemName: aiSystems.name })
      .from(aiSystemControlStatuses)
      .innerJoin(controls, eq(controls.id, aiSystemControlStatuses.controlId))
      .innerJoin(aiSystems, eq(aiSystems.id, aiSystemControlStatuses.aiSystemId))
      .where(inList(aiSystemControlStatuses.aiSystemId, aiSystemIds))
      .orderBy(asc(controls.refId), asc(controls.id))
      .all();
  }

  /** Overrides of each of the controls, ordered by AI system (name, id) within a control. */
  async controlStatusesOfControls(controlIds: readonly number[]): Promise<AiSystemControlStatusListRow[]> {
    if (controlIds.length === 0) return [];
    return this.db
      .select({ ...getTableColumns(aiSystemControlStatuses), controlRefId: controls.refId, aiSystemName: aiSystems.name })
      .from(aiSystemControlStatuses)
      .innerJoin(controls, eq(controls.id, aiSystemControlStatuses.controlId))
      .innerJoin(aiSystems, eq(aiSystems.id, aiSystemControlStatuses.aiSystemId))
      .where(inList(aiSystemControlStatuses.controlId, controlIds))
      .orderBy(asc(aiSystems.name), asc(aiSystems.id))
      .all();
  }

  /** Override history of each of the systems, newest first (changedAt, then id, descending). */
  async statusChangesOfSystems(aiSystemIds: readonly number[]): Promise<ControlStatusChangeRow[]> {
    if (aiSystemIds.length === 0) return [];
    return this.db
      .select()
      .from(controlStatusChanges)
      .where(inList(controlStatusChanges.aiSystemId, aiSystemIds))
      .orderBy(desc(controlStatusChanges.changedAt), desc(controlStatusChanges.id))
      .all();
  }

  private where(filter: AiSystemFilter): SQL | undefined {
    return and(
      filter.riskLevels?.length ? inList(aiSystems.riskLevel, filter.riskLevels) : undefined,
      filter.roles?.length ? inList(aiSystems.role, filter.roles) : undefined,
      textSearch([aiSystems.name, aiSystems.description, aiSystems.purpose], filter.search),
    );
  }
}
