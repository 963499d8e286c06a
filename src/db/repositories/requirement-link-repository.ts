/** All SQL about crosswalk links (requirement → requirement). */
import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import { requirementLinks } from '../schema/index.js';
import type { RequirementLinkRow } from '../rows.js';
import type { Relationship } from '../../domain/vocabulary.js';
import { batches, inList, variablesPerRow } from './sql-helpers.js';
import { KeysetRepository } from './keyset-repository.js';

export interface RequirementLinkFilter {
  sourceFrameworkId?: number | null;
  targetFrameworkId?: number | null;
  relationships?: readonly Relationship[] | null;
  includeRetired?: boolean | null;
}

export type RequirementLinkInsert = typeof requirementLinks.$inferInsert;

/** Links are listed by id (creation order). */
export class RequirementLinkRepository extends KeysetRepository<typeof requirementLinks, RequirementLinkFilter> {
  constructor(db: Db) {
    super(db, { table: requirementLinks, key: requirementLinks.id, order: [requirementLinks.id], where: requirementLinkWhere });
  }

  async findById(id: number): Promise<RequirementLinkRow | undefined> {
    return this.db.select().from(requirementLinks).where(eq(requirementLinks.id, id)).get();
  }

  /**
   * The live link between two requirements in either direction (one live link per unordered pair:
   * a link also states its inverse), the oldest if raw data holds several.
   */
  async findLiveBetween(firstId: number, secondId: number): Promise<RequirementLinkRow | undefined> {
    return this.db
      .select()
      .from(requirementLinks)
      .where(
        and(
          or(
            and(eq(requirementLinks.sourceRequirementId, firstId), eq(requirementLinks.targetRequirementId, secondId)),
            and(eq(requirementLinks.sourceRequirementId, secondId), eq(requirementLinks.targetRequirementId, firstId)),
          ),
          isNull(requirementLinks.retiredAt),
        ),
      )
      .orderBy(asc(requirementLinks.id))
      .get();
  }

  /** Every link (live and retired) touching any of the requirements, in either direction, by id. */
  async ofRequirements(requirementIds: readonly number[]): Promise<RequirementLinkRow[]> {
    if (requirementIds.length === 0) return [];
    return this.db
      .select()
      .from(requirementLinks)
      .where(
        or(
          inList(requirementLinks.sourceRequirementId, requirementIds),
          inList(requirementLinks.targetRequirementId, requirementIds),
        ),
      )
      .orderBy(asc(requirementLinks.id))
      .all();
  }

  async insert(values: RequirementLinkInsert): Promise<RequirementLinkRow> {
    return this.db.insert(requirementLinks).values(values).returning().get();
  }

  /** Inserts many links with multi-row INSERTs (in batches within the bound-variable limit). */
  async insertMany(rows: readonly RequirementLinkInsert[]): Promise<void> {
    for (const batch of batches(rows, variablesPerRow(requirementLinks))) this.db.insert(requirementLinks).values(batch).run();
  }

  async retire(id: number, at: Date, by: string): Promise<RequirementLinkRow> {
    return this.db
      .update(requirementLinks)
      .set({ retiredAt: at, retiredBy: by, updatedAt: at })
      .where(eq(requirementLinks.id, id))
      .returning()
      .get();
  }
}

function requirementLinkWhere(filter: RequirementLinkFilter): SQL | undefined {
  const inFramework = (frameworkId: number) => sql`(SELECT id FROM requirements WHERE framework_id = ${frameworkId})`;
  return and(
    filter.sourceFrameworkId != null
      ? sql`${requirementLinks.sourceRequirementId} IN ${inFramework(filter.sourceFrameworkId)}`
      : undefined,
    filter.targetFrameworkId != null
      ? sql`${requirementLinks.targetRequirementId} IN ${inFramework(filter.targetFrameworkId)}`
      : undefined,
    filter.relationships?.length ? inList(requirementLinks.relationship, filter.relationships) : undefined,
    filter.includeRetired ? undefined : isNull(requirementLinks.retiredAt),
  );
}
