import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Change log of the tables the coverage engine reads, written only by triggers (migration
 * 0007_coverage_change_triggers): one row per inserted, updated or deleted row of such a table,
 * naming the table and the row's key (its id, or for link tables the key the coverage cache
 * re-reads by: `evidence_controls.evidence_id`, `ai_system_frameworks.ai_system_id`,
 * `threat_requirements.threat_id`, `not_applicable_marks.requirement_id`). Updates of columns
 * the engine does not read (titles, descriptions, review columns of `evidence`, …) write nothing.
 *
 * `seq` (AUTOINCREMENT, so it never goes back) is the graph's revision: the coverage cache
 * compares it to tell whether the graph changed, and re-reads only the rows named after the
 * revision it holds. The triggers keep the newest 50,000 rows or more; a reader whose revision is
 * older than the log reaches back reloads everything.
 */
export const coverageChanges = sqliteTable('coverage_changes', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  tableName: text('table_name').notNull(),
  rowKey: integer('row_key').notNull(),
});
