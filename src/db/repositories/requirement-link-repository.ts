/** All SQL about crosswalk links (requirement → requirement). */
import { and, asc, eq, isNull, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import type { requirementLinks } from '../schema/index.js';
import { first, returned, rows, type DialectSql, type Tables } from '../dialect.js';
import type { RequirementLinkRow } from '../rows.js';
import type { Relationship } from '../../domain/vocabulary.js';
import type { PageRequest, SortKey } from '../../domain/paging.js';
import type { RequirementLinkListOptions } from '../../domain/list-orders.js';
import { afterKey, batches, variablesPerRow } from './sql-helpers.js';
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
    super(db, (t, d) => ({ table: t.requirementLinks, key: t.requirementLinks.id, order: [t.requirementLinks.id], where: (filter) => requirementLinkWhere(t, d, filter) }));
  }

  async findById(id: number): Promise<RequirementLinkRow | undefined> {
    const { requirementLinks } = this.t;
    return first(this.db.select().from(requirementLinks).where(eq(requirementLinks.id, id)));
  }

  /**
   * The live link between two requirements in either direction (one live link per unordered pair:
   * a link also states its inverse), the oldest if raw data holds several.
   */
  async findLiveBetween(firstId: number, secondId: number): Promise<RequirementLinkRow | undefined> {
    const { requirementLinks } = this.t;
    return first(this.db
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
      .limit(1));
  }

  /**
   * One page (plus one row) of `Requirement.links` (by id) for each requirement: one statement
   * ranks the links per requirement (a link is listed by both its ends, a link of a requirement to
   * itself once) and reads at most `page.first + 1` per requirement, a second reads those links.
   */
  async pageOfRequirements(
    requirementIds: readonly number[],
    options: RequirementLinkListOptions,
    page: PageRequest,
  ): Promise<(RequirementLinkRow & { requirementId: number })[]> {
    if (requirementIds.length === 0) return [];
    const ranked = await rows<{ linkId: number; parent: number }>(this.db, sql`SELECT link_id AS "linkId", parent FROM (
      SELECT link_id, parent, ROW_NUMBER() OVER (PARTITION BY parent ORDER BY link_id) AS ranked_n
      FROM (${linkEnds(this.t, this.d, requirementIds, options, page.after)}) AS ends) AS ranked WHERE ranked_n <= ${page.first + 1} ORDER BY parent, link_id`);
    if (ranked.length === 0) return [];
    const links = new Map((await this.findByIds([...new Set(ranked.map((r) => r.linkId))])).map((l) => [l.id, l]));
    return ranked.map((r) => ({ ...links.get(r.linkId)!, requirementId: r.parent }));
  }

  /** Number of links `Requirement.links` lists, per requirement that has any. */
  async countOfRequirements(requirementIds: readonly number[], options: RequirementLinkListOptions): Promise<{ parent: number; n: number }[]> {
    if (requirementIds.length === 0) return [];
    return rows<{ parent: number; n: number }>(
      this.db,
      sql`SELECT parent, count(*) AS n FROM (${linkEnds(this.t, this.d, requirementIds, options, null)}) AS ends GROUP BY parent`,
    );
  }

  async insert(values: RequirementLinkInsert): Promise<RequirementLinkRow> {
    const { requirementLinks } = this.t;
    return returned(this.db.insert(requirementLinks).values(values).returning());
  }

  /** Inserts many links with multi-row INSERTs (in batches within the bound-variable limit). */
  async insertMany(rows: readonly RequirementLinkInsert[]): Promise<void> {
    const { requirementLinks } = this.t;
    for (const batch of batches(rows, variablesPerRow(requirementLinks))) (await this.db.insert(requirementLinks).values(batch));
  }

  async retire(id: number, at: Date, by: string): Promise<RequirementLinkRow> {
    const { requirementLinks } = this.t;
    return returned(this.db
      .update(requirementLinks)
      .set({ retiredAt: at, retiredBy: by, updatedAt: at })
      .where(eq(requirementLinks.id, id))
      .returning());
  }
}

function requirementLinkWhere({ requirementLinks }: Tables, d: DialectSql, filter: RequirementLinkFilter): SQL | undefined {
  const inFramework = (frameworkId: number) => sql`(SELECT id FROM requirements WHERE framework_id = ${frameworkId})`;
  return and(
    filter.sourceFrameworkId != null
      ? sql`${requirementLinks.sourceRequirementId} IN ${inFramework(filter.sourceFrameworkId)}`
      : undefined,
    filter.targetFrameworkId != null
      ? sql`${requirementLinks.targetRequirementId} IN ${inFramework(filter.targetFrameworkId)}`
      : undefined,
    filter.relationships?.length ? d.inList(requirementLinks.relationship, filter.relationships) : undefined,
    filter.includeRetired ? undefined : isNull(requirementLinks.retiredAt),
  );
}

/**
 * (link_id, parent) of every link `Requirement.links` lists for the requirements, after the key:
 * outgoing links by their source, incoming ones by their target (UNION: a self-link once).
 */
function linkEnds({ requirementLinks }: Tables, d: DialectSql, requirementIds: readonly number[], options: RequirementLinkListOptions, after: SortKey | null): SQL {
  const common = and(options.includeRetired ? undefined : isNull(requirementLinks.retiredAt), afterKey([requirementLinks.id], after));
  const end = (column: Column) =>
    sql`SELECT ${requirementLinks.id} AS link_id, ${column} AS parent FROM ${requirementLinks} WHERE ${and(d.inList(column, requirementIds), common)}`;
  const arms: SQL[] = [];
  if (options.direction !== 'INCOMING') arms.push(end(requirementLinks.sourceRequirementId));
  if (options.direction !== 'OUTGOING') arms.push(end(requirementLinks.targetRequirementId));
  return sql.join(arms, sql` UNION `);
}
