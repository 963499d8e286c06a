/**
 * Bulk reads and writes used when a catalog bundle is loaded (built-in seeds, imports).
 * Lookups return whole sets at once so the loader runs a handful of statements per table.
 * They see live rows only: a retired framework, requirement, control or threat (rule 10) is
 * history, and a load creates a new one with its refId.
 */
import { and, asc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../store.js';
import type { frameworks, requirements, threatRequirements, threats } from '../schema/index.js';
import { first, returned, sqlOf, tablesOf, type DialectSql, type Tables } from '../dialect.js';
import type { ControlRow, FrameworkRow, MappingRow, RequirementLinkRow, RequirementRow, ThreatRow } from '../rows.js';

export type FrameworkInsert = typeof frameworks.$inferInsert;
export type RequirementInsert = typeof requirements.$inferInsert;
export type ThreatInsert = typeof threats.$inferInsert;

export class CatalogRepository {
  private readonly t: Tables;
  private readonly d: DialectSql;

  constructor(private readonly db: Db) {
    this.t = tablesOf(db);
    this.d = sqlOf(db);
  }

  async frameworkByRefId(refId: string): Promise<FrameworkRow | undefined> {
    const { frameworks } = this.t;
    return first(this.db.select().from(frameworks).where(and(eq(frameworks.refId, refId), isNull(frameworks.retiredAt))));
  }

  /** Every live framework, by refId. */
  async liveFrameworks(): Promise<FrameworkRow[]> {
    const { frameworks } = this.t;
    return this.db.select().from(frameworks).where(isNull(frameworks.retiredAt)).orderBy(asc(frameworks.refId));
  }

  async frameworksByRefIds(refIds: readonly string[]): Promise<FrameworkRow[]> {
    const { frameworks } = this.t;
    if (refIds.length === 0) return [];
    return this.db.select().from(frameworks).where(and(this.d.inList(frameworks.refId, refIds), isNull(frameworks.retiredAt)));
  }

  async insertFramework(values: FrameworkInsert): Promise<FrameworkRow> {
    const { frameworks } = this.t;
    return returned(this.db.insert(frameworks).values(values).returning());
  }

  async updateFramework(id: number, patch: Partial<FrameworkInsert>): Promise<void> {
    const { frameworks } = this.t;
    await this.db.update(frameworks).set(patch).where(eq(frameworks.id, id));
  }

  async requirementsOf(frameworkIds: readonly number[]): Promise<RequirementRow[]> {
    const { requirements } = this.t;
    if (frameworkIds.length === 0) return [];
    return this.db.select().from(requirements).where(and(this.d.inList(requirements.frameworkId, frameworkIds), isNull(requirements.retiredAt)));
  }

  async insertRequirement(values: RequirementInsert): Promise<RequirementRow> {
    const { requirements } = this.t;
    return returned(this.db.insert(requirements).values(values).returning());
  }

  async updateRequirement(id: number, patch: Partial<RequirementInsert>): Promise<void> {
    const { requirements } = this.t;
    await this.db.update(requirements).set(patch).where(eq(requirements.id, id));
  }

  async controlsByRefIds(refIds: readonly string[]): Promise<ControlRow[]> {
    const { controls } = this.t;
    if (refIds.length === 0) return [];
    return this.db.select().from(controls).where(and(this.d.inList(controls.refId, refIds), isNull(controls.retiredAt)));
  }

  async threatsOf(frameworkId: number): Promise<ThreatRow[]> {
    const { threats } = this.t;
    return this.db.select().from(threats).where(and(eq(threats.frameworkId, frameworkId), isNull(threats.retiredAt)));
  }

  async insertThreat(values: ThreatInsert): Promise<ThreatRow> {
    const { threats } = this.t;
    return returned(this.db.insert(threats).values(values).returning());
  }

  async updateThreat(id: number, patch: Partial<ThreatInsert>): Promise<void> {
    const { threats } = this.t;
    await this.db.update(threats).set(patch).where(eq(threats.id, id));
  }

  async threatRequirementPairs(threatIds: readonly number[]): Promise<Set<string>> {
    const { threatRequirements } = this.t;
    if (threatIds.length === 0) return new Set();
    const rows = await this.db
      .select({ t: threatRequirements.threatId, r: threatRequirements.requirementId })
      .from(threatRequirements)
      .where(and(this.d.inList(threatRequirements.threatId, threatIds), isNotNull(threatRequirements.requirementId), isNull(threatRequirements.retiredAt)));
    return new Set(rows.map((row) => `${row.t}:${row.r}`));
  }

  async insertThreatRequirement(values: typeof threatRequirements.$inferInsert): Promise<void> {
    const { threatRequirements } = this.t;
    await this.db.insert(threatRequirements).values(values);
  }

  // --- imports (MERGE / REPLACE) -------------------------------------------------------------

  /**
   * Frameworks holding requirements whose refId or sourceId is one of `ids`, with the number of
   * distinct ids found in each, most first (then by refId). `ignoreCase`: ids compared in lower case.
   */
  async frameworksHoldingIds(ids: readonly string[], options: { ignoreCase?: boolean } = {}): Promise<{ frameworkRefId: string; matched: number }[]> {
    const { frameworks, requirements } = this.t;
    if (ids.length === 0) return [];
    const fold = options.ignoreCase ? (id: string) => id.toLowerCase() : (id: string) => id;
    const keys = [...new Set(ids.map(fold))];
    const refId = options.ignoreCase ? sql`lower(${requirements.refId})` : requirements.refId;
    const sourceId = options.ignoreCase ? sql`lower(${requirements.sourceId})` : requirements.sourceId;
    const rows = await this.db
      .select({ frameworkRefId: frameworks.refId, refId: requirements.refId, sourceId: requirements.sourceId })
      .from(requirements)
      .innerJoin(frameworks, eq(frameworks.id, requirements.frameworkId))
      .where(and(or(this.d.inList(refId, keys), this.d.inList(sourceId, keys)), isNull(requirements.retiredAt), isNull(frameworks.retiredAt)));
    const wanted = new Set(keys);
    const found = new Map<string, Set<string>>();
    for (const row of rows) {
      const set = found.get(row.frameworkRefId) ?? new Set<string>();
      if (wanted.has(fold(row.refId))) set.add(fold(row.refId));
      if (row.sourceId !== null && wanted.has(fold(row.sourceId))) set.add(fold(row.sourceId));
      found.set(row.frameworkRefId, set);
    }
    return [...found]
      .map(([frameworkRefId, set]) => ({ frameworkRefId, matched: set.size }))
      .sort((a, b) => b.matched - a.matched || a.frameworkRefId.localeCompare(b.frameworkRefId));
  }

  /** For each of `ids` found as a live requirement's refId or sourceId: the frameworks holding it and whether it is withdrawn there. */
  async holdersOfIds(ids: readonly string[]): Promise<Map<string, { frameworkRefId: string; withdrawn: boolean }[]>> {
    const { frameworks, requirements } = this.t;
    const holders = new Map<string, { frameworkRefId: string; withdrawn: boolean }[]>();
    if (ids.length === 0) return holders;
    const rows = await this.db
      .select({ frameworkRefId: frameworks.refId, refId: requirements.refId, sourceId: requirements.sourceId, withdrawn: requirements.withdrawn })
      .from(requirements)
      .innerJoin(frameworks, eq(frameworks.id, requirements.frameworkId))
      .where(and(or(this.d.inList(requirements.refId, ids), this.d.inList(requirements.sourceId, ids)), isNull(requirements.retiredAt), isNull(frameworks.retiredAt)));
    const wanted = new Set(ids);
    for (const row of rows) {
      for (const id of new Set([row.refId, row.sourceId])) {
        if (id === null || !wanted.has(id)) continue;
        const list = holders.get(id) ?? [];
        if (!list.some((h) => h.frameworkRefId === row.frameworkRefId)) list.push({ frameworkRefId: row.frameworkRefId, withdrawn: row.withdrawn });
        holders.set(id, list);
      }
    }
    return holders;
  }

  /** Live mappings of the frameworks' requirements. */
  async liveMappingsOfFrameworks(frameworkIds: readonly number[]): Promise<MappingRow[]> {
    const { mappings, requirements } = this.t;
    if (frameworkIds.length === 0) return [];
    const rows = await this.db
      .select({ mapping: mappings })
      .from(mappings)
      .innerJoin(requirements, eq(requirements.id, mappings.requirementId))
      .where(and(this.d.inList(requirements.frameworkId, frameworkIds), isNull(mappings.retiredAt)))
      .orderBy(asc(mappings.id));
    return rows.map((row) => row.mapping);
  }

  /** Every link (live and retired) from the source requirements, oldest first. */
  async linksFrom(sourceIds: readonly number[]): Promise<RequirementLinkRow[]> {
    const { requirementLinks } = this.t;
    if (sourceIds.length === 0) return [];
    return this.db
      .select()
      .from(requirementLinks)
      .where(this.d.inList(requirementLinks.sourceRequirementId, sourceIds))
      .orderBy(asc(requirementLinks.id));
  }

  /** Live links from requirements of one framework to requirements of another. */
  async liveLinksBetween(sourceFrameworkId: number, targetFrameworkId: number): Promise<RequirementLinkRow[]> {
    const { requirementLinks, requirements } = this.t;
    const sources = this.db.select({ id: requirements.id }).from(requirements).where(and(eq(requirements.frameworkId, sourceFrameworkId), isNull(requirements.retiredAt)));
    const targets = this.db.select({ id: requirements.id }).from(requirements).where(and(eq(requirements.frameworkId, targetFrameworkId), isNull(requirements.retiredAt)));
    return this.db
      .select()
      .from(requirementLinks)
      .where(
        and(
          inArray(requirementLinks.sourceRequirementId, sources),
          inArray(requirementLinks.targetRequirementId, targets),
          isNull(requirementLinks.retiredAt),
        ),
      )
      .orderBy(asc(requirementLinks.id));
  }

  async countFrameworks(): Promise<number> {
    const { frameworks } = this.t;
    return this.db.$count(frameworks);
  }
}
