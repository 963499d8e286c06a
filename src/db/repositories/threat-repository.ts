/** All SQL about threats and the requirements that address them. */
import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import type { threatRequirements, threats } from '../schema/index.js';
import { first, returned, rows, type DialectSql, type Tables } from '../dialect.js';
import type { RequirementRow, ThreatRow } from '../rows.js';
import type { PageRequest } from '../../domain/paging.js';
import type { FrameworkThreatOptions } from '../../domain/list-orders.js';
import { afterKey, firstRowsPerGroup, groupPage, textSearch, type GroupedList } from './sql-helpers.js';
import { KeysetRepository } from './keyset-repository.js';

export interface ThreatFilter {
  frameworkId?: number | null;
  search?: string | null;
  topLevelOnly?: boolean | null;
}

export interface ThreatDependents {
  children: number;
  requirements: number;
}

export type ThreatInsert = typeof threats.$inferInsert;
export type ThreatPatch = Partial<Omit<ThreatInsert, 'id' | 'frameworkId' | 'createdAt'>>;

/** The root list is ordered by (frameworkId, id); within one framework or parent by id. */
export class ThreatRepository extends KeysetRepository<typeof threats, ThreatFilter> {
  constructor(db: Db) {
    super(db, (t, d) => ({ table: t.threats, key: t.threats.id, order: [t.threats.frameworkId, t.threats.id], where: (filter) => threatWhere(t, d, filter) }));
  }

  /** The live threat (a retired one is not found for writes; findByIds resolves it). */
  async findById(id: number): Promise<ThreatRow | undefined> {
    const { threats } = this.t;
    return first(this.db.select().from(threats).where(and(eq(threats.id, id), isNull(threats.retiredAt))));
  }

  async findByRefId(frameworkId: number, refId: string): Promise<ThreatRow | undefined> {
    const { threats } = this.t;
    return first(this.db
      .select()
      .from(threats)
      .where(and(eq(threats.frameworkId, frameworkId), eq(threats.refId, refId), isNull(threats.retiredAt))));
  }

  async findByFrameworkRefId(frameworkRefId: string, refId: string): Promise<ThreatRow | undefined> {
    const { frameworks, threats } = this.t;
    const rows = await this.db
      .select({ threat: threats })
      .from(threats)
      .innerJoin(frameworks, eq(frameworks.id, threats.frameworkId))
      .where(and(eq(frameworks.refId, frameworkRefId), eq(threats.refId, refId), isNull(frameworks.retiredAt), isNull(threats.retiredAt)));
    return rows[0]?.threat;
  }

  /** Every child of the given parents, ordered by parent, id. */
  /** One page (plus one row) of `Threat.children` (live children, by id) for each parent, in one statement. */
  async pageOfParents(parentIds: readonly number[], page: PageRequest): Promise<ThreatRow[]> {
    const { threats } = this.t;
    if (parentIds.length === 0) return [];
    const { where, orderBy } = groupPage(this.d, CHILDREN(this.t), parentIds, isNull(threats.retiredAt), page);
    return this.db.select().from(threats).where(where).orderBy(...orderBy);
  }

  /** Number of children `Threat.children` lists, per parent that has any. */
  async countOfParents(parentIds: readonly number[]): Promise<{ parent: number; n: number }[]> {
    const { threats } = this.t;
    if (parentIds.length === 0) return [];
    return this.db
      .select({ parent: sql<number>`${threats.parentId}`, n: count() })
      .from(threats)
      .where(and(this.d.inList(threats.parentId, parentIds), isNull(threats.retiredAt)))
      .groupBy(threats.parentId);
  }

