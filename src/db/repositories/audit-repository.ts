/** All SQL about the audit trail. Rows are only ever inserted (triggers refuse the rest). */
import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import { auditLog } from '../schema/index.js';
import type { AuditOutcome } from '../../domain/audit-chain.js';
import type { Page, PageRequest, SortKey } from '../../domain/paging.js';
import { afterKey, inList } from './sql-helpers.js';

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

export const auditSortKey = (row: AuditRow): SortKey => [row.seq];

export class AuditRepository {
  constructor(private readonly db: Db) {}

  async last(): Promise<AuditRow | undefined> {
    return this.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
  }

  async findBySeqs(seqs: readonly number[]): Promise<AuditRow[]> {
    if (seqs.length === 0) return [];
    return this.db.select().from(auditLog).where(inList(auditLog.seq, seqs)).all();
  }

  async append(values: AuditInsert): Promise<AuditRow> {
    return this.db.insert(auditLog).values(values).returning().get();
  }

  async list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditRow>> {
    const rows = this.db
      .select()
      .from(auditLog)
      .where(and(this.where(filter), afterKey([auditLog.seq], page.after)))
      .orderBy(asc(auditLog.seq))
      .limit(page.first + 1)
      .all();
    return { items: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
  }

  async count(filter: AuditFilter): Promise<number> {
    return this.db.$count(auditLog, this.where(filter));
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

  private where(filter: AuditFilter): SQL | undefined {
    return and(
      filter.actions?.length ? sql`${auditLog.action} IN (SELECT value FROM json_each(${JSON.stringify(filter.actions)}))` : undefined,
      filter.outcomes?.length ? sql`${auditLog.outcome} IN (SELECT value FROM json_each(${JSON.stringify(filter.outcomes)}))` : undefined,
      filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
      filter.targetId ? sql`EXISTS (SELECT 1 FROM json_each(${auditLog.targetIds}) WHERE value = ${filter.targetId})` : undefined,
      filter.from ? gte(auditLog.at, filter.from) : undefined,
      filter.to ? lte(auditLog.at, filter.to) : undefined,
    );
  }
}
