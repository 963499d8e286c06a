/** All SQL about applicability: not-applicable marks of requirements. */
import { and, count, eq, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import { aiSystems, notApplicableMarks } from '../schema/index.js';
import type { NotApplicableMarkRow } from '../rows.js';
import type { PageRequest } from '../../domain/paging.js';
import type { NotApplicableMarkOptions } from '../../domain/list-orders.js';
import { groupPage, inList, type GroupedList } from './sql-helpers.js';

export type NotApplicableMarkInsert = typeof notApplicableMarks.$inferInsert;

export class ApplicabilityRepository {
  constructor(private readonly db: Db) {}

  async findByIds(ids: readonly number[]): Promise<NotApplicableMarkRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(notApplicableMarks).where(inList(notApplicableMarks.id, ids)).all();
  }

  /** Every mark (live and retired, any scope) of the requirements, ordered by requirement, id. */
  /** One page (plus one row) of `Requirement.notApplicable` (by id) for each requirement, in one statement. */
  async pageOfRequirements(requirementIds: readonly number[], options: NotApplicableMarkOptions, page: PageRequest): Promise<NotApplicableMarkRow[]> {
    if (requirementIds.length === 0) return [];
    const { where, orderBy } = groupPage(MARKS, requirementIds, markWhere(options), page);
    return this.db.select().from(notApplicableMarks).where(where).orderBy(...orderBy).all();
  }

  /** Number of marks `Requirement.notApplicable` lists, per requirement that has any. */
  async countOfRequirements(requirementIds: readonly number[], options: NotApplicableMarkOptions): Promise<{ parent: number; n: number }[]> {
    if (requirementIds.length === 0) return [];
    return this.db
      .select({ parent: notApplicableMarks.requirementId, n: count() })
      .from(notApplicableMarks)
      .where(and(inList(notApplicableMarks.requirementId, requirementIds), markWhere(options)))
      .groupBy(notApplicableMarks.requirementId)
      .all();
  }

  /** The live mark of a requirement in one scope (`aiSystemId` null = organisation-wide). */
  async findLive(requirementId: number, aiSystemId: number | null): Promise<NotApplicableMarkRow | undefined> {
    return this.db
      .select()
      .from(notApplicableMarks)
      .where(
        and(
          eq(notApplicableMarks.requirementId, requirementId),
          aiSystemId === null ? isNull(notApplicableMarks.aiSystemId) : eq(notApplicableMarks.aiSystemId, aiSystemId),
          isNull(notApplicableMarks.retiredAt),
        ),
      )
      .get();
  }

  async aiSystemExists(id: number): Promise<boolean> {
    return this.db.select({ id: aiSystems.id }).from(aiSystems).where(eq(aiSystems.id, id)).get() !== undefined;
  }

  async insert(values: NotApplicableMarkInsert): Promise<NotApplicableMarkRow> {
    return this.db.insert(notApplicableMarks).values(values).returning().get();
  }

  async retire(id: number, at: Date, by: string): Promise<NotApplicableMarkRow> {
    return this.db
      .update(notApplicableMarks)
      .set({ retiredAt: at, retiredBy: by })
      .where(eq(notApplicableMarks.id, id))
      .returning()
      .get();
  }
}

/** `Requirement.notApplicable`: a requirement's marks, by id. */
const MARKS: GroupedList = { source: notApplicableMarks, key: notApplicableMarks.id, parent: notApplicableMarks.requirementId, order: [notApplicableMarks.id] };

/** Organisation-wide marks and the AI system's, live ones unless retired ones are asked for. */
const markWhere = (options: NotApplicableMarkOptions): SQL | undefined =>
  and(
    options.aiSystemId === null ? isNull(notApplicableMarks.aiSystemId) : or(isNull(notApplicableMarks.aiSystemId), eq(notApplicableMarks.aiSystemId, options.aiSystemId)),
    options.includeRetired ? undefined : isNull(notApplicableMarks.retiredAt),
  );