  /** One page (plus one row) of `Framework.threats` for each framework, in one statement. */
  async pageOfFrameworks(
    frameworkIds: readonly number[],
    options: FrameworkThreatOptions,
    page: PageRequest,
  ): Promise<ThreatRow[]> {
    if (frameworkIds.length === 0) return [];
    const { threats } = this.t;
    const where = and(
      this.d.inList(threats.frameworkId, frameworkIds),
      isNull(threats.retiredAt),
      options.topLevelOnly ? isNull(threats.parentId) : undefined,
      afterKey([threats.id], page.after),
    );
    return this.db
      .select()
      .from(threats)
      .where(firstRowsPerGroup(threats, threats.id, threats.frameworkId, [threats.id], where, page.first + 1))
      .orderBy(asc(threats.frameworkId), asc(threats.id));
  }

  /** Number of threats `Framework.threats` lists, per framework. */
  async countOfFrameworks(
    frameworkIds: readonly number[],
    options: FrameworkThreatOptions,
  ): Promise<{ frameworkId: number; n: number }[]> {
    if (frameworkIds.length === 0) return [];
    const { threats } = this.t;
    return this.db
      .select({ frameworkId: threats.frameworkId, n: count() })
      .from(threats)
      .where(and(this.d.inList(threats.frameworkId, frameworkIds), isNull(threats.retiredAt), options.topLevelOnly ? isNull(threats.parentId) : undefined))
      .groupBy(threats.frameworkId);
  }

  /** The threats each requirement addresses, ordered by requirement, threat framework, threat id. */
  async threatsOfRequirements(requirementIds: readonly number[], page: PageRequest): Promise<{ requirementId: number; threat: ThreatRow }[]> {
    const { threatRequirements, threats } = this.t;
    if (requirementIds.length === 0) return [];
    const { where, orderBy } = groupPage(this.d, THREATS_OF_REQUIREMENT(this.t), requirementIds, isNull(threatRequirements.retiredAt), page);
    return this.db
      .select({ requirementId: threatRequirements.requirementId, threat: threats })
      .from(threatRequirements)
      .innerJoin(threats, eq(threats.id, threatRequirements.threatId))
      .where(where)
      .orderBy(...orderBy);
  }

  /** Number of threats `Requirement.threats` lists (live links), per requirement that has any. */
  async countOfRequirements(requirementIds: readonly number[]): Promise<{ parent: number; n: number }[]> {
    const { threatRequirements } = this.t;
    return this.countLinks(threatRequirements.requirementId, requirementIds);
  }

  /** Number of requirements `Threat.requirements` lists (live links), per threat that has any. */
  async countOfThreats(threatIds: readonly number[]): Promise<{ parent: number; n: number }[]> {
    const { threatRequirements } = this.t;
    return this.countLinks(threatRequirements.threatId, threatIds);
  }

  private async countLinks(parent: typeof threatRequirements.threatId | typeof threatRequirements.requirementId, ids: readonly number[]) {
    const { threatRequirements } = this.t;
    if (ids.length === 0) return [];
    return this.db
      .select({ parent: sql<number>`${parent}`, n: count() })
      .from(threatRequirements)
      .where(and(this.d.inList(parent, ids), isNull(threatRequirements.retiredAt)))
      .groupBy(parent);
  }

  /** The requirements addressing each threat, ordered by threat, requirement framework, requirement id. */
  async requirementsOfThreats(threatIds: readonly number[], page: PageRequest): Promise<{ threatId: number; requirement: RequirementRow }[]> {
    const { requirements, threatRequirements } = this.t;
    if (threatIds.length === 0) return [];
    const { where, orderBy } = groupPage(this.d, REQUIREMENTS_OF_THREAT(this.t), threatIds, isNull(threatRequirements.retiredAt), page);
    return this.db
      .select({ threatId: threatRequirements.threatId, requirement: requirements })
      .from(threatRequirements)
      .innerJoin(requirements, eq(requirements.id, threatRequirements.requirementId))
      .where(where)
      .orderBy(...orderBy);
  }

