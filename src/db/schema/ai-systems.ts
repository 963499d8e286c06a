import { integer, primaryKey, sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { id, instant, timestamps } from './columns.js';
import { AI_SYSTEM_ROLES, RISK_LEVELS } from '../../domain/vocabulary.js';
import { frameworks } from './frameworks.js';

/** An AI system in scope of governance. */
export const aiSystems = sqliteTable('ai_systems', {
  id: id(),
  name: text('name').notNull().unique(),
  description: text('description').notNull().default(''),
  purpose: text('purpose').notNull().default(''),
  riskLevel: text('risk_level', { enum: RISK_LEVELS }).notNull(),
  role: text('role', { enum: AI_SYSTEM_ROLES }).notNull(),
  owner: text('owner'),
  ...timestamps(),
});

/** The frameworks that apply to an AI system. */
export const aiSystemFrameworks = sqliteTable(
  'ai_system_frameworks',
  {
    aiSystemId: integer('ai_system_id')
      .notNull()
      .references(() => aiSystems.id, { onDelete: 'cascade' }),
    frameworkId: integer('framework_id')
      .notNull()
      .references(() => frameworks.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.aiSystemId, t.frameworkId] }),
    index('ai_system_frameworks_framework_idx').on(t.frameworkId),
  ],
);
