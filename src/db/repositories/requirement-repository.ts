/** All SQL about requirements. */
import { and, asc, count, eq, inArray, isNull, max, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import type { requirements } from '../schema/index.js';
import { first, returned, rows, type DialectSql, type Tables } from '../dialect.js';
import type { RequirementRow } from '../rows.js';
import type { PageRequest } from '../../domain/paging.js';
import type { FrameworkRequirementOptions, RequirementChildOptions } from '../../domain/list-orders.js';
import { afterKey, firstRowsPerGroup, groupPage, textSearch, type GroupedList } from './sql-helpers.js';
import { KeysetRepository } from './keyset-repository.js';

export interface RequirementFilter {
  frameworkId?: number | null;
  parentId?: number | null;
  topLevelOnly?: boolean | null;
  search?: string | null;
  includeWithdrawn?: boolean | null;
}

export interface RequirementDependents {
  children: number;
  liveMappings: number;
  liveLinks: number;
  threatLinks: number;
}

export type RequirementInsert = typeof requirements.$inferInsert;
export type RequirementPatch = Partial<Omit<RequirementInsert, 'id' | 'frameworkId' | 'createdAt'>>;

/** The root list is ordered by (frameworkId, id); siblings by (sortOrder, id) (domain/list-orders.ts). */
export class RequirementRepository extends KeysetRepository<typeof requirements, RequirementFilter> {
  constructor(db: Db) {
    super(db, (t, d) => ({ table: t.requirements, key: t.requirements.id, order: [t.requirements.frameworkId, t.requirements.id], where: (filter) => requirementWhere(t, d, filter) }));
  }

  /** The live requirement (a retired one is not found for writes; findByIds resolves it). */
  async findById(id: number): Promise<RequirementRow | undefined> {
    const { requirements } = this.t;
    return first(this.db.select().from(requirements).where(and(eq(requirements.id, id), isNull(requirements.retiredAt))));
  }

  /** The live requirement with that refId in the framework (a retired one frees its refId). */
  async findByRefId(frameworkId: number, refId: string): Promise<RequirementRow | undefined> {
    const { requirements } = this.t;
    return first(this.db
      .select()
      .from(requirements)
      .where(and(eq(requirements.frameworkId, frameworkId), eq(requirements.refId, refId), isNull(requirements.retiredAt))));
  }

  async findByFrameworkRefId(frameworkRefId: string, refId: string): Promise<RequirementRow | undefined> {
    const { frameworks, requirements } = this.t;
    const rows = await this.db
      .select({ requirement: requirements })
      .from(requirements)
      .innerJoin(frameworks, eq(frameworks.id, requirements.frameworkId))
      .where(and(eq(frameworks.refId, frameworkRefId), eq(requirements.refId, refId), isNull(frameworks.retiredAt), isNull(requirements.retiredAt)));
    return rows[0]?.requirement;
  }

  /** Every child of the given parents, ordered by parent, sortOrder, id. */
  /** One page (plus one row) of `Requirement.children` (live children, by sortOrder, id) for each parent, in one statement. */
  async pageOfParents(parentIds: readonly number[], options: RequirementChildOptions, page: PageRequest): Promise<RequirementRow[]> {
    const { requirements } = this.t;
    if (parentIds.length === 0) return [];
    const { where, orderBy } = groupPage(this.d, CHILDREN(this.t), parentIds, childWhere(this.t, this.d, options), page);
    return this.db.select().from(requirements).where(where).orderBy(...orderBy);
  }

  /** Number of children `Requirement.children` lists, per parent that has any. */
  async countOfParents(parentIds: readonly number[], options: RequirementChildOptions): Promise<{ parent: number; n: number }[]> {
    const { requirements } = this.t;
    if (parentIds.length === 0) return [];
    return this.db
      .select({ parent: sql<number>`${requirements.parentId}`, n: count() })
      .from(requirements)
      .where(and(this.d.inList(requirements.parentId, parentIds), childWhere(this.t, this.d, options)))
      .groupBy(requirements.parentId);
  }

  /**
   * One page (plus one row, to tell whether more follow) of `Framework.requirements` for each
   * framework, in one statement.
   */
  async pageOfFrameworks(
    frameworkIds: readonly number[],
    options: FrameworkRequirementOptions,
    page: PageRequest,
  ): Promise<RequirementRow[]> {
    if (frameworkIds.length === 0) return [];
    const { requirements } = this.t;
    const order = options.topLevelOnly ? [requirements.sortOrder, requirements.id] : [requirements.id];
    const where = and(
      this.d.inList(requirements.frameworkId, frameworkIds),
      this.frameworkOptions(options),
      afterKey(order, page.after),
    );
    return this.db
      .select()
      .from(requirements)
      .where(firstRowsPerGroup(requirements, requirements.id, requirements.frameworkId, order, where, page.first + 1))
      .orderBy(asc(requirements.frameworkId), ...order.map((c) => asc(c)));
  }

  /** Number of requirements `Framework.requirements` lists, per framework. */
  async countOfFrameworks(
    frameworkIds: readonly number[],
    options: FrameworkRequirementOptions,
  ): Promise<{ frameworkId: number; n: number }[]> {
    if (frameworkIds.length === 0) return [];
    const { requirements } = this.t;
    return this.db
      .select({ frameworkId: requirements.frameworkId, n: count() })
      .from(requirements)
      .where(and(this.d.inList(requirements.frameworkId, frameworkIds), this.frameworkOptions(options)))
      .groupBy(requirements.frameworkId);
  }

  /** Largest sortOrder among the children of `parentId` (top level when null), or null. */
  async maxSiblingSortOrder(frameworkId: number, parentId: number | null): Promise<number | null> {
    const { requirements } = this.t;
    const row = await first(this.db
      .select({ m: max(requirements.sortOrder) })
      .from(requirements)
      .where(
        and(
          eq(requirements.frameworkId, frameworkId),
          parentId === null ? isNull(requirements.parentId) : eq(requirements.parentId, parentId),
          isNull(requirements.retiredAt),
        ),
      ));
    return row?.m ?? null;
  }

  /** Ids of the requirement's ancestors (parent, grandparent, ...), nearest first. */
  async ancestorIds(id: number): Promise<number[]> {
    const ancestors = await rows<{ id: number }>(this.db, sql`
      WITH RECURSIVE up(id, depth) AS (
        SELECT parent_id, 1 FROM requirements WHERE id = ${id} AND parent_id IS NOT NULL
        UNION ALL
        SELECT r.parent_id, up.depth + 1 FROM up JOIN requirements r ON r.id = up.id
          WHERE r.parent_id IS NOT NULL AND up.depth < 1000
      )
      SELECT id FROM up ORDER BY depth`);
    return ancestors.map((r) => r.id);
  }

  async insert(values: RequirementInsert): Promise<RequirementRow> {
    const { requirements } = this.t;
    return returned(this.db.insert(requirements).values(values).returning());
  }

  async update(id: number, patch: RequirementPatch): Promise<RequirementRow> {
    const { requirements } = this.t;
    return returned(this.db.update(requirements).set(patch).where(eq(requirements.id, id)).returning());
  }

  /**
   * Retires the requirement (rule 10): kept with its (retired) mappings, crosswalk links and
   * threat links, its structure history closed at `at` (requirement_versions), its live
   * applicability marks retired, its refId free again.
   */
  async retire(id: number, at: Date, by: string): Promise<RequirementRow> {
    const { notApplicableMarks, requirements } = this.t;
    await this.db
      .update(notApplicableMarks)
      .set({ retiredAt: at, retiredBy: by })
      .where(and(eq(notApplicableMarks.requirementId, id), isNull(notApplicableMarks.retiredAt)));
    return returned(this.db.update(requirements).set({ retiredAt: at, updatedAt: at }).where(eq(requirements.id, id)).returning());
  }

  /**
   * Retires every live requirement of a framework, as {@link retire} does one (the framework is
   * being retired: its requirements leave with it).
   */
  async retireAllOf(frameworkId: number, at: Date, by: string): Promise<void> {
    const { notApplicableMarks, requirements } = this.t;
    const live = this.db.select({ id: requirements.id }).from(requirements).where(and(eq(requirements.frameworkId, frameworkId), isNull(requirements.retiredAt)));
    await this.db
      .update(notApplicableMarks)
      .set({ retiredAt: at, retiredBy: by })
      .where(and(inArray(notApplicableMarks.requirementId, live), isNull(notApplicableMarks.retiredAt)));
    await this.db
      .update(requirements)
      .set({ retiredAt: at, updatedAt: at })
      .where(and(eq(requirements.frameworkId, frameworkId), isNull(requirements.retiredAt)));
  }

  /** What live depends on a requirement; a delete is refused while any of these is not zero. */
  async dependents(id: number): Promise<RequirementDependents> {
    return (await rows<RequirementDependents>(this.db, sql`
      SELECT
        (SELECT count(*) FROM requirements c WHERE c.parent_id = ${id} AND c.retired_at IS NULL) AS children,
        (SELECT count(*) FROM mappings m WHERE m.requirement_id = ${id} AND m.retired_at IS NULL) AS "liveMappings",
        (SELECT count(*) FROM requirement_links l
          WHERE (l.source_requirement_id = ${id} OR l.target_requirement_id = ${id})
            AND l.retired_at IS NULL) AS "liveLinks",
        (SELECT count(*) FROM threat_requirements t WHERE t.requirement_id = ${id} AND t.retired_at IS NULL) AS "threatLinks"`))[0]!;
  }

  private frameworkOptions(options: FrameworkRequirementOptions): SQL | undefined {
    const { requirements } = this.t;
    return and(
      isNull(requirements.retiredAt),
      options.topLevelOnly ? isNull(requirements.parentId) : undefined,
      options.includeWithdrawn ? undefined : eq(requirements.withdrawn, false),
    );
  }
}

function requirementWhere({ requirements }: Tables, d: DialectSql, filter: RequirementFilter): SQL | undefined {
  return and(
    isNull(requirements.retiredAt),
    filter.frameworkId != null ? eq(requirements.frameworkId, filter.frameworkId) : undefined,
    filter.parentId != null ? eq(requirements.parentId, filter.parentId) : undefined,
    filter.topLevelOnly ? isNull(requirements.parentId) : undefined,
    filter.includeWithdrawn ? undefined : eq(requirements.withdrawn, false),
    textSearch(d, [requirements.refId, requirements.title, requirements.statement], filter.search),
  );
}

/** `Requirement.children`: a requirement's children, by sortOrder, id. */
const CHILDREN = ({ requirements }: Tables): GroupedList => ({ source: requirements, key: requirements.id, parent: requirements.parentId, order: [requirements.sortOrder, requirements.id] });

const childWhere = ({ requirements }: Tables, d: DialectSql, options: RequirementChildOptions): SQL | undefined =>
  and(isNull(requirements.retiredAt), options.includeWithdrawn ? undefined : eq(requirements.withdrawn, false));
