/** All SQL about mappings (requirement → control) and their revisions. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../store.js';
import { frameworks, mappingRevisions, mappings, requirements } from '../schema/index.js';
import type { MappingRevisionRow, MappingRow, RequirementRow } from '../rows.js';
import type { SortKey } from '../../domain/paging.js';
import type { MappingRevisionRecord, MappingRows } from '../../domain/catalog/mapping-rows.js';
import { inList } from './sql-helpers.js';

export type MappingInsert = typeof mappings.$inferInsert;
export type MappingPatch = Partial<Omit<MappingInsert, 'id' | 'requirementId' | 'controlId' | 'createdAt' | 'createdBy'>>;

/** A requirement reached from a control through a live mapping. */
export type MappedRequirementRow = RequirementRow & { controlId: number; frameworkRefId: string };

/** Mappings are listed oldest first; the sort key is the id. */
export const mappingSortKey = (row: MappingRow): SortKey => [row.id];

/** Requirements of a control are listed by framework refId, requirement refId, id. */
export const mappedRequirementSortKey = (row: MappedRequirementRow): SortKey => [row.frameworkRefId, row.refId, row.id];

/** History rows per multi-row INSERT (well under SQLite's bound-parameter limit). */
const HISTORY_CHUNK = 500;

export class MappingRepository {
  constructor(private readonly db: Db) {}

  async findByIds(ids: readonly number[]): Promise<MappingRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(mappings).where(inList(mappings.id, ids)).all();
  }

  async findById(id: number): Promise<MappingRow | undefined> {
    return this.db.select().from(mappings).where(eq(mappings.id, id)).get();
  }

  /** The live mapping of a (requirement, control) pair, if any. */
  async findLive(requirementId: number, controlId: number): Promise<MappingRow | undefined> {
    return this.db
      .select()
      .from(mappings)
      .where(
        and(eq(mappings.requirementId, requirementId), eq(mappings.controlId, controlId), isNull(mappings.retiredAt)),
      )
      .get();
  }

  /** Whether a requirement exists and is withdrawn; undefined when it does not exist. */
  /** A live requirement's withdrawn flag (a retired one is not found). */
  async requirementState(id: number): Promise<{ id: number; withdrawn: boolean } | undefined> {
    return this.db
      .select({ id: requirements.id, withdrawn: requirements.withdrawn })
      .from(requirements)
      .where(and(eq(requirements.id, id), isNull(requirements.retiredAt)))
      .get();
  }

  /** Inserts a mapping and its revisions (the rows come from domain/catalog/mapping-rows.ts). */
  async insertWithRevisions(rows: MappingRows): Promise<MappingRow> {
    const row = this.db.insert(mappings).values(rows.mapping).returning().get();
    for (let i = 0; i < rows.revisions.length; i += HISTORY_CHUNK) {
      this.db.insert(mappingRevisions).values(rows.revisions.slice(i, i + HISTORY_CHUNK).map((r) => ({ mappingId: row.id, ...r }))).run();
    }
    return row;
  }

  /** Records a revision of a live mapping and sets its values on the mapping. */
  async revise(id: number, revision: MappingRevisionRecord): Promise<MappingRow> {
    this.db.insert(mappingRevisions).values({ mappingId: id, ...revision }).run();
    const { relationship, strength, rationale } = revision;
    return this.db.update(mappings).set({ relationship, strength, rationale, updatedAt: revision.validFrom }).where(eq(mappings.id, id)).returning().get();
  }

  async update(id: number, patch: MappingPatch): Promise<MappingRow> {
    return this.db.update(mappings).set(patch).where(eq(mappings.id, id)).returning().get();
  }

  /** Every mapping (live and retired) of the requirements, oldest first. */
  async byRequirements(requirementIds: readonly number[]): Promise<MappingRow[]> {
    if (requirementIds.length === 0) return [];
    return this.db
      .select()
      .from(mappings)
      .where(inList(mappings.requirementId, requirementIds))
      .orderBy(asc(mappings.id))
      .all();
  }

  /** Every mapping (live and retired) of the controls, oldest first. */
  async byControls(controlIds: readonly number[]): Promise<MappingRow[]> {
    if (controlIds.length === 0) return [];
    return this.db.select().from(mappings).where(inList(mappings.controlId, controlIds)).orderBy(asc(mappings.id)).all();
  }

  /** Revisions of the mappings, oldest first. */
  async revisions(mappingIds: readonly number[]): Promise<MappingRevisionRow[]> {
    if (mappingIds.length === 0) return [];
    return this.db
      .select()
      .from(mappingRevisions)
      .where(inList(mappingRevisions.mappingId, mappingIds))
      .orderBy(asc(mappingRevisions.validFrom), asc(mappingRevisions.id))
      .all();
  }

  /** Requirements mapped to the controls by live mappings, in `mappedRequirementSortKey` order. */
  async requirementsOfControls(controlIds: readonly number[]): Promise<MappedRequirementRow[]> {
    if (controlIds.length === 0) return [];
    const rows = this.db
      .select({ requirement: requirements, controlId: mappings.controlId, frameworkRefId: frameworks.refId })
      .from(mappings)
      .innerJoin(requirements, eq(requirements.id, mappings.requirementId))
      .innerJoin(frameworks, eq(frameworks.id, requirements.frameworkId))
      .where(and(inList(mappings.controlId, controlIds), isNull(mappings.retiredAt)))
      .orderBy(asc(frameworks.refId), asc(requirements.refId), asc(requirements.id))
      .all();
    return rows.map((r) => ({ ...r.requirement, controlId: r.controlId, frameworkRefId: r.frameworkRefId }));
  }
}
