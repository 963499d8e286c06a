/**
 * All SQL about baselines: named selections of a framework's requirements (from OSCAL profiles),
 * their membership history and where they apply (organisation-wide or per AI system).
 */
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../store.js';
import type { baselineApplications, baselines } from '../schema/index.js';
import { first, returned, sqlOf, tablesOf, type DialectSql, type Tables } from '../dialect.js';
import type { BaselineApplicationRow, BaselineRequirementRow, BaselineRow, RequirementRow } from '../rows.js';
import type { ExclusionMark } from '../../domain/catalog/baseline-applicability.js';
import type { PageRequest } from '../../domain/paging.js';
import type { BaselineApplicationOptions } from '../../domain/list-orders.js';
import { groupPage, type GroupedList } from './sql-helpers.js';
import { exclusionMarksRead } from './coverage/baseline-exclusions.js';
import { run } from './coverage/dialect-reads.js';

export type BaselineInsert = typeof baselines.$inferInsert;
export type { BaselineApplicationRow, BaselineRequirementRow, BaselineRow };

export class BaselineRepository {
  private readonly t: Tables;
  private readonly d: DialectSql;

  constructor(private readonly db: Db) {
    this.t = tablesOf(db);
    this.d = sqlOf(db);
  }

  async findByIds(ids: readonly number[]): Promise<BaselineRow[]> {
    const { baselines } = this.t;
    if (ids.length === 0) return [];
    return this.db.select().from(baselines).where(this.d.inList(baselines.id, ids));
  }

  async findByRefId(refId: string): Promise<BaselineRow | undefined> {
    const { baselines } = this.t;
    return first(this.db.select().from(baselines).where(eq(baselines.refId, refId)));
  }

  /** Every baseline, or those of some frameworks, ordered by refId. */
  async list(frameworkIds?: readonly number[]): Promise<BaselineRow[]> {
    const { baselines } = this.t;
    const where = frameworkIds === undefined ? undefined : this.d.inList(baselines.frameworkId, frameworkIds);
    return this.db.select().from(baselines).where(where).orderBy(asc(baselines.refId));
  }

  async insert(values: BaselineInsert): Promise<BaselineRow> {
    const { baselines } = this.t;
    return returned(this.db.insert(baselines).values(values).returning());
  }

  async update(id: number, patch: Partial<BaselineInsert>): Promise<void> {
    const { baselines } = this.t;
    await this.db.update(baselines).set(patch).where(eq(baselines.id, id));
  }

  /** Live membership rows of a baseline. */
  async liveMembers(baselineId: number): Promise<BaselineRequirementRow[]> {
    const { baselineRequirements } = this.t;
    return this.db
      .select()
      .from(baselineRequirements)
      .where(and(eq(baselineRequirements.baselineId, baselineId), isNull(baselineRequirements.removedAt)));
  }

  async addMember(baselineId: number, requirementId: number, at: Date, by: string): Promise<void> {
    const { baselineRequirements } = this.t;
    await this.db.insert(baselineRequirements).values({ baselineId, requirementId, addedAt: at, addedBy: by });
  }

  async removeMember(rowId: number, at: Date, by: string): Promise<void> {
    const { baselineRequirements } = this.t;
    await this.db.update(baselineRequirements).set({ removedAt: at, removedBy: by }).where(eq(baselineRequirements.id, rowId));
  }

  /** One page (plus one row) of `Framework.baselines` (by refId, id) for each framework, in one statement. */
  async pageOfFrameworks(frameworkIds: readonly number[], page: PageRequest): Promise<BaselineRow[]> {
    const { baselines } = this.t;
    if (frameworkIds.length === 0) return [];
    const { where, orderBy } = groupPage(this.d, BASELINES_OF_FRAMEWORK(this.t), frameworkIds, undefined, page);
    return this.db.select().from(baselines).where(where).orderBy(...orderBy);
  }

  /** Number of baselines `Framework.baselines` lists, per framework that has any. */
  async countOfFrameworks(frameworkIds: readonly number[]): Promise<{ parent: number; n: number }[]> {
    const { baselines } = this.t;
    if (frameworkIds.length === 0) return [];
    return this.db
      .select({ parent: baselines.frameworkId, n: count() })
      .from(baselines)
      .where(this.d.inList(baselines.frameworkId, frameworkIds))
      .groupBy(baselines.frameworkId);
  }

