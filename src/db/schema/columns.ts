/** Column helpers shared by every table: integer ids and millisecond UTC timestamps. */
import { integer } from 'drizzle-orm/sqlite-core';

export const id = () => integer('id').primaryKey({ autoIncrement: true });

/** A UTC instant stored as milliseconds since the epoch. */
export const instant = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const timestamps = () => ({
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

/** Rule 10: a deleted object is retired (kept, absent from lists), never removed. */
export const retirement = () => ({
  retiredAt: instant('retired_at'),
});
