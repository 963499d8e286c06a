/** All SQL about mappings (requirement → control) and their revisions. */
import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import type { mappings } from '../schema/index.js';
import { first, returned, sqlOf, tablesOf, type DialectSql, type Tables } from '../dialect.js';
import type { MappingRevisionRow, MappingRow, RequirementRow } from '../rows.js';
import type { PageRequest } from '../../domain/paging.js';
import type { MappingListOptions } from '../../domain/list-orders.js';
import type { MappingRevisionRecord, MappingRows } from '../../domain/catalog/mapping-rows.js';
import { afterKey, firstRowsPerGroup, groupPage, type GroupedList } from './sql-helpers.js';

export type MappingInsert = typeof mappings.$inferInsert;
export type MappingPatch = Partial<Omit<MappingInsert, 'id' | 'requirementId' | 'controlId' | 'createdAt' | 'createdBy'>>;

/** The end a nested mapping list hangs from. */
export type MappingParent = 'requirement' | 'control';

/** A requirement reached from a control through a live mapping. */
export type MappedRequirementRow = RequirementRow & { controlId: number; frameworkRefId: string };

/** History rows per multi-row INSERT (well under SQLite's bound-parameter limit). */
const HISTORY_CHUNK = 500;

export class MappingRepository {
  private readonly t: Tables;
  private readonly d: DialectSql;

  constructor(private readonly db: Db) {
    this.t = tablesOf(db);
    this.d = sqlOf(db);
  }

  async findByIds(ids: readonly number[]): Promise<MappingRow[]> {
    const { mappings } = this.t;
    if (ids.length === 0) return [];
    return this.db.select().from(mappings).where(this.d.inList(mappings.id, ids));
  }

  async findById(id: number): Promise<MappingRow | undefined> {
    const { mappings } = this.t;
    return first(this.db.select().from(mappings).where(eq(mappings.id, id)));
  }

  /** The live mapping of a (requirement, control) pair, if any. */
  async findLive(requirementId: number, controlId: number): Promise<MappingRow | undefined> {
    const { mappings } = this.t;
    return first(this.db
      .select()
      .from(mappings)
      .where(
        and(eq(mappings.requirementId, requirementId), eq(mappings.controlId, controlId), isNull(mappings.retiredAt)),
      ));
  }

  /** Whether a requirement exists and is withdrawn; undefined when it does not exist. */
  /** A live requirement's withdrawn flag (a retired one is not found). */
  async requirementState(id: number): Promise<{ id: number; withdrawn: boolean } | undefined> {
    const { requirements } = this.t;
    return first(this.db
      .select({ id: requirements.id, withdrawn: requirements.withdrawn })
      .from(requirements)
      .where(and(eq(requirements.id, id), isNull(requirements.retiredAt))));
  }

  /** Inserts a mapping and its revisions (the rows come from domain/catalog/mapping-rows.ts). */
  async insertWithRevisions(rows: MappingRows): Promise<MappingRow> {
    const { mappingRevisions, mappings } = this.t;
    const row = await returned(this.db.insert(mappings).values(rows.mapping).returning());
    for (let i = 0; i < rows.revisions.length; i += HISTORY_CHUNK) {
      await this.db.insert(mappingRevisions).values(rows.revisions.slice(i, i + HISTORY_CHUNK).map((r) => ({ mappingId: row.id, ...r })));
    }
    return row;
  }

  /** Records a revision of a live mapping and sets its values on the mapping. */
  async revise(id: number, revision: MappingRevisionRecord): Promise<MappingRow> {
    const { mappingRevisions, mappings } = this.t;
    await this.db.insert(mappingRevisions).values({ mappingId: id, ...revision });
    const { relationship, strength, rationale } = revision;
    return returned(this.db.update(mappings).set({ relationship, strength, rationale, updatedAt: revision.validFrom }).where(eq(mappings.id, id)).returning());
  }

  async update(id: number, patch: MappingPatch): Promise<MappingRow> {
    const { mappings } = this.t;
    return returned(this.db.update(mappings).set(patch).where(eq(mappings.id, id)).returning());
  }

  /** Every mapping (live and retired) of the controls, oldest first. */
  async byControls(controlIds: readonly number[]): Promise<MappingRow[]> {
    const { mappings } = this.t;
    if (controlIds.length === 0) return [];
    return this.db.select().from(mappings).where(this.d.inList(mappings.controlId, controlIds)).orderBy(asc(mappings.id));
  }

