import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, instant, retirement, timestamps } from './columns.js';
import { AI_SYSTEM_ROLES, RISK_LEVELS } from '../../domain/vocabulary.js';
import { frameworks } from './frameworks.js';

/**
 * An AI system in scope of governance. Never deleted: a delete sets `retiredAt`; the name is
 * unique among live systems.
 */
export const aiSystems = sqliteTable(
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

/**
 * The frameworks that apply to an AI system, as history: an assignment is live from `createdAt`
 * until `retiredAt` (unassigning retires it, never deletes it). At most one live row per pair.
 */
export const aiSystemFrameworks = sqliteTable(
  'ai_system_frameworks',
  {
    id: id(),
    aiSystemId: integer('ai_system_id')
      .notNull()
      .references(() => aiSystems.id, { onDelete: 'cascade' }),
    frameworkId: integer('framework_id')
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
