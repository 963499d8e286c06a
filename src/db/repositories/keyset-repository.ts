/**
 * The list / count / find-by-ids block every listed entity shares: forward keyset paging over one
 * table. A repository extends it with the table, its key column, the list order (ascending, ending
 * in the key column so the order is total; domain/list-orders.ts holds the matching sort keys) and
 * the filter's conditions, and adds its own statements. The listing is built from the handle's
 * tables and dialect fragments (`t`, `d`), which every repository method uses too.
 */
import { and, asc, count, getTableName, sql, type Column, type InferSelectModel, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../store.js';
import type { Page, PageRequest } from '../../domain/paging.js';
import { first, prepared, sqlOf, tablesOf, type DialectSql, type Prepared, type Tables } from '../dialect.js';
import { afterKey } from './sql-helpers.js';

export interface KeysetListing<T extends SQLiteTable, Filter> {
  table: T;
  /** The primary key column (`findByIds` looks it up). */
  key: Column;
  /** The list order, ascending; its values make the cursor. */
  order: readonly Column[];
  /** The conditions of a filter (undefined: every row). */
  where: (filter: Filter) => SQL | undefined;
}

/**
 * Each listed table's find-by-ids statement, prepared once per connection: it is on the path of
 * every DataLoader, where building and preparing the query each time costs more than running it.
 */
const findByIdsStatements = new WeakMap<Db, Map<string, Prepared<unknown>>>();

export abstract class KeysetRepository<T extends SQLiteTable, Filter> {
  /** The tables of the handle's dialect. */
  protected readonly t: Tables;
  /** The handle's dialect fragments. */
  protected readonly d: DialectSql;
  private readonly listing: KeysetListing<T, Filter>;

  protected constructor(
    protected readonly db: Db,
    listing: (t: Tables, d: DialectSql) => KeysetListing<T, Filter>,
  ) {
    this.t = tablesOf(db);
    this.d = sqlOf(db);
    this.listing = listing(this.t, this.d);
  }

  /** The rows with these keys (retired ones included), in no particular order. */
  async findByIds(ids: readonly number[]): Promise<InferSelectModel<T>[]> {
    if (ids.length === 0) return [];
    return (await this.findByIdsStatement().execute({ ids: this.d.listParam(ids) })) as InferSelectModel<T>[];
  }

  private findByIdsStatement(): Prepared<unknown> {
    const { table, key } = this.listing;
    const name = `${getTableName(table)}_find_by_ids`;
    let byTable = findByIdsStatements.get(this.db);
    if (!byTable) findByIdsStatements.set(this.db, (byTable = new Map()));
    let statement = byTable.get(name);
    if (!statement) {
      statement = prepared(this.db.select().from(table as SQLiteTable).where(this.d.inList(key, sql.placeholder('ids'))), name);
      byTable.set(name, statement);
    }
    return statement;
  }

  /** One page of the filtered list after `page.after`, and whether more follow. */
  async list(filter: Filter, page: PageRequest): Promise<Page<InferSelectModel<T>>> {
    const { table, order, where } = this.listing;
    const rows = (await this.db
      .select()
      .from(table as SQLiteTable)
      .where(and(where(filter), afterKey(order, page.after)))
      .orderBy(...order.map((column) => asc(column)))
      .limit(page.first + 1)) as unknown as InferSelectModel<T>[];
    return { items: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
  }

  /** Length of the filtered list. */
  async count(filter: Filter): Promise<number> {
    const { table, where } = this.listing;
    return (await first(this.db.select({ n: count() }).from(table as SQLiteTable).where(where(filter))))?.n ?? 0;
  }
}
