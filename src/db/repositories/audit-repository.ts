/** All SQL about the audit trail. Rows are only ever inserted (triggers refuse the rest). */
import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import type { auditLog } from '../schema/index.js';
import type { AuditOutcome } from '../../domain/audit-chain.js';
import { first, returned, type DialectSql, type Tables } from '../dialect.js';
import { KeysetRepository } from './keyset-repository.js';

export type AuditRow = typeof auditLog.$inferSelect;
export type AuditInsert = typeof auditLog.$inferInsert;

export interface AuditFilter {
  actions?: readonly string[] | null;
  actorId?: string | null;
  targetId?: string | null;
  outcomes?: readonly AuditOutcome[] | null;
  from?: Date | null;
  to?: Date | null;
}

/** Entries are listed by seq; `findByIds` takes seqs. */
export class AuditRepository extends KeysetRepository<typeof auditLog, AuditFilter> {
  constructor(db: Db) {
    super(db, ({ auditLog }, d) => ({ table: auditLog, key: auditLog.seq, order: [auditLog.seq], where: (filter) => auditWhere(auditLog, d, filter) }));
  }

  async last(): Promise<AuditRow | undefined> {
    const { auditLog } = this.t;
    return first(this.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1));
  }

  async append(values: AuditInsert): Promise<AuditRow> {
    const { auditLog } = this.t;
    return returned(this.db.insert(auditLog).values(values).returning());
  }

  /** Every entry in sequence order, read in batches so memory stays flat. */
  async *all(batchSize = 1000): AsyncGenerator<AuditRow> {
    const { auditLog } = this.t;
    let after = 0;
    for (;;) {
      const rows = await this.db.select().from(auditLog).where(sql`${auditLog.seq} > ${after}`).orderBy(asc(auditLog.seq)).limit(batchSize);
      if (rows.length === 0) return;
      yield* rows;
      after = rows.at(-1)!.seq;
    }
  }
}

function auditWhere(auditLog: Tables['auditLog'], d: DialectSql, filter: AuditFilter): SQL | undefined {
  return and(
    filter.actions?.length ? d.inList(auditLog.action, filter.actions) : undefined,
    filter.outcomes?.length ? d.inList(auditLog.outcome, filter.outcomes) : undefined,
    filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
    filter.targetId ? d.jsonArrayHas(auditLog.targetIds, filter.targetId) : undefined,
    filter.from ? gte(auditLog.at, filter.from) : undefined,
    filter.to ? lte(auditLog.at, filter.to) : undefined,
  );
}
