/**
 * Recorded coverage snapshots (the coverageHistory of the API): one row per framework, scope and
 * instant, written by CoverageService.recordSnapshots and paged by (at, id).
 */
import { and, asc, eq, gte, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../store.js';
import { coverageSnapshots } from '../../schema/index.js';
import type { Page, PageRequest } from '../../../domain/paging.js';
import { afterKey, batches, variablesPerRow } from '../sql-helpers.js';

export type CoverageSnapshotRow = typeof coverageSnapshots.$inferSelect;
export type CoverageSnapshotInsert = typeof coverageSnapshots.$inferInsert;

export interface CoverageHistoryFilter {
  frameworkId: number;
  /** null: the organisation. */
  aiSystemId: number | null;
  viaCrosswalks: boolean;
  from?: Date | null;
  to?: Date | null;
}

export function insertSnapshots(db: Db, rows: readonly CoverageSnapshotInsert[]): CoverageSnapshotRow[] {
  if (rows.length === 0) return [];
  return batches(rows, variablesPerRow(coverageSnapshots)).flatMap((batch) => db.insert(coverageSnapshots).values(batch).returning().all());
}

/** One page of a snapshot series, by (at, id). */
export function historyPage(db: Db, filter: CoverageHistoryFilter, page: PageRequest): Page<CoverageSnapshotRow> {
  const rows = db
    .select()
    .from(coverageSnapshots)
    .where(and(historyWhere(filter), afterKey([coverageSnapshots.at, coverageSnapshots.id], page.after)))
    .orderBy(asc(coverageSnapshots.at), asc(coverageSnapshots.id))
    .limit(page.first + 1)
    .all();
  return { items: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
}

export function historyCount(db: Db, filter: CoverageHistoryFilter): number {
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${coverageSnapshots} WHERE ${historyWhere(filter)}`).n;
}

function historyWhere(filter: CoverageHistoryFilter): SQL {
  return and(
    eq(coverageSnapshots.frameworkId, filter.frameworkId),
    filter.aiSystemId === null ? isNull(coverageSnapshots.aiSystemId) : eq(coverageSnapshots.aiSystemId, filter.aiSystemId),
    eq(coverageSnapshots.viaCrosswalks, filter.viaCrosswalks),
    filter.from ? gte(coverageSnapshots.at, filter.from) : undefined,
    filter.to ? lte(coverageSnapshots.at, filter.to) : undefined,
  )!;
}
