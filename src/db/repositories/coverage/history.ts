/**
 * Recorded coverage snapshots (the coverageHistory of the API): one row per framework, scope and
 * instant, written by CoverageService.recordSnapshots and paged by (at, id).
 */
import { and, asc, count, eq, gte, isNull, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../../store.js';
import { tablesOf } from '../../dialect.js';
import type { coverageSnapshots } from '../../schema/index.js';
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

export async function insertSnapshots(db: Db, rows: readonly CoverageSnapshotInsert[]): Promise<CoverageSnapshotRow[]> {
  if (rows.length === 0) return [];
  const { coverageSnapshots } = tablesOf(db);
  const inserted: CoverageSnapshotRow[] = [];
  for (const batch of batches(rows, variablesPerRow(coverageSnapshots))) inserted.push(...(await db.insert(coverageSnapshots).values(batch).returning()));
  return inserted;
}

/** One page of a snapshot series, by (at, id). */
export async function historyPage(db: Db, filter: CoverageHistoryFilter, page: PageRequest): Promise<Page<CoverageSnapshotRow>> {
  const { coverageSnapshots } = tablesOf(db);
  const rows = await db
    .select()
    .from(coverageSnapshots)
    .where(and(historyWhere(db, filter), afterKey([coverageSnapshots.at, coverageSnapshots.id], page.after)))
    .orderBy(asc(coverageSnapshots.at), asc(coverageSnapshots.id))
    .limit(page.first + 1);
  return { items: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
}

export async function historyCount(db: Db, filter: CoverageHistoryFilter): Promise<number> {
  const { coverageSnapshots } = tablesOf(db);
  const [row] = await db.select({ n: count() }).from(coverageSnapshots).where(historyWhere(db, filter));
  return row!.n;
}

function historyWhere(db: Db, filter: CoverageHistoryFilter): SQL {
  const { coverageSnapshots } = tablesOf(db);
  return and(
    eq(coverageSnapshots.frameworkId, filter.frameworkId),
    filter.aiSystemId === null ? isNull(coverageSnapshots.aiSystemId) : eq(coverageSnapshots.aiSystemId, filter.aiSystemId),
    eq(coverageSnapshots.viaCrosswalks, filter.viaCrosswalks),
    filter.from ? gte(coverageSnapshots.at, filter.from) : undefined,
    filter.to ? lte(coverageSnapshots.at, filter.to) : undefined,
  )!;
}
