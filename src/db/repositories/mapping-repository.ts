/** All SQL about mappings (requirement → control) and their revisions. */
import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import { frameworks, mappingRevisions, mappings, requirements } from '../schema/index.js';
import type { MappingRevisionRow, MappingRow, RequirementRow } from '../rows.js';
import type { PageRequest } from '../../domain/paging.js';
import type { MappingListOptions } from '../../domain/list-orders.js';
import type { MappingRevisionRecord, MappingRows } from '../../domain/catalog/mapping-rows.js';
import { afterKey, firstRowsPerGroup, groupPage, inList, type GroupedList } from './sql-helpers.js';

export type MappingInsert = typeof mappings.$inferInsert;
export type MappingPatch = Partial<Omit<MappingInsert, 'id' | 'requirementId' | 'controlId' | 'createdAt' | 'createdBy'>>;

/** The end a nested mapping list hangs from. */
export type MappingParent = 'requirement' | 'control';

/** A requirement reached from a control through a live mapping. */
export type MappedRequirementRow = RequirementRow & { controlId: number; frameworkRefId: string };

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

  /** Every mapping (live and retired) of the controls, oldest first. */
  async byControls(controlIds: readonly number[]): Promise<MappingRow[]> {
    if (controlIds.length === 0) return [];
    return this.db.select().from(mappings).where(inList(mappings.controlId, controlIds)).orderBy(asc(mappings.id)).all();
  }

  /**
   * One page (plus one row, to tell whether more follow) of the mappings of each requirement or
   * control, oldest first, in one statement: at most `page.first + 1` rows per parent are read.
   */
  async pageOfParents(parent: MappingParent, parentIds: readonly number[], options: MappingListOptions, page: PageRequest): Promise<MappingRow[]> {
    if (parentIds.length === 0) return [];
    const group = parentColumn(parent);
    const where = and(inList(group, parentIds), mappingListWhere(options), afterKey([mappings.id], page.after));
    return this.db
      .select()
      .from(mappings)
      .where(firstRowsPerGroup(mappings, mappings.id, group, [mappings.id], where, page.first + 1))
      .orderBy(asc(group), asc(mappings.id))
      .all();
  }

  /** Length of the mapping list of each requirement or control that has any. */
  async countOfParents(parent: MappingParent, parentIds: readonly number[], options: MappingListOptions): Promise<{ parent: number; n: number }[]> {
    if (parentIds.length === 0) return [];
    const group = parentColumn(parent);
    return this.db
      .select({ parent: group, n: count() })
      .from(mappings)
      .where(and(inList(group, parentIds), mappingListWhere(options)))
      .groupBy(group)
      .all();
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
  async requirementsOfControls(controlIds: readonly number[], page: PageRequest): Promise<MappedRequirementRow[]> {
    if (controlIds.length === 0) return [];
    const { where, orderBy } = groupPage(REQUIREMENTS_OF_CONTROL, controlIds, isNull(mappings.retiredAt), page);
    const rows = this.db
      .select({ requirement: requirements, controlId: mappings.controlId, frameworkRefId: frameworks.refId })
      .from(mappings)
      .innerJoin(requirements, eq(requirements.id, mappings.requirementId))
      .innerJoin(frameworks, eq(frameworks.id, requirements.frameworkId))
      .where(where)
      .orderBy(...orderBy)
      .all();
    return rows.map((r) => ({ ...r.requirement, controlId: r.controlId, frameworkRefId: r.frameworkRefId }));
  }

  /** Number of requirements `Control.requirements` lists (live mappings), per control that has any. */
  async requirementCountOfControls(controlIds: readonly number[]): Promise<{ parent: number; n: number }[]> {
    if (controlIds.length === 0) return [];
    return this.db
      .select({ parent: mappings.controlId, n: count() })
      .from(mappings)
      .where(and(inList(mappings.controlId, controlIds), isNull(mappings.retiredAt)))
      .groupBy(mappings.controlId)
      .all();
  }
}

const parentColumn = (parent: MappingParent) => (parent === 'requirement' ? mappings.requirementId : mappings.controlId);

function mappingListWhere(options: MappingListOptions): SQL | undefined {
  return options.includeRetired ? undefined : isNull(mappings.retiredAt);
}

/** `Control.requirements`: the requirements of a control's live mappings, by framework refId, refId, id. */
const REQUIREMENTS_OF_CONTROL: GroupedList = {
  source: sql`${mappings} INNER JOIN ${requirements} ON ${requirements.id} = ${mappings.requirementId} INNER JOIN ${frameworks} ON ${frameworks.id} = ${requirements.frameworkId}`,
  key: mappings.id,
  parent: mappings.controlId,
  order: [frameworks.refId, requirements.refId, requirements.id],
};
