/** All SQL about applicability: not-applicable marks of requirements. */
import { and, count, eq, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import type { notApplicableMarks } from '../schema/index.js';
import { first, returned, sqlOf, tablesOf, type DialectSql, type Tables } from '../dialect.js';
import type { NotApplicableMarkRow } from '../rows.js';
import type { PageRequest } from '../../domain/paging.js';
import type { NotApplicableMarkOptions } from '../../domain/list-orders.js';
import { groupPage, type GroupedList } from './sql-helpers.js';

export type NotApplicableMarkInsert = typeof notApplicableMarks.$inferInsert;

export class ApplicabilityRepository {
  private readonly t: Tables;
  private readonly d: DialectSql;

  constructor(private readonly db: Db) {
    this.t = tablesOf(db);
    this.d = sqlOf(db);
  }

  async findByIds(ids: readonly number[]): Promise<NotApplicableMarkRow[]> {
    const { notApplicableMarks } = this.t;
    if (ids.length === 0) return [];
    return this.db.select().from(notApplicableMarks).where(this.d.inList(notApplicableMarks.id, ids));
  }

  /** Every mark (live and retired, any scope) of the requirements, ordered by requirement, id. */
  /** One page (plus one row) of `Requirement.notApplicable` (by id) for each requirement, in one statement. */
  async pageOfRequirements(requirementIds: readonly number[], options: NotApplicableMarkOptions, page: PageRequest): Promise<NotApplicableMarkRow[]> {
    const { notApplicableMarks } = this.t;
    if (requirementIds.length === 0) return [];
    const { where, orderBy } = groupPage(this.d, MARKS(this.t), requirementIds, markWhere(this.t, this.d, options), page);
    return this.db.select().from(notApplicableMarks).where(where).orderBy(...orderBy);
  }

  /** Number of marks `Requirement.notApplicable` lists, per requirement that has any. */
  async countOfRequirements(requirementIds: readonly number[], options: NotApplicableMarkOptions): Promise<{ parent: number; n: number }[]> {
    const { notApplicableMarks } = this.t;
    if (requirementIds.length === 0) return [];
    return this.db
      .select({ parent: notApplicableMarks.requirementId, n: count() })
      .from(notApplicableMarks)
      .where(and(this.d.inList(notApplicableMarks.requirementId, requirementIds), markWhere(this.t, this.d, options)))
      .groupBy(notApplicableMarks.requirementId);
  }

  /** The live mark of a requirement in one scope (`aiSystemId` null = organisation-wide). */
  async findLive(requirementId: number, aiSystemId: number | null): Promise<NotApplicableMarkRow | undefined> {
    const { notApplicableMarks } = this.t;
    return first(this.db
      .select()
      .from(notApplicableMarks)
      .where(
        and(
          eq(notApplicableMarks.requirementId, requirementId),
          aiSystemId === null ? isNull(notApplicableMarks.aiSystemId) : eq(notApplicableMarks.aiSystemId, aiSystemId),
          isNull(notApplicableMarks.retiredAt),
        ),
      ));
  }

  async aiSystemExists(id: number): Promise<boolean> {
    const { aiSystems } = this.t;
    return (await first(this.db.select({ id: aiSystems.id }).from(aiSystems).where(eq(aiSystems.id, id)))) !== undefined;
  }

  async insert(values: NotApplicableMarkInsert): Promise<NotApplicableMarkRow> {
    const { notApplicableMarks } = this.t;
    return returned(this.db.insert(notApplicableMarks).values(values).returning());
  }

  async retire(id: number, at: Date, by: string): Promise<NotApplicableMarkRow> {
    const { notApplicableMarks } = this.t;
    return returned(this.db
      .update(notApplicableMarks)
      .set({ retiredAt: at, retiredBy: by })
      .where(eq(notApplicableMarks.id, id))
      .returning());
  }
}

/** `Requirement.notApplicable`: a requirement's marks, by id. */
const MARKS = ({ notApplicableMarks }: Tables): GroupedList => ({ source: notApplicableMarks, key: notApplicableMarks.id, parent: notApplicableMarks.requirementId, order: [notApplicableMarks.id] });

/** Organisation-wide marks and the AI system's, live ones unless retired ones are asked for. */
const markWhere = ({ notApplicableMarks }: Tables, d: DialectSql, options: NotApplicableMarkOptions): SQL | undefined =>
  and(
    options.aiSystemId === null ? isNull(notApplicableMarks.aiSystemId) : or(isNull(notApplicableMarks.aiSystemId), eq(notApplicableMarks.aiSystemId, options.aiSystemId)),
    options.includeRetired ? undefined : isNull(notApplicableMarks.retiredAt),
  );