  async isLinked(threatId: number, requirementId: number): Promise<boolean> {
    const { threatRequirements } = this.t;
    const row = await first(this.db
      .select({ threatId: threatRequirements.threatId })
      .from(threatRequirements)
      .where(
        and(eq(threatRequirements.threatId, threatId), eq(threatRequirements.requirementId, requirementId), isNull(threatRequirements.retiredAt)),
      ));
    return row !== undefined;
  }

  async link(threatId: number, requirementId: number, at: Date, by: string): Promise<void> {
    const { threatRequirements } = this.t;
    await this.db
      .insert(threatRequirements)
      .values({ threatId, requirementId, createdAt: at, createdBy: by })
      .onConflictDoNothing();
  }

  /** Retires the live link (kept as history, rule 10). */
  async unlink(threatId: number, requirementId: number, at: Date, by: string): Promise<void> {
    const { threatRequirements } = this.t;
    await this.db
      .update(threatRequirements)
      .set({ retiredAt: at, retiredBy: by })
      .where(
        and(eq(threatRequirements.threatId, threatId), eq(threatRequirements.requirementId, requirementId), isNull(threatRequirements.retiredAt)),
      );
  }

  async insert(values: ThreatInsert): Promise<ThreatRow> {
    const { threats } = this.t;
    return returned(this.db.insert(threats).values(values).returning());
  }

  async update(id: number, patch: ThreatPatch): Promise<ThreatRow> {
    const { threats } = this.t;
    return returned(this.db.update(threats).set(patch).where(eq(threats.id, id)).returning());
  }

  /** Retires the threat (rule 10): kept, absent from lists, its refId free again. */
  async retire(id: number, at: Date): Promise<ThreatRow> {
    const { threats } = this.t;
    return returned(this.db.update(threats).set({ retiredAt: at, updatedAt: at }).where(eq(threats.id, id)).returning());
  }

  /** What live depends on a threat; a delete is refused while any of these is not zero. */
  async dependents(id: number): Promise<ThreatDependents> {
    return (await rows<ThreatDependents>(this.db, sql`
      SELECT
        (SELECT count(*) FROM threats c WHERE c.parent_id = ${id} AND c.retired_at IS NULL) AS children,
        (SELECT count(*) FROM threat_requirements t WHERE t.threat_id = ${id} AND t.retired_at IS NULL) AS requirements`))[0]!;
  }
}

function threatWhere({ threats }: Tables, d: DialectSql, filter: ThreatFilter): SQL | undefined {
  return and(
    isNull(threats.retiredAt),
    filter.frameworkId != null ? eq(threats.frameworkId, filter.frameworkId) : undefined,
    filter.topLevelOnly ? isNull(threats.parentId) : undefined,
    textSearch(d, [threats.refId, threats.name, threats.description], filter.search),
  );
}

/** `Threat.children`: a threat's children, by id. */
const CHILDREN = ({ threats }: Tables): GroupedList => ({ source: threats, key: threats.id, parent: threats.parentId, order: [threats.id] });

/** `Requirement.threats`: the threats a requirement addresses, by framework id, threat id. */
const THREATS_OF_REQUIREMENT = ({ threatRequirements, threats }: Tables): GroupedList => ({
  source: sql`${threatRequirements} INNER JOIN ${threats} ON ${threats.id} = ${threatRequirements.threatId}`,
  key: [threatRequirements.requirementId, threatRequirements.threatId],
  parent: threatRequirements.requirementId,
  order: [threats.frameworkId, threats.id],
});

/** `Threat.requirements`: the requirements addressing a threat, by framework id, requirement id. */
const REQUIREMENTS_OF_THREAT = ({ requirements, threatRequirements }: Tables): GroupedList => ({
  source: sql`${threatRequirements} INNER JOIN ${requirements} ON ${requirements.id} = ${threatRequirements.requirementId}`,
  key: [threatRequirements.threatId, threatRequirements.requirementId],
  parent: threatRequirements.threatId,
  order: [requirements.frameworkId, requirements.id],
});
