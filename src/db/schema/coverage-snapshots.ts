import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, instant } from './columns.js';
import { frameworks } from './frameworks.js';
import { aiSystems } from './ai-systems.js';

/**
 * Recorded coverage of one framework in one scope (the organisation when `aiSystemId` is null)
 * at one instant: the rule-5 leaf counts, so dashboards can plot trends. Append-only: no delete
 * removes them (frameworks and AI systems are retired, never deleted; rule 10).
 */
export const coverageSnapshots = sqliteTable(
  'coverage_snapshots',
  {
    id: id(),
    frameworkId: integer('framework_id')
      .notNull()
      .references(() => frameworks.id),
    aiSystemId: integer('ai_system_id').references(() => aiSystems.id),
    /** The instant the coverage was computed for. */
    at: instant('at').notNull(),
    viaCrosswalks: integer('via_crosswalks', { mode: 'boolean' }).notNull(),
    total: integer('total').notNull(),
    covered: integer('covered').notNull(),
    partial: integer('partial').notNull(),
    uncovered: integer('uncovered').notNull(),
    notApplicable: integer('not_applicable').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('coverage_snapshots_series_idx').on(t.frameworkId, t.aiSystemId, t.viaCrosswalks, t.at)],
);
