import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { id, instant, ref } from './columns.js';
import { requirements } from './frameworks.js';
import { aiSystems } from './ai-systems.js';

/** PostgreSQL twin of src/db/schema/applicability.ts (the rules are documented there). */
export const notApplicableMarks = pgTable(
  'not_applicable_marks',
  {
    id: id(),
    requirementId: ref('requirement_id')
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
    aiSystemId: ref('ai_system_id').references(() => aiSystems.id, { onDelete: 'cascade' }),
    justification: text('justification').notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    retiredAt: instant('retired_at'),
    retiredBy: text('retired_by'),
  },
  (t) => [index('not_applicable_marks_requirement_idx').on(t.requirementId, t.aiSystemId)],
);
