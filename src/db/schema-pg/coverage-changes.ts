import { bigint, pgTable, text } from 'drizzle-orm/pg-core';
import { ref } from './columns.js';

/**
 * PostgreSQL twin of src/db/schema/coverage-changes.ts (the rules are documented there), written
 * only by the triggers a migration creates from src/db/repositories/coverage/inputs.ts
 * (change-triggers-pg.ts). `seq` comes from a sequence: it never goes back, but concurrent
 * transactions may commit their numbers out of order (see docs/postgresql.md).
 */
export const coverageChanges = pgTable('coverage_changes', {
  seq: bigint('seq', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  tableName: text('table_name').notNull(),
  rowKey: ref('row_key').notNull(),
});