  /**
   * One page (plus one row, to tell whether more follow) of the mappings of each requirement or
   * control, oldest first, in one statement: at most `page.first + 1` rows per parent are read.
   */
  async pageOfParents(parent: MappingParent, parentIds: readonly number[], options: MappingListOptions, page: PageRequest): Promise<MappingRow[]> {
    const { mappings } = this.t;
    if (parentIds.length === 0) return [];
    const group = parentColumn(this.t, this.d, parent);
    const where = and(this.d.inList(group, parentIds), mappingListWhere(this.t, this.d, options), afterKey([mappings.id], page.after));
    return this.db
      .select()
      .from(mappings)
      .where(firstRowsPerGroup(mappings, mappings.id, group, [mappings.id], where, page.first + 1))
      .orderBy(asc(group), asc(mappings.id));
  }

  /** Length of the mapping list of each requirement or control that has any. */
  async countOfParents(parent: MappingParent, parentIds: readonly number[], options: MappingListOptions): Promise<{ parent: number; n: number }[]> {
    const { mappings } = this.t;
    if (parentIds.length === 0) return [];
    const group = parentColumn(this.t, this.d, parent);
    return this.db
      .select({ parent: group, n: count() })
      .from(mappings)
      .where(and(this.d.inList(group, parentIds), mappingListWhere(this.t, this.d, options)))
      .groupBy(group);
  }

  /** Revisions of the mappings, oldest first. */
  async revisions(mappingIds: readonly number[]): Promise<MappingRevisionRow[]> {
    const { mappingRevisions } = this.t;
    if (mappingIds.length === 0) return [];
    return this.db
      .select()
      .from(mappingRevisions)
      .where(this.d.inList(mappingRevisions.mappingId, mappingIds))
      .orderBy(asc(mappingRevisions.validFrom), asc(mappingRevisions.id));
  }

  /** Requirements mapped to the controls by live mappings, in `mappedRequirementSortKey` order. */
  async requirementsOfControls(controlIds: readonly number[], page: PageRequest): Promise<MappedRequirementRow[]> {
    const { frameworks, mappings, requirements } = this.t;
    if (controlIds.length === 0) return [];
    const { where, orderBy } = groupPage(this.d, REQUIREMENTS_OF_CONTROL(this.t), controlIds, isNull(mappings.retiredAt), page);
    const rows = await this.db
      .select({ requirement: requirements, controlId: mappings.controlId, frameworkRefId: frameworks.refId })
      .from(mappings)
      .innerJoin(requirements, eq(requirements.id, mappings.requirementId))
      .innerJoin(frameworks, eq(frameworks.id, requirements.frameworkId))
      .where(where)
      .orderBy(...orderBy);
    return rows.map((r) => ({ ...r.requirement, controlId: r.controlId, frameworkRefId: r.frameworkRefId }));
  }

  /** Number of requirements `Control.requirements` lists (live mappings), per control that has any. */
  async requirementCountOfControls(controlIds: readonly number[]): Promise<{ parent: number; n: number }[]> {
    const { mappings } = this.t;
    if (controlIds.length === 0) return [];
    return this.db
      .select({ parent: mappings.controlId, n: count() })
      .from(mappings)
      .where(and(this.d.inList(mappings.controlId, controlIds), isNull(mappings.retiredAt)))
      .groupBy(mappings.controlId);
  }
}

const parentColumn = ({ mappings }: Tables, d: DialectSql, parent: MappingParent) => (parent === 'requirement' ? mappings.requirementId : mappings.controlId);

function mappingListWhere({ mappings }: Tables, d: DialectSql, options: MappingListOptions): SQL | undefined {
  return options.includeRetired ? undefined : isNull(mappings.retiredAt);
}

/** `Control.requirements`: the requirements of a control's live mappings, by framework refId, refId, id. */
const REQUIREMENTS_OF_CONTROL = ({ frameworks, mappings, requirements }: Tables): GroupedList => ({
  source: sql`${mappings} INNER JOIN ${requirements} ON ${requirements.id} = ${mappings.requirementId} INNER JOIN ${frameworks} ON ${frameworks.id} = ${requirements.frameworkId}`,
  key: mappings.id,
  parent: mappings.controlId,
  order: [frameworks.refId, requirements.refId, requirements.id],
});
