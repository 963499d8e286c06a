/** All SQL about AI systems, the frameworks that apply to them and their control status overrides. */
import { and, asc, count, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import type { aiSystems } from '../schema/index.js';
import type { AiSystemControlStatusRow, AiSystemRow, ControlStatusChangeRow, FrameworkRow } from '../rows.js';
import type { AiSystemRole, ImplementationStatus, RiskLevel } from '../../domain/vocabulary.js';
import type { PageRequest } from '../../domain/paging.js';
import { first, returned, rows, type DialectSql, type Tables } from '../dialect.js';
import { batches, groupPage, textSearch, type GroupedList } from './sql-helpers.js';
import { KeysetRepository } from './keyset-repository.js';


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

/** AI systems are listed by (name, id). */
export class AiSystemRepository extends KeysetRepository<typeof aiSystems, AiSystemFilter> {
  constructor(db: Db) {
    super(db, (t, d) => ({ table: t.aiSystems, key: t.aiSystems.id, order: [t.aiSystems.name, t.aiSystems.id], where: (filter) => aiSystemWhere(t, d, filter) }));
  }

  /** The live system (a retired one is not found for writes; findByIds resolves it). */
  async findById(id: number): Promise<AiSystemRow | undefined> {
    const { aiSystems } = this.t;
    return first(this.db.select().from(aiSystems).where(and(eq(aiSystems.id, id), isNull(aiSystems.retiredAt))));
  }

  /** The live system of that name (a retired one frees its name). */
  async findByName(name: string): Promise<AiSystemRow | undefined> {
    const { aiSystems } = this.t;
    return first(this.db.select().from(aiSystems).where(and(eq(aiSystems.name, name), isNull(aiSystems.retiredAt))));
  }

  async insert(values: AiSystemInsert): Promise<AiSystemRow> {
    const { aiSystems } = this.t;
    return returned(this.db.insert(aiSystems).values(values).returning());
  }

  async update(id: number, patch: AiSystemPatch): Promise<AiSystemRow> {
    const { aiSystems } = this.t;
    return returned(this.db.update(aiSystems).set(patch).where(eq(aiSystems.id, id)).returning());
  }

  /** What blocks deleting an AI system. */
  async dependents(id: number): Promise<AiSystemDependents> {
    return (await rows<AiSystemDependents>(this.db, sql`
      SELECT (SELECT count(*) FROM evidence e WHERE e.ai_system_id = ${id}) AS evidence`))[0]!;
  }

  /**
   * Retires the system (rule 10): its framework assignments and not-applicable marks are retired
   * at `at`, its current overrides removed (their history stays in control_status_changes), and
   * the row kept with `retiredAt`, so answers for earlier instants stay as they were.
   */
  async retire(id: number, at: Date, by: string): Promise<AiSystemRow> {
    const { aiSystemControlStatuses, aiSystemFrameworks, aiSystems, notApplicableMarks } = this.t;
    await this.db
      .update(aiSystemFrameworks)
      .set({ retiredAt: at, retiredBy: by })
      .where(and(eq(aiSystemFrameworks.aiSystemId, id), isNull(aiSystemFrameworks.retiredAt)));
    await this.db
      .update(notApplicableMarks)
      .set({ retiredAt: at, retiredBy: by })
      .where(and(eq(notApplicableMarks.aiSystemId, id), isNull(notApplicableMarks.retiredAt)));
    await this.db.delete(aiSystemControlStatuses).where(eq(aiSystemControlStatuses.aiSystemId, id));
    return returned(this.db.update(aiSystems).set({ retiredAt: at, updatedAt: at }).where(eq(aiSystems.id, id)).returning());
  }

  // --- frameworks that apply -------------------------------------------------------------

  /** Ids of the frameworks applied to one system (live assignments). */
  async frameworkIdsOf(aiSystemId: number): Promise<number[]> {
    const { aiSystemFrameworks } = this.t;
    const rows = await this.db
      .select({ frameworkId: aiSystemFrameworks.frameworkId })
      .from(aiSystemFrameworks)
      .where(and(eq(aiSystemFrameworks.aiSystemId, aiSystemId), isNull(aiSystemFrameworks.retiredAt)));
    return rows.map((r) => r.frameworkId);
  }

  async addFrameworks(aiSystemId: number, frameworkIds: readonly number[], createdAt: Date, createdBy: string): Promise<void> {
    const { aiSystemFrameworks } = this.t;
    if (frameworkIds.length === 0) return;
    for (const batch of batches(frameworkIds, 4)) {
      await this.db
        .insert(aiSystemFrameworks)
        .values(batch.map((frameworkId) => ({ aiSystemId, frameworkId, createdAt, createdBy })))
        .onConflictDoNothing();
    }
  }

  /** Retires the live assignments (kept as history, rule 10). */
  async removeFrameworks(aiSystemId: number, frameworkIds: readonly number[], at: Date, by: string): Promise<void> {
    const { aiSystemFrameworks } = this.t;
    if (frameworkIds.length === 0) return;
    await this.db
      .update(aiSystemFrameworks)
      .set({ retiredAt: at, retiredBy: by })
      .where(
        and(
          eq(aiSystemFrameworks.aiSystemId, aiSystemId),
          this.d.inList(aiSystemFrameworks.frameworkId, frameworkIds),
          isNull(aiSystemFrameworks.retiredAt),
        ),
      );
  }

  /** Frameworks applied to each of the systems, ordered by (refId, id) within a system. */
  async frameworksOfSystems(aiSystemIds: readonly number[], page: PageRequest): Promise<AppliedFrameworkRow[]> {
    const { aiSystemFrameworks, frameworks } = this.t;
    if (aiSystemIds.length === 0) return [];
    const { where, orderBy } = groupPage(this.d, FRAMEWORKS_OF_SYSTEM(this.t), aiSystemIds, isNull(aiSystemFrameworks.retiredAt), page);
    return this.db
      .select({ ...getTableColumns(frameworks), aiSystemId: aiSystemFrameworks.aiSystemId })
      .from(aiSystemFrameworks)
      .innerJoin(frameworks, eq(frameworks.id, aiSystemFrameworks.frameworkId))
      .where(where)
      .orderBy(...orderBy);
  }

  /** Number of live framework assignments per AI system (or per framework) that has any. */
  async countOfAssignments(by: 'aiSystem' | 'framework', ids: readonly number[]): Promise<{ parent: number; n: number }[]> {
    const { aiSystemFrameworks } = this.t;
    if (ids.length === 0) return [];
    const parent = by === 'aiSystem' ? aiSystemFrameworks.aiSystemId : aiSystemFrameworks.frameworkId;
    return this.db
      .select({ parent: sql<number>`${parent}`, n: count() })
      .from(aiSystemFrameworks)
      .where(and(this.d.inList(parent, ids), isNull(aiSystemFrameworks.retiredAt)))
      .groupBy(parent);
  }

  /** AI systems each of the frameworks applies to, ordered by (name, id) within a framework. */
  async systemsOfFrameworks(frameworkIds: readonly number[], page: PageRequest): Promise<FrameworkAiSystemRow[]> {
    const { aiSystemFrameworks, aiSystems } = this.t;
    if (frameworkIds.length === 0) return [];
    const { where, orderBy } = groupPage(this.d, SYSTEMS_OF_FRAMEWORK(this.t), frameworkIds, isNull(aiSystemFrameworks.retiredAt), page);
    return this.db
      .select({ ...getTableColumns(aiSystems), frameworkId: aiSystemFrameworks.frameworkId })
      .from(aiSystemFrameworks)
      .innerJoin(aiSystems, eq(aiSystems.id, aiSystemFrameworks.aiSystemId))
      .where(where)
      .orderBy(...orderBy);
  }

  // --- control status overrides ------------------------------------------------------------

  async findControlStatus(aiSystemId: number, controlId: number): Promise<AiSystemControlStatusRow | undefined> {
    const { aiSystemControlStatuses } = this.t;
    return first(this.db
      .select()
      .from(aiSystemControlStatuses)
      .where(and(eq(aiSystemControlStatuses.aiSystemId, aiSystemId), eq(aiSystemControlStatuses.controlId, controlId))));
  }

  async upsertControlStatus(row: AiSystemControlStatusRow): Promise<AiSystemControlStatusRow> {
    const { aiSystemControlStatuses } = this.t;
    const { aiSystemId: _a, controlId: _c, ...changes } = row;
    return returned(this.db
      .insert(aiSystemControlStatuses)
      .values(row)
      .onConflictDoUpdate({ target: [aiSystemControlStatuses.aiSystemId, aiSystemControlStatuses.controlId], set: changes })
      .returning());
  }

  async deleteControlStatus(aiSystemId: number, controlId: number): Promise<void> {
    const { aiSystemControlStatuses } = this.t;
    await this.db
      .delete(aiSystemControlStatuses)
      .where(and(eq(aiSystemControlStatuses.aiSystemId, aiSystemId), eq(aiSystemControlStatuses.controlId, controlId)));
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
    const { controlStatusChanges } = this.t;
    return returned(this.db.insert(controlStatusChanges).values(values).returning());
  }

  /** Overrides of each of the systems, ordered by control (refId, id) within a system. */
  async controlStatusesOfSystems(aiSystemIds: readonly number[]): Promise<AiSystemControlStatusListRow[]> {
    const { aiSystemControlStatuses, aiSystems, controls } = this.t;
    if (aiSystemIds.length === 0) return [];
    return this.db
      .select({ ...getTableColumns(aiSystemControlStatuses), controlRefId: controls.refId, aiSystemName: aiSystems.name })
      .from(aiSystemControlStatuses)
      .innerJoin(controls, eq(controls.id, aiSystemControlStatuses.controlId))
      .innerJoin(aiSystems, eq(aiSystems.id, aiSystemControlStatuses.aiSystemId))
      .where(this.d.inList(aiSystemControlStatuses.aiSystemId, aiSystemIds))
      .orderBy(asc(controls.refId), asc(controls.id));
  }

  /** Overrides of each of the controls, ordered by AI system (name, id) within a control. */
  async controlStatusesOfControls(controlIds: readonly number[]): Promise<AiSystemControlStatusListRow[]> {
    const { aiSystems, controls, aiSystemControlStatuses } = this.t;
    if (controlIds.length === 0) return [];
    return this.db
      .select({ ...getTableColumns(aiSystemControlStatuses), controlRefId: controls.refId, aiSystemName: aiSystems.name })
      .from(aiSystemControlStatuses)
      .innerJoin(controls, eq(controls.id, aiSystemControlStatuses.controlId))
      .innerJoin(aiSystems, eq(aiSystems.id, aiSystemControlStatuses.aiSystemId))
      .where(this.d.inList(aiSystemControlStatuses.controlId, controlIds))
      .orderBy(asc(aiSystems.name), asc(aiSystems.id));
  }
}

function aiSystemWhere({ aiSystems }: Tables, d: DialectSql, filter: AiSystemFilter): SQL | undefined {
  return and(
    isNull(aiSystems.retiredAt),
    filter.riskLevels?.length ? d.inList(aiSystems.riskLevel, filter.riskLevels) : undefined,
    filter.roles?.length ? d.inList(aiSystems.role, filter.roles) : undefined,
    textSearch(d, [aiSystems.name, aiSystems.description, aiSystems.purpose], filter.search),
  );
}

/** `AISystem.frameworks`: the frameworks assigned to an AI system (live assignments), by refId, id. */
const FRAMEWORKS_OF_SYSTEM = ({ aiSystemFrameworks, frameworks }: Tables): GroupedList => ({
  source: sql`${aiSystemFrameworks} INNER JOIN ${frameworks} ON ${frameworks.id} = ${aiSystemFrameworks.frameworkId}`,
  key: aiSystemFrameworks.id,
  parent: aiSystemFrameworks.aiSystemId,
  order: [frameworks.refId, frameworks.id],
});

/** `Framework.aiSystems`: the AI systems a framework is assigned to (live assignments), by name, id. */
const SYSTEMS_OF_FRAMEWORK = ({ aiSystemFrameworks, aiSystems }: Tables): GroupedList => ({
  source: sql`${aiSystemFrameworks} INNER JOIN ${aiSystems} ON ${aiSystems.id} = ${aiSystemFrameworks.aiSystemId}`,
  key: aiSystemFrameworks.id,
  parent: aiSystemFrameworks.frameworkId,
  order: [aiSystems.name, aiSystems.id],
});
