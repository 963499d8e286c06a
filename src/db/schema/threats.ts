import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { id, instant, timestamps } from './columns.js';
import { frameworks, requirements } from './frameworks.js';

/** A threat (e.g. an ATLAS technique), from a THREAT_CATALOG framework. */
export const threats = sqliteTable(
  'threats',
  {
    id: id(),
    frameworkId: integer('framework_id')
      .notNull()
      .references(() => frameworks.id, { onDelete: 'cascade' }),
    parentId: integer('parent_id').references((): AnySQLiteColumn => threats.id, {
      onDelete: 'cascade',
    }),
    refId: text('ref_id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('threats_framework_ref_uq').on(t.frameworkId, t.refId),
    index('threats_parent_idx').on(t.parentId),
  ],
);

/** Threat ← requirements that address it. */
export const threatRequirements = sqliteTable(
  'threat_requirements',
  {
    threatId: integer('threat_id')
      .notNull()
      .references(() => threats.id, { onDelete: 'cascade' }),
    requirementId: integer('requirement_id')
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.threatId, t.requirementId] }),
    index('threat_requirements_requirement_idx').on(t.requirementId),
  ],
);
