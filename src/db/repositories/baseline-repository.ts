/**
 * All SQL about baselines: named selections of a framework's requirements (from OSCAL profiles),
 * their membership history and where they apply (organisation-wide or per AI system).
 */
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../store.js';
import { baselineApplications, baselineRequirements, baselines, requirements } from '../schema/index.js';
import type { BaselineApplicationRow, BaselineRequirementRow, BaselineRow, RequirementRow } from '../rows.js';
import type { ExclusionMark } from '../../domain/catalog/baseline-applicability.js';
import type { PageRequest } from '../../domain/paging.js';
import type { BaselineApplicationOptions } from '../../domain/list-orders.js';
import { groupPage, inList, type GroupedList } from './sql-helpers.js';
import { exclusionMarksRead } from './coverage/baseline-exclusions.js';
import { run } from './coverage/dialect-reads.js';

export type BaselineInsert = typeof baselines.$inferInsert;
export type { BaselineApplicationRow, BaselineRequirementRow, BaselineRow };

export class BaselineRepository {
  constructor(private readonly db: Db) {}

  async findByIds(ids: readonly number[]): Promise<BaselineRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(baselines).where(inList(baselines.id, ids)).all();
  }

  async findByRefId(refId: string): Promise<BaselineRow | undefined> {
    return this.db.select().from(baselines).where(eq(baselines.refId, refId)).get();
  }

  /** Every baseline, or those of some frameworks, ordered by refId. */
  async list(frameworkIds?: readonly number[]): Promise<BaselineRow[]> {
    const where = frameworkIds === undefined ? undefined : inList(baselines.frameworkId, frameworkIds);
    return this.db.select().from(baselines).where(where).orderBy(asc(baselines.refId)).all();
  }

  async insert(values: BaselineInsert): Promise<BaselineRow> {
    return this.db.insert(baselines).values(values).returning().get();
  }

  async update(id: number, patch: Partial<BaselineInsert>): Promise<void> {
    this.db.update(baselines).set(patch).where(eq(baselines.id, id)).run();
  }

  /** Live membership rows of a baseline. */
  async liveMembers(baselineId: number): Promise<BaselineRequirementRow[]> {
    return this.db
      .select()
      .from(baselineRequirements)
      .where(and(eq(baselineRequirements.baselineId, baselineId), isNull(baselineRequirements.removedAt)))
      .all();
  }

  async addMember(baselineId: number, requirementId: number, at: Date, by: string): Promise<void> {
    this.db.insert(baselineRequirements).values({ baselineId, requirementId, addedAt: at, addedBy: by }).run();
  }

  async removeMember(rowId: number, at: Date, by: string): Promise<void> {
    this.db.update(baselineRequirements).set({ removedAt: at, removedBy: by }).where(eq(baselineRequirements.id, rowId)).run();
  }

  /** One page (plus one row) of `Framework.baselines` (by refId, id) for each framework, in one statement. */
  async pageOfFrameworks(frameworkIds: readonly number[], page: PageRequest): Promise<BaselineRow[]> {
    if (frameworkIds.length === 0) return [];
    const { where, orderBy } = groupPage(BASELINES_OF_FRAMEWORK, frameworkIds, undefined, page);
    return this.db.select().from(baselines).where(where).orderBy(...orderBy).all();
  }

  /** Number of baselines `Framework.baselines` lists, per framework that has any. */
  async countOfFrameworks(frameworkIds: readonly number[]): Promise<{ parent: number; n: number }[]> {
    if (frameworkIds.length === 0) return [];
    return this.db
      .select({ parent: baselines.frameworkId, n: count() })
      .from(baselines)
      .where(inList(baselines.frameworkId, frameworkIds))
      .groupBy(baselines.frameworkId)
      .all();
  }

  /** One page (plus one row) of `Baseline.requirements` (live members, by requirement id) for each baseline, in one statement. */
  async pageOfMembers(baselineIds: readonly number[], page: PageRequest): Promise<(RequirementRow & { baselineId: number })[]> {
    if (baselineIds.length === 0) return [];
    const { where, orderBy } = groupPage(MEMBERS, baselineIds, isNull(baselineRequirements.removedAt), page);
    const rows = this.db
      .select({ baselineId: baselineRequirements.baselineId, requirement: requirements })
      .from(baselineRequirements)
      .innerJoin(requirements, eq(requirements.id, baselineRequirements.requirementId))
      .where(where)
      .orderBy(...orderBy)
      .all();
    return rows.map((r) => ({ ...r.requirement, baselineId: r.baselineId }));
  }

  /** Number of live members, per baseline that has any. */
  async countOfMembers(baselineIds: readonly number[]): Promise<{ parent: number; n: number }[]> {
    if (baselineIds.length === 0) return [];
    return this.db
      .select({ parent: baselineRequirements.baselineId, n: count() })
      .from(baselineRequirements)
      .where(and(inList(baselineRequirements.baselineId, baselineIds), isNull(baselineRequirements.removedAt)))
      .groupBy(baselineRequirements.baselineId)
      .all();
  }

  /** One page (plus one row) of `Baseline.applications` (by id) for each baseline, in one statement. */
  async pageOfApplications(baselineIds: readonly number[], options: BaselineApplicationOptions, page: PageRequest): Promise<BaselineApplicationRow[]> {
    if (baselineIds.length === 0) return [];
    const { where, orderBy } = groupPage(APPLICATIONS, baselineIds, applicationWhere(options), page);
    return this.db.select().from(baselineApplications).where(where).orderBy(...orderBy).all();
  }

  /** Number of applications `Baseline.applications` lists, per baseline that has any. */
  async countOfApplications(baselineIds: readonly number[], options: BaselineApplicationOptions): Promise<{ parent: number; n: number }[]> {
    if (baselineIds.length === 0) return [];
    return this.db
      .select({ parent: baselineApplications.baselineId, n: count() })
      .from(baselineApplications)
      .where(and(inList(baselineApplications.baselineId, baselineIds), applicationWhere(options)))
      .groupBy(baselineApplications.baselineId)
      .all();
  }

  /** The live application of a baseline in one scope (`aiSystemId` null = organisation-wide). */
  async findLiveApplication(baselineId: number, aiSystemId: number | null): Promise<BaselineApplicationRow | undefined> {
    return this.db
      .select()
      .from(baselineApplications)
      .where(
        and(
          eq(baselineApplications.baselineId, baselineId),
          aiSystemId === null ? isNull(baselineApplications.aiSystemId) : eq(baselineApplications.aiSystemId, aiSystemId),
          isNull(baselineApplications.retiredAt),
        ),
      )
      .get();
  }

  async insertApplication(values: typeof baselineApplications.$inferInsert): Promise<BaselineApplicationRow> {
    return this.db.insert(baselineApplications).values(values).returning().get();
  }

  async retireApplication(id: number, at: Date, by: string): Promise<void> {
    this.db.update(baselineApplications).set({ retiredAt: at, retiredBy: by }).where(eq(baselineApplications.id, id)).run();
  }

  /**
   * For the coverage engine: the effect of every applied baseline, as exclusion marks shaped like
   * `NotApplicableMarkInput` (aiSystemId null: organisation-wide), exact at every instant: the
   * snapshot's `baselineExclusions`; see `baselineExclusionMarks` for the rules. The read is the
   * coverage snapshot's (coverage/baseline-exclusions.ts), which runs it in its read transaction.
   */
  async exclusionMarks(): Promise<ExclusionMark[]> {
    return run(this.db, exclusionMarksRead(this.db));
  }
}

/** `Framework.baselines`: a framework's baselines, by refId, id. */
const BASELINES_OF_FRAMEWORK: GroupedList = { source: baselines, key: baselines.id, parent: baselines.frameworkId, order: [baselines.refId, baselines.id] };

/** `Baseline.requirements`: a baseline's member requirements, by id. */
const MEMBERS: GroupedList = {
  source: sql`${baselineRequirements} INNER JOIN ${requirements} ON ${requirements.id} = ${baselineRequirements.requirementId}`,
  key: baselineRequirements.id,
  parent: baselineRequirements.baselineId,
  order: [requirements.id],
};

/** `Baseline.applications`: a baseline's applications, by id. */
const APPLICATIONS: GroupedList = { source: baselineApplications, key: baselineApplications.id, parent: baselineApplications.baselineId, order: [baselineApplications.id] };

const applicationWhere = (options: BaselineApplicationOptions) => (options.includeRetired ? undefined : isNull(baselineApplications.retiredAt));
