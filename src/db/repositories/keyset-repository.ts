/**
 * The list / count / find-by-ids block every listed entity shares: forward keyset paging over one
 * table. A repository extends it with the table, its key column, the list order (ascending, ending
 * in the key column so the order is total; domain/list-orders.ts holds the matching sort keys) and
 * the filter's conditions, and adds its own statements.
 */
import { and, asc, count, type Column, type InferSelectModel, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../store.js';
import type { Page, PageRequest } from '../../domain/paging.js';
import { afterKey, inList } from './sql-helpers.js';

export interface KeysetListing<T extends SQLiteTable, Filter> {
  table: T;
  /** The primary key column (`findByIds` looks it up). */
  key: Column;
  /** The list order, ascending; its values make the cursor. */
  order: readonly Column[];
  /** The conditions of a filter (undefined: every row). */
  where: (filter: Filter) => SQL | undefined;
}

export abstract class KeysetRepository<T extends SQLiteTable, Filter> {
  protected constructor(
    protected readonly db: Db,
    private readonly listing: KeysetListing<T, Filter>,
  ) {}

  /** The rows with these keys (retired ones included), in no particular order. */
  async findByIds(ids: readonly number[]): Promise<InferSelectModel<T>[]> {
    if (ids.length === 0) return [];
    const { table, key } = this.listing;
    return this.db.select().from(table as SQLiteTable).where(inList(key, ids)).all() as unknown as InferSelectModel<T>[];
  }

  /** One page of the filtered list after `page.after`, and whether more follow. */
  async list(filter: Filter, page: PageRequest): Promise<Page<InferSelectModel<T>>> {
    const { table, order, where } = this.listing;
    const rows = this.db
      .select()
      .from(table as SQLiteTable)
      .where(and(where(filter), afterKey(order, page.after)))
      .orderBy(...order.map((column) => asc(column)))
      .limit(page.first + 1)
      .all() as unknown as InferSelectModel<T>[];
    return { items: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
  }

  /** Length of the filtered list. */
  async count(filter: Filter): Promise<number> {
    const { table, where } = this.listing;
    return this.db.select({ n: count() }).from(table as SQLiteTable).where(where(filter)).get()?.n ?? 0;
  }
}
