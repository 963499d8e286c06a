/** All SQL about controls and the history of their own implementation status. */
import { and, asc, count, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import type { controls } from '../schema/index.js';
import { first, returned, rows, type DialectSql, type Tables } from '../dialect.js';
import type { ControlRow, ControlStatusChangeRow } from '../rows.js';
import type { ControlType, ImplementationStatus } from '../../domain/vocabulary.js';
import type { ControlRows, StatusChangeRecord } from '../../domain/catalog/control-rows.js';
import type { PageRequest } from '../../domain/paging.js';
import type { ControlStatusHistoryOptions, SystemStatusHistoryOptions } from '../../domain/list-orders.js';
import { groupPage, textSearch, type GroupedList } from './sql-helpers.js';
import { KeysetRepository } from './keyset-repository.js';

export interface ControlFilter {
  domain?: string | null;
  domains?: readonly string[] | null;
  types?: readonly ControlType[] | null;
  statuses?: readonly ImplementationStatus[] | null;
  search?: string | null;
}

export interface ControlDependents {
  liveMappings: number;
  evidence: number;
}

export type ControlInsert = typeof controls.$inferInsert;
export type ControlPatch = Partial<Omit<ControlInsert, 'id' | 'createdAt'>>;

/** History rows per multi-row INSERT (well under SQLite's bound-parameter limit). */
const HISTORY_CHUNK = 500;

/** Controls are listed by (refId, id). */
export class ControlRepository extends KeysetRepository<typeof controls, ControlFilter> {
  constructor(db: Db) {
    super(db, (t, d) => ({ table: t.controls, key: t.controls.id, order: [t.controls.refId, t.controls.id], where: (filter) => controlWhere(t, d, filter) }));
  }

  /** The live control (a retired one is not found for writes; findByIds resolves it). */
  async findById(id: number): Promise<ControlRow | undefined> {
    const { controls } = this.t;
    return first(this.db.select().from(controls).where(and(eq(controls.id, id), isNull(controls.retiredAt))));
  }

  /** The live control with that refId (a retired one frees its refId). */
  async findByRefId(refId: string): Promise<ControlRow | undefined> {
    const { controls } = this.t;
    return first(this.db.select().from(controls).where(and(eq(controls.refId, refId), isNull(controls.retiredAt))));
  }

  /** Distinct non-empty domains, sorted. */
  async domains(): Promise<string[]> {
    const { controls } = this.t;
    const rows = await this.db
      .selectDistinct({ domain: controls.domain })
      .from(controls)
      .where(and(ne(controls.domain, ''), isNull(controls.retiredAt)))
      .orderBy(asc(controls.domain));
    return rows.map((r) => r.domain);
  }

  /** Inserts a control and its status history (the rows come from domain/catalog/control-rows.ts). */
  async insertWithHistory(rows: ControlRows): Promise<ControlRow> {
    const { controls, controlStatusChanges } = this.t;
    const row = await returned(this.db.insert(controls).values(rows.control).returning());
    for (let i = 0; i < rows.history.length; i += HISTORY_CHUNK) {
      await this.db.insert(controlStatusChanges).values(rows.history.slice(i, i + HISTORY_CHUNK).map((h) => ({ controlId: row.id, ...h })));
    }
    return row;
  }

  /** Records a change of the control's own status in its history and sets it on the control. */
  async changeStatus(id: number, change: StatusChangeRecord & { toStatus: ImplementationStatus }): Promise<ControlRow> {
    const { controls, controlStatusChanges } = this.t;
    await this.db.insert(controlStatusChanges).values({ controlId: id, ...change });
    return returned(this.db.update(controls).set({ implementationStatus: change.toStatus, updatedAt: change.changedAt }).where(eq(controls.id, id)).returning());
  }

  async update(id: number, patch: ControlPatch): Promise<ControlRow> {
    const { controls } = this.t;
    return returned(this.db.update(controls).set(patch).where(eq(controls.id, id)).returning());
  }

  /**
   * Retires a control (rule 10): its own status history ends with a change to no status at `at`
   * (the engine's "does not exist" from then on), its current per-system overrides are removed
   * (their history stays), and the row is kept with `retiredAt`, its refId free again.
   */
  async retire(control: ControlRow, at: Date, by: string): Promise<ControlRow> {
    const { aiSystemControlStatuses, controls, controlStatusChanges } = this.t;
    await this.db
      .insert(controlStatusChanges)
      .values({ controlId: control.id, fromStatus: control.implementationStatus, toStatus: null, comment: 'control deleted', changedAt: at, changedBy: by });
    await this.db.delete(aiSystemControlStatuses).where(eq(aiSystemControlStatuses.controlId, control.id));
    return returned(this.db.update(controls).set({ retiredAt: at, updatedAt: at }).where(eq(controls.id, control.id)).returning());
  }

  /** What keeps a control from being deleted. */
  async dependents(id: number): Promise<ControlDependents> {
    return (await rows<ControlDependents>(this.db, sql`
      SELECT
        (SELECT count(*) FROM mappings m WHERE m.control_id = ${id} AND m.retired_at IS NULL) AS "liveMappings",
        (SELECT count(*) FROM evidence_controls e WHERE e.control_id = ${id}) AS evidence`))[0]!;
  }

  async findStatusChangesByIds(ids: readonly number[]): Promise<ControlStatusChangeRow[]> {
    const { controlStatusChanges } = this.t;
    if (ids.length === 0) return [];
    return this.db.select().from(controlStatusChanges).where(this.d.inList(controlStatusChanges.id, ids));
  }

  /** One page (plus one row) of `Control.statusHistory` (newest first) for each control, in one statement. */
  async pageOfStatusHistory(controlIds: readonly number[], options: ControlStatusHistoryOptions, page: PageRequest): Promise<ControlStatusChangeRow[]> {
    const { controlStatusChanges } = this.t;
    if (controlIds.length === 0) return [];
    const { where, orderBy } = groupPage(this.d, HISTORY_OF_CONTROL(this.t), controlIds, controlHistoryWhere(this.t, this.d, options), page);
    return this.db.select().from(controlStatusChanges).where(where).orderBy(...orderBy);
  }

  /** Number of changes `Control.statusHistory` lists, per control that has any. */
  async countOfStatusHistory(controlIds: readonly number[], options: ControlStatusHistoryOptions): Promise<{ parent: number; n: number }[]> {
    const { controlStatusChanges } = this.t;
    if (controlIds.length === 0) return [];
    return this.db
      .select({ parent: controlStatusChanges.controlId, n: count() })
      .from(controlStatusChanges)
      .where(and(this.d.inList(controlStatusChanges.controlId, controlIds), controlHistoryWhere(this.t, this.d, options)))
      .groupBy(controlStatusChanges.controlId);
  }

  /** One page (plus one row) of `AISystem.controlStatusHistory` (newest first) for each AI system, in one statement. */
  async pageOfSystemHistory(aiSystemIds: readonly number[], options: SystemStatusHistoryOptions, page: PageRequest): Promise<ControlStatusChangeRow[]> {
    const { controlStatusChanges } = this.t;
    if (aiSystemIds.length === 0) return [];
    const { where, orderBy } = groupPage(this.d, HISTORY_OF_SYSTEM(this.t), aiSystemIds, systemHistoryWhere(this.t, this.d, options), page);
    return this.db.select().from(controlStatusChanges).where(where).orderBy(...orderBy);
  }

  /** Number of changes `AISystem.controlStatusHistory` lists, per AI system that has any. */
  async countOfSystemHistory(aiSystemIds: readonly number[], options: SystemStatusHistoryOptions): Promise<{ parent: number; n: number }[]> {
    const { controlStatusChanges } = this.t;
    if (aiSystemIds.length === 0) return [];
    return this.db
      .select({ parent: sql<number>`${controlStatusChanges.aiSystemId}`, n: count() })
      .from(controlStatusChanges)
      .where(and(this.d.inList(controlStatusChanges.aiSystemId, aiSystemIds), systemHistoryWhere(this.t, this.d, options)))
      .groupBy(controlStatusChanges.aiSystemId);
  }
}

function controlWhere({ controls }: Tables, d: DialectSql, filter: ControlFilter): SQL | undefined {
  return and(
    isNull(controls.retiredAt),
    filter.domain != null ? eq(controls.domain, filter.domain) : undefined,
    filter.domains?.length ? d.inList(controls.domain, filter.domains) : undefined,
    filter.types?.length ? d.inList(controls.type, filter.types) : undefined,
    filter.statuses?.length ? d.inList(controls.implementationStatus, filter.statuses) : undefined,
    textSearch(d, [controls.refId, controls.title, controls.description], filter.search),
  );
}

/** Status history is listed newest first: (changedAt, id) descending, as the ascending (-changedAt, -id) of statusChangeSortKey. */
const newestFirst = ({ controlStatusChanges }: Tables) => [sql`-${controlStatusChanges.changedAt}`, sql`-${controlStatusChanges.id}`];
const HISTORY_OF_CONTROL = (t: Tables): GroupedList => ({ source: t.controlStatusChanges, key: t.controlStatusChanges.id, parent: t.controlStatusChanges.controlId, order: newestFirst(t) });
const HISTORY_OF_SYSTEM = (t: Tables): GroupedList => ({ source: t.controlStatusChanges, key: t.controlStatusChanges.id, parent: t.controlStatusChanges.aiSystemId, order: newestFirst(t) });

const controlHistoryWhere = ({ controlStatusChanges }: Tables, _d: DialectSql, { aiSystemId }: ControlStatusHistoryOptions): SQL =>
  aiSystemId === null ? isNull(controlStatusChanges.aiSystemId) : eq(controlStatusChanges.aiSystemId, aiSystemId);
const systemHistoryWhere = ({ controlStatusChanges }: Tables, _d: DialectSql, { controlId }: SystemStatusHistoryOptions): SQL | undefined =>
  controlId === null ? undefined : eq(controlStatusChanges.controlId, controlId);
