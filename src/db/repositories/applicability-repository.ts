/** All SQL about applicability: not-applicable marks of requirements. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../store.js';
import { aiSystems, notApplicableMarks } from '../schema/index.js';
import type { NotApplicableMarkRow } from '../rows.js';
import { inList } from './sql-helpers.js';

export type NotApplicableMarkInsert = typeof notApplicableMarks.$inferInsert;

export class ApplicabilityRepository {
  constructor(private readonly db: Db) {}

  async findByIds(ids: readonly number[]): Promise<NotApplicableMarkRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(notApplicableMarks).where(inList(notApplicableMarks.id, ids)).all();
  }

  /** Every mark (live and retired, any scope) of the requirements, ordered by requirement, id. */
  async marksOfRequirements(requirementIds: readonly number[]): Promise<NotApplicableMarkRow[]> {
    if (requirementIds.length === 0) return [];
    return this.db
      .select()
      .from(notApplicableMarks)
      .where(inList(notApplicableMarks.requirementId, requirementIds))
      .orderBy(asc(notApplicableMarks.requirementId), asc(notApplicableMarks.id))
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
