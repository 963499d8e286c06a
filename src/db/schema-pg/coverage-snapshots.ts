import { boolean, index, pgTable, text } from 'drizzle-orm/pg-core';
import { id, instant, int, ref } from './columns.js';
import { frameworks } from './frameworks.js';
import { aiSystems } from './ai-systems.js';

/** PostgreSQL twin of src/db/schema/coverage-snapshots.ts (the rules are documented there). */
export const coverageSnapshots = pgTable(
  'coverage_snapshots',
  {
    id: id(),
    frameworkId: ref('framework_id')
      .notNull()
      .references(() => frameworks.id),
    aiSystemId: ref('ai_system_id').references(() => aiSystems.id),
    at: instant('at').notNull(),
    viaCrosswalks: boolean('via_crosswalks').notNull(),
    total: int('total').notNull(),
    covered: int('covered').notNull(),
    partial: int('partial').notNull(),
    uncovered: int('uncovered').notNull(),
    notApplicable: int('not_applicable').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('coverage_snapshots_series_idx').on(t.frameworkId, t.aiSystemId, t.viaCrosswalks, t.at)],
);
