/** All SQL about AI systems, the frameworks that apply to them and their control status overrides. */
import { and, asc, count, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
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
import type { PageRequest } from '../../domain/paging.js';
import { batches, groupPage, inList, textSearch, type GroupedList } from './sql-helpers.js';
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
    super(db, { table: aiSystems, key: aiSystems.id, order: [aiSystems.name, aiSystems.id], where: aiSystemWhere });
  }

  /** The live system (a retired one is not found for writes; findByIds resolves it). */
  async findById(id: number): Promise<AiSystemRow | undefined> {
    return this.db.select().from(aiSystems).where(and(eq(aiSystems.id, id), isNull(aiSystems.retiredAt))).get();
  }

  /** The live system of that name (a retired one frees its name). */
  async findByName(name: string): Promise<AiSystemRow | undefined> {
    return this.db.select().from(aiSystems).where(and(eq(aiSystems.name, name), isNull(aiSystems.retiredAt))).get();
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
   * Retires the system (rule 10): its framework assignments and not-applicable marks are retired
   * at `at`, its current overrides removed (their history stays in control_status_changes), and
   * the row kept with `retiredAt`, so answers for earlier instants stay as they were.
   */
  async retire(id: number, at: Date, by: string): Promise<AiSystemRow> {
    this.db
      .update(aiSystemFrameworks)
      .set({ retiredAt: at, retiredBy: by })
      .where(and(eq(aiSystemFrameworks.aiSystemId, id), isNull(aiSystemFrameworks.retiredAt)))
      .run();
    this.db
      .update(notApplicableMarks)
      .set({ retiredAt: at, retiredBy: by })
      .where(and(eq(notApplicableMarks.aiSystemId, id), isNull(notApplicableMarks.retiredAt)))
      .run();
    this.db.delete(aiSystemControlStatuses).where(eq(aiSystemControlStatuses.aiSystemId, id)).run();
    return this.db.update(aiSystems).set({ retiredAt: at, updatedAt: at }).where(eq(aiSystems.id, id)).returning().get();
  }

  // --- frameworks that apply -------------------------------------------------------------

  /** Ids of the frameworks applied to one system (live assignments). */
  async frameworkIdsOf(aiSystemId: number): Promise<number[]> {
    const rows = this.db
      .select({ frameworkId: aiSystemFrameworks.frameworkId })
      .from(aiSystemFrameworks)
      .where(and(eq(aiSystemFrameworks.aiSystemId, aiSystemId), isNull(aiSystemFrameworks.retiredAt)))
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

  /** Retires the live assignments (kept as history, rule 10). */
  async removeFrameworks(aiSystemId: number, frameworkIds: readonly number[], at: Date, by: string): Promise<void> {
    if (frameworkIds.length === 0) return;
    this.db
      .update(aiSystemFrameworks)
      .set({ retiredAt: at, retiredBy: by })
      .where(
        and(
          eq(aiSystemFrameworks.aiSystemId, aiSystemId),
          inList(aiSystemFrameworks.frameworkId, frameworkIds),
          isNull(aiSystemFrameworks.retiredAt),
        ),
      )
      .run();
  }

  /** Frameworks applied to each of the systems, ordered by (refId, id) within a system. */
  async frameworksOfSystems(aiSystemIds: readonly number[], page: PageRequest): Promise<AppliedFrameworkRow[]> {
    if (aiSystemIds.length === 0) return [];
    const { where, orderBy } = groupPage(FRAMEWORKS_OF_SYSTEM, aiSystemIds, isNull(aiSystemFrameworks.retiredAt), page);
    return this.db
      .select({ ...getTableColumns(frameworks), aiSystemId: aiSystemFrameworks.aiSystemId })
      .from(aiSystemFrameworks)
      .innerJoin(frameworks, eq(frameworks.id, aiSystemFrameworks.frameworkId))
      .where(where)
      .orderBy(...orderBy)
      .all();
  }

  /** Number of live framework assignments per AI system (or per framework) that has any. */
  async countOfAssignments(by: 'aiSystem' | 'framework', ids: readonly number[]): Promise<{ parent: number; n: number }[]> {
    if (ids.length === 0) return [];
    const parent = by === 'aiSystem' ? aiSystemFrameworks.aiSystemId : aiSystemFrameworks.frameworkId;
    return this.db
      .select({ parent: sql<number>`${parent}`, n: count() })
      .from(aiSystemFrameworks)
      .where(and(inList(parent, ids), isNull(aiSystemFrameworks.retiredAt)))
      .groupBy(parent)
      .all();
  }

  /** AI systems each of the frameworks applies to, ordered by (name, id) within a framework. */
  async systemsOfFrameworks(frameworkIds: readonly number[], page: PageRequest): Promise<FrameworkAiSystemRow[]> {
    if (frameworkIds.length === 0) return [];
    const { where, orderBy } = groupPage(SYSTEMS_OF_FRAMEWORK, frameworkIds, isNull(aiSystemFrameworks.retiredAt), page);
    return this.db
      .select({ ...getTableColumns(aiSystems), frameworkId: aiSystemFrameworks.frameworkId })
      .from(aiSystemFrameworks)
      .innerJoin(aiSystems, eq(aiSystems.id, aiSystemFrameworks.aiSystemId))
      .where(where)
      .orderBy(...orderBy)
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
}

function aiSystemWhere(filter: AiSystemFilter): SQL | undefined {
  return and(
    isNull(aiSystems.retiredAt),
    filter.riskLevels?.length ? inList(aiSystems.riskLevel, filter.riskLevels) : undefined,
    filter.roles?.length ? inList(aiSystems.role, filter.roles) : undefined,
    textSearch([aiSystems.name, aiSystems.description, aiSystems.purpose], filter.search),
  );
}

/** `AISystem.frameworks`: the frameworks assigned to an AI system (live assignments), by refId, id. */
const FRAMEWORKS_OF_SYSTEM: GroupedList = {
  source: sql`${aiSystemFrameworks} INNER JOIN ${frameworks} ON ${frameworks.id} = ${aiSystemFrameworks.frameworkId}`,
  key: aiSystemFrameworks.id,
  parent: aiSystemFrameworks.aiSystemId,
  order: [frameworks.refId, frameworks.id],
};

/** `Framework.aiSystems`: the AI systems a framework is assigned to (live assignments), by name, id. */
const SYSTEMS_OF_FRAMEWORK: GroupedList = {
  source: sql`${aiSystemFrameworks} INNER JOIN ${aiSystems} ON ${aiSystems.id} = ${aiSystemFrameworks.aiSystemId}`,
  key: aiSystemFrameworks.id,
  parent: aiSystemFrameworks.frameworkId,
  order: [aiSystems.name, aiSystems.id],
};
