/** All SQL about the audit trail. Rows are only ever inserted (triggers refuse the rest). */
import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import { auditLog } from '../schema/index.js';
import type { AuditOutcome } from '../../domain/audit-chain.js';
import { KeysetRepository } from './keyset-repository.js';
import { inList } from './sql-helpers.js';

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
    super(db, { table: auditLog, key: auditLog.seq, order: [auditLog.seq], where: auditWhere });
  }

  async last(): Promise<AuditRow | undefined> {
    return this.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
  }

  async append(values: AuditInsert): Promise<AuditRow> {
    return this.db.insert(auditLog).values(values).returning().get();
  }

  /** Every entry in sequence order, read in batches so memory stays flat. */
  async *all(batchSize = 1000): AsyncGenerator<AuditRow> {
    let after = 0;
    for (;;) {
      const rows = this.db.select().from(auditLog).where(sql`${auditLog.seq} > ${after}`).orderBy(asc(auditLog.seq)).limit(batchSize).all();
      if (rows.length === 0) return;
      yield* rows;
      after = rows.at(-1)!.seq;
    }
  }
}

function auditWhere(filter: AuditFilter): SQL | undefined {
  return and(
    filter.actions?.length ? inList(auditLog.action, filter.actions) : undefined,
    filter.outcomes?.length ? inList(auditLog.outcome, filter.outcomes) : undefined,
    filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
    filter.targetId ? sql`EXISTS (SELECT 1 FROM json_each(${auditLog.targetIds}) WHERE value = ${filter.targetId})` : undefined,
    filter.from ? gte(auditLog.at, filter.from) : undefined,
    filter.to ? lte(auditLog.at, filter.to) : undefined,
  );
}
