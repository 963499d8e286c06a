/**
 * Bulk reads and writes used when a catalog bundle is loaded (built-in seeds, imports).
 * Lookups return whole sets at once so the loader runs a handful of statements per table.
 * They see live rows only: a retired framework, requirement, control or threat (rule 10) is
 * history, and a load creates a new one with its refId.
 */
import { and, asc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../store.js';
import {
  controls,
  frameworks,
  mappings,
  requirementLinks,
  requirements,
  threatRequirements,
  threats,
} from '../schema/index.js';
import type { ControlRow, FrameworkRow, MappingRow, RequirementLinkRow, RequirementRow, ThreatRow } from '../rows.js';
import { inList } from './sql-helpers.js';

export type FrameworkInsert = typeof frameworks.$inferInsert;
export type RequirementInsert = typeof requirements.$inferInsert;
export type ThreatInsert = typeof threats.$inferInsert;

export class CatalogRepository {
  constructor(private readonly db: Db) {}

  async frameworkByRefId(refId: string): Promise<FrameworkRow | undefined> {
    return this.db.select().from(frameworks).where(and(eq(frameworks.refId, refId), isNull(frameworks.retiredAt))).get();
  }

  /** Every live framework, by refId. */
  async liveFrameworks(): Promise<FrameworkRow[]> {
    return this.db.select().from(frameworks).where(isNull(frameworks.retiredAt)).orderBy(asc(frameworks.refId)).all();
  }

  async frameworksByRefIds(refIds: readonly string[]): Promise<FrameworkRow[]> {
    if (refIds.length === 0) return [];
    return this.db.select().from(frameworks).where(and(inList(frameworks.refId, refIds), isNull(frameworks.retiredAt))).all();
  }

  async insertFramework(values: FrameworkInsert): Promise<FrameworkRow> {
    return this.db.insert(frameworks).values(values).returning().get();
  }

  async updateFramework(id: number, patch: Partial<FrameworkInsert>): Promise<void> {
    this.db.update(frameworks).set(patch).where(eq(frameworks.id, id)).run();
  }

  async requirementsOf(frameworkIds: readonly number[]): Promise<RequirementRow[]> {
    if (frameworkIds.length === 0) return [];
    return this.db.select().from(requirements).where(and(inList(requirements.frameworkId, frameworkIds), isNull(requirements.retiredAt))).all();
  }

  async insertRequirement(values: RequirementInsert): Promise<RequirementRow> {
    return this.db.insert(requirements).values(values).returning().get();
  }

  async updateRequirement(id: number, patch: Partial<RequirementInsert>): Promise<void> {
    this.db.update(requirements).set(patch).where(eq(requirements.id, id)).run();
  }

  async controlsByRefIds(refIds: readonly string[]): Promise<ControlRow[]> {
    if (refIds.length === 0) return [];
    return this.db.select().from(controls).where(and(inList(controls.refId, refIds), isNull(controls.retiredAt))).all();
  }

  async threatsOf(frameworkId: number): Promise<ThreatRow[]> {
    return this.db.select().from(threats).where(and(eq(threats.frameworkId, frameworkId), isNull(threats.retiredAt))).all();
  }

  async insertThreat(values: ThreatInsert): Promise<ThreatRow> {
    return this.db.insert(threats).values(values).returning().get();
  }

  async updateThreat(id: number, patch: Partial<ThreatInsert>): Promise<void> {
    this.db.update(threats).set(patch).where(eq(threats.id, id)).run();
  }

  async threatRequirementPairs(threatIds: readonly number[]): Promise<Set<string>> {
    if (threatIds.length === 0) return new Set();
    const rows = this.db
      .select({ t: threatRequirements.threatId, r: threatRequirements.requirementId })
      .from(threatRequirements)
      .where(and(inList(threatRequirements.threatId, threatIds), isNotNull(threatRequirements.requirementId), isNull(threatRequirements.retiredAt)))
      .all();
    return new Set(rows.map((row) => `${row.t}:${row.r}`));
  }

  async insertThreatRequirement(values: typeof threatRequirements.$inferInsert): Promise<void> {
    this.db.insert(threatRequirements).values(values).run();
  }

  // --- imports (MERGE / REPLACE) -------------------------------------------------------------

  /**
   * Frameworks holding requirements whose refId or sourceId is one of `ids`, with the number of
   * distinct ids found in each, most first (then by refId). `ignoreCase`: ids compared in lower case.
   */
  async frameworksHoldingIds(ids: readonly string[], options: { ignoreCase?: boolean } = {}): Promise<{ frameworkRefId: string; matched: number }[]> {
    if (ids.length === 0) return [];
    const fold = options.ignoreCase ? (id: string) => id.toLowerCase() : (id: string) => id;
    const keys = [...new Set(ids.map(fold))];
    const refId = options.ignoreCase ? sql`lower(${requirements.refId})` : requirements.refId;
    const sourceId = options.ignoreCase ? sql`lower(${requirements.sourceId})` : requirements.sourceId;
    const rows = this.db
      .select({ frameworkRefId: frameworks.refId, refId: requirements.refId, sourceId: requirements.sourceId })
      .from(requirements)
      .innerJoin(frameworks, eq(frameworks.id, requirements.frameworkId))
      .where(and(or(inList(refId, keys), inList(sourceId, keys)), isNull(requirements.retiredAt), isNull(frameworks.retiredAt)))
      .all();
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
    const holders = new Map<string, { frameworkRefId: string; withdrawn: boolean }[]>();
    if (ids.length === 0) return holders;
    const rows = this.db
      .select({ frameworkRefId: frameworks.refId, refId: requirements.refId, sourceId: requirements.sourceId, withdrawn: requirements.withdrawn })
      .from(requirements)
      .innerJoin(frameworks, eq(frameworks.id, requirements.frameworkId))
      .where(and(or(inList(requirements.refId, ids), inList(requirements.sourceId, ids)), isNull(requirements.retiredAt), isNull(frameworks.retiredAt)))
      .all();
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
    if (frameworkIds.length === 0) return [];
    return this.db
      .select({ mapping: mappings })
      .from(mappings)
      .innerJoin(requirements, eq(requirements.id, mappings.requirementId))
      .where(and(inList(requirements.frameworkId, frameworkIds), isNull(mappings.retiredAt)))
      .orderBy(asc(mappings.id))
      .all()
      .map((row) => row.mapping);
  }

  /** Every link (live and retired) from the source requirements, oldest first. */
  async linksFrom(sourceIds: readonly number[]): Promise<RequirementLinkRow[]> {
    if (sourceIds.length === 0) return [];
    return this.db
      .select()
      .from(requirementLinks)
      .where(inList(requirementLinks.sourceRequirementId, sourceIds))
      .orderBy(asc(requirementLinks.id))
      .all();
  }

  /** Live links from requirements of one framework to requirements of another. */
  async liveLinksBetween(sourceFrameworkId: number, targetFrameworkId: number): Promise<RequirementLinkRow[]> {
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
      .orderBy(asc(requirementLinks.id))
      .all();
  }

  async countFrameworks(): Promise<number> {
    return this.db.$count(frameworks);
  }
}
