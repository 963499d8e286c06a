/** All SQL about frameworks. */
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import type { frameworks } from '../schema/index.js';
import { first, returned, rows, type DialectSql, type Tables } from '../dialect.js';
import type { FrameworkRow } from '../rows.js';
import type { FrameworkKind } from '../../domain/vocabulary.js';
import { textSearch } from './sql-helpers.js';
import { KeysetRepository } from './keyset-repository.js';

export interface FrameworkFilter {
  kinds?: readonly FrameworkKind[] | null;
  search?: string | null;
}

export interface FrameworkDependents {
  requirements: number;
  liveMappings: number;
  liveLinks: number;
  threatLinks: number;
  threats: number;
  aiSystems: number;
}

export type FrameworkInsert = typeof frameworks.$inferInsert;
export type FrameworkPatch = Partial<Omit<FrameworkInsert, 'id' | 'createdAt'>>;

/** Frameworks are listed by (refId, id). */
export class FrameworkRepository extends KeysetRepository<typeof frameworks, FrameworkFilter> {
  constructor(db: Db) {
    super(db, (t, d) => ({ table: t.frameworks, key: t.frameworks.id, order: [t.frameworks.refId, t.frameworks.id], where: (filter) => frameworkWhere(t, d, filter) }));
  }

  /** The live framework (a retired one is not found for writes; findByIds resolves it). */
  async findById(id: number): Promise<FrameworkRow | undefined> {
    const { frameworks } = this.t;
    return first(this.db.select().from(frameworks).where(and(eq(frameworks.id, id), isNull(frameworks.retiredAt))));
  }

  /** The live framework with that refId (a retired one frees its refId). */
  async findByRefId(refId: string): Promise<FrameworkRow | undefined> {
    const { frameworks } = this.t;
    return first(this.db.select().from(frameworks).where(and(eq(frameworks.refId, refId), isNull(frameworks.retiredAt))));
  }

  async insert(values: FrameworkInsert): Promise<FrameworkRow> {
    const { frameworks } = this.t;
    return returned(this.db.insert(frameworks).values(values).returning());
  }

  async update(id: number, patch: FrameworkPatch): Promise<FrameworkRow> {
    const { frameworks } = this.t;
    return returned(this.db.update(frameworks).set(patch).where(eq(frameworks.id, id)).returning());
  }

  /** Retires the framework (rule 10): kept, absent from lists, its refId free again. */
  async retire(id: number, at: Date): Promise<FrameworkRow> {
    const { frameworks } = this.t;
    return returned(this.db.update(frameworks).set({ retiredAt: at, updatedAt: at }).where(eq(frameworks.id, id)).returning());
  }

  /** What live depends on a framework; a delete is refused while any live dependent exists. */
  async dependents(id: number): Promise<FrameworkDependents> {
    const row = (await rows<FrameworkDependents>(this.db, sql`
      SELECT
        (SELECT count(*) FROM requirements r WHERE r.framework_id = ${id} AND r.retired_at IS NULL) AS requirements,
        (SELECT count(*) FROM mappings m JOIN requirements r ON r.id = m.requirement_id
          WHERE r.framework_id = ${id} AND m.retired_at IS NULL) AS "liveMappings",
        (SELECT count(*) FROM requirement_links l JOIN requirements r
          ON r.id IN (l.source_requirement_id, l.target_requirement_id)
          WHERE r.framework_id = ${id} AND l.retired_at IS NULL) AS "liveLinks",
        (SELECT count(*) FROM threat_requirements t JOIN requirements r ON r.id = t.requirement_id
          WHERE r.framework_id = ${id} AND t.retired_at IS NULL) AS "threatLinks",
        (SELECT count(*) FROM threats t WHERE t.framework_id = ${id} AND t.retired_at IS NULL) AS threats,
        (SELECT count(*) FROM ai_system_frameworks a WHERE a.framework_id = ${id} AND a.retired_at IS NULL) AS "aiSystems"`))[0]!;
    return row;
  }
}

function frameworkWhere({ frameworks }: Tables, d: DialectSql, filter: FrameworkFilter): SQL | undefined {
  return and(
    isNull(frameworks.retiredAt),
    filter.kinds?.length ? d.inList(frameworks.kind, filter.kinds) : undefined,
    textSearch(d, [frameworks.refId, frameworks.name, frameworks.description], filter.search),
  );
}
