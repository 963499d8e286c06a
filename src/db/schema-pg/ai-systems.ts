import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, instant, ref, retirement, timestamps } from './columns.js';
import { AI_SYSTEM_ROLES, RISK_LEVELS } from '../../domain/vocabulary.js';
import { frameworks } from './frameworks.js';

/** PostgreSQL twin of src/db/schema/ai-systems.ts (the rules are documented there). */
export const aiSystems = pgTable(
  'ai_systems',
  {
    id: id(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    purpose: text('purpose').notNull().default(''),
    riskLevel: text('risk_level', { enum: RISK_LEVELS }).notNull(),
    role: text('role', { enum: AI_SYSTEM_ROLES }).notNull(),
    owner: text('owner'),
    ...timestamps(),
    ...retirement(),
  },
  (t) => [uniqueIndex('ai_systems_live_name_uq').on(t.name).where(sql`retired_at IS NULL`)],
);

export const aiSystemFrameworks = pgTable(
  'ai_system_frameworks',
  {
    id: id(),
    aiSystemId: ref('ai_system_id')
      .notNull()
      .references(() => aiSystems.id, { onDelete: 'cascade' }),
    frameworkId: ref('framework_id')
      .notNull()
      .references(() => frameworks.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    retiredAt: instant('retired_at'),
    retiredBy: text('retired_by'),
  },
  (t) => [
    uniqueIndex('ai_system_frameworks_live_pair_uq').on(t.aiSystemId, t.frameworkId).where(sql`retired_at IS NULL`),
    index('ai_system_frameworks_system_idx').on(t.aiSystemId),
    index('ai_system_frameworks_framework_idx').on(t.frameworkId),
  ],
);