  /** One page (plus one row) of `Baseline.requirements` (live members, by requirement id) for each baseline, in one statement. */
  async pageOfMembers(baselineIds: readonly number[], page: PageRequest): Promise<(RequirementRow & { baselineId: number })[]> {
    const { baselineRequirements, requirements } = this.t;
    if (baselineIds.length === 0) return [];
    const { where, orderBy } = groupPage(this.d, MEMBERS(this.t), baselineIds, isNull(baselineRequirements.removedAt), page);
    const rows = await this.db
      .select({ baselineId: baselineRequirements.baselineId, requirement: requirements })
      .from(baselineRequirements)
      .innerJoin(requirements, eq(requirements.id, baselineRequirements.requirementId))
      .where(where)
      .orderBy(...orderBy);
    return rows.map((r) => ({ ...r.requirement, baselineId: r.baselineId }));
  }

  /** Number of live members, per baseline that has any. */
  async countOfMembers(baselineIds: readonly number[]): Promise<{ parent: number; n: number }[]> {
    const { baselineRequirements } = this.t;
    if (baselineIds.length === 0) return [];
    return this.db
      .select({ parent: baselineRequirements.baselineId, n: count() })
      .from(baselineRequirements)
      .where(and(this.d.inList(baselineRequirements.baselineId, baselineIds), isNull(baselineRequirements.removedAt)))
      .groupBy(baselineRequirements.baselineId);
  }

  /** One page (plus one row) of `Baseline.applications` (by id) for each baseline, in one statement. */
  async pageOfApplications(baselineIds: readonly number[], options: BaselineApplicationOptions, page: PageRequest): Promise<BaselineApplicationRow[]> {
    const { baselineApplications } = this.t;
    if (baselineIds.length === 0) return [];
    const { where, orderBy } = groupPage(this.d, APPLICATIONS(this.t), baselineIds, applicationWhere(this.t, this.d, options), page);
    return this.db.select().from(baselineApplications).where(where).orderBy(...orderBy);
  }

  /** Number of applications `Baseline.applications` lists, per baseline that has any. */
  async countOfApplications(baselineIds: readonly number[], options: BaselineApplicationOptions): Promise<{ parent: number; n: number }[]> {
    const { baselineApplications } = this.t;
    if (baselineIds.length === 0) return [];
    return this.db
      .select({ parent: baselineApplications.baselineId, n: count() })
      .from(baselineApplications)
      .where(and(this.d.inList(baselineApplications.baselineId, baselineIds), applicationWhere(this.t, this.d, options)))
      .groupBy(baselineApplications.baselineId);
  }

  /** The live application of a baseline in one scope (`aiSystemId` null = organisation-wide). */
  async findLiveApplication(baselineId: number, aiSystemId: number | null): Promise<BaselineApplicationRow | undefined> {
    const { baselineApplications } = this.t;
    return first(this.db
      .select()
      .from(baselineApplications)
      .where(
        and(
          eq(baselineApplications.baselineId, baselineId),
          aiSystemId === null ? isNull(baselineApplications.aiSystemId) : eq(baselineApplications.aiSystemId, aiSystemId),
          isNull(baselineApplications.retiredAt),
        ),
      ));
  }

  async insertApplication(values: typeof baselineApplications.$inferInsert): Promise<BaselineApplicationRow> {
    const { baselineApplications } = this.t;
    return returned(this.db.insert(baselineApplications).values(values).returning());
  }

  async retireApplication(id: number, at: Date, by: string): Promise<void> {
    const { baselineApplications } = this.t;
    await this.db.update(baselineApplications).set({ retiredAt: at, retiredBy: by }).where(eq(baselineApplications.id, id));
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
const BASELINES_OF_FRAMEWORK = ({ baselines }: Tables): GroupedList => ({ source: baselines, key: baselines.id, parent: baselines.frameworkId, order: [baselines.refId, baselines.id] });

/** `Baseline.requirements`: a baseline's member requirements, by id. */
const MEMBERS = ({ baselineRequirements, requirements }: Tables): GroupedList => ({
  source: sql`${baselineRequirements} INNER JOIN ${requirements} ON ${requirements.id} = ${baselineRequirements.requirementId}`,
  key: baselineRequirements.id,
  parent: baselineRequirements.baselineId,
  order: [requirements.id],
});

/** `Baseline.applications`: a baseline's applications, by id. */
const APPLICATIONS = ({ baselineApplications }: Tables): GroupedList => ({ source: baselineApplications, key: baselineApplications.id, parent: baselineApplications.baselineId, order: [baselineApplications.id] });

const applicationWhere = ({ baselineApplications }: Tables, d: DialectSql, options: BaselineApplicationOptions) => (options.includeRetired ? undefined : isNull(baselineApplications.retiredAt));
