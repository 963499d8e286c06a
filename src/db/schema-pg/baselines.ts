import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, instant, ref, timestamps } from './columns.js';
import { frameworks, requirements } from './frameworks.js';
import { aiSystems } from './ai-systems.js';

/** PostgreSQL twin of src/db/schema/baselines.ts (the rules are documented there). */
export const baselines = pgTable(
  'baselines',
  {
    id: id(),
    refId: text('ref_id').notNull().unique('baselines_ref_id_unique'),
    frameworkId: ref('framework_id')
      .notNull()
      .references(() => frameworks.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    sourceNote: text('source_note').notNull().default(''),
    profileRefId: text('profile_ref_id'),
    ...timestamps(),
  },
  (t) => [index('baselines_framework_idx').on(t.frameworkId), index('baselines_profile_idx').on(t.profileRefId)],
);

export const baselineRequirements = pgTable(
  'baseline_requirements',
  {
    id: id(),
    baselineId: ref('baseline_id')
      .notNull()
      .references(() => baselines.id, { onDelete: 'cascade' }),
    requirementId: ref('requirement_id')
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
    addedAt: instant('added_at').notNull(),
    addedBy: text('added_by').notNull(),
    removedAt: instant('removed_at'),
    removedBy: text('removed_by'),
  },
  (t) => [
    uniqueIndex('baseline_requirements_live_pair_uq')
      .on(t.baselineId, t.requirementId)
      .where(sql`removed_at IS NULL`),
    index('baseline_requirements_requirement_idx').on(t.requirementId),
  ],
);

/**
 * At most one live row per (baseline, scope): the index enforces it for AI systems (NULLs are
 * distinct, as in SQLite, so the service enforces it for the organisation).
 */
export const baselineApplications = pgTable(
  'baseline_applications',
  {
    id: id(),
    baselineId: ref('baseline_id')
      .notNull()
      .references(() => baselines.id, { onDelete: 'cascade' }),
    aiSystemId: ref('ai_system_id').references(() => aiSystems.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    retiredAt: instant('retired_at'),
    retiredBy: text('retired_by'),
  },
  (t) => [
    uniqueIndex('baseline_applications_live_scope_uq')
      .on(t.baselineId, t.aiSystemId)
      .where(sql`retired_at IS NULL`),
    index('baseline_applications_ai_system_idx').on(t.aiSystemId),
  ],
);
