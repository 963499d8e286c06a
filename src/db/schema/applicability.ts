import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, instant } from './columns.js';
import { requirements } from './frameworks.js';
import { aiSystems } from './ai-systems.js';

/**
 * "Requirement R is not applicable" globally (`aiSystemId` null) or for one AI system, with a
 * justification. Marking it applicable again retires the row; rows are never deleted, so the
 * applicability at any past date can be read back.
 */
export const notApplicableMarks = sqliteTable(
  'not_applicable_marks',
  {
    id: id(),
    requirementId: integer('requirement_id')
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
    aiSystemId: integer('ai_system_id').references(() => aiSystems.id, { onDelete: 'cascade' }),
    justification: text('justification').notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    retiredAt: instant('retired_at'),
    retiredBy: text('retired_by'),
  },
  (t) => [index('not_applicable_marks_requirement_idx').on(t.requirementId, t.aiSystemId)],
);
