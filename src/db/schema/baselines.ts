import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, instant, timestamps } from './columns.js';
import { frameworks, requirements } from './frameworks.js';
import { aiSystems } from './ai-systems.js';

/**
 * A named selection of one framework's requirements, e.g. "800-53 MODERATE" (from an OSCAL
 * profile). Applied to the organisation or to an AI system (baseline_applications), it is the
 * set of that framework's requirements that apply there.
 */
export const baselines = sqliteTable(
  'baselines',
  {
    id: id(),
    refId: text('ref_id').notNull().unique(),
    frameworkId: integer('framework_id')
      .notNull()
      .references(() => frameworks.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Where the selection came from (the profile's title, version, uuid). */
    sourceNote: text('source_note').notNull().default(''),
    /** The profile the baseline was imported from (its baselineRefId): a profile importing several catalogs gives one baseline per framework, grouped by this. */
    profileRefId: text('profile_ref_id'),
    ...timestamps(),
  },
  (t) => [index('baselines_framework_idx').on(t.frameworkId), index('baselines_profile_idx').on(t.profileRefId)],
);

/**
 * Membership of a requirement in a baseline. Removing a requirement sets `removedAt`; rows are
 * never deleted, so the baseline at any past date can be read back. At most one live row per pair.
 */
export const baselineRequirements = sqliteTable(
  'baseline_requirements',
  {
    id: id(),
    baselineId: integer('baseline_id')
      .notNull()
      .references(() => baselines.id, { onDelete: 'cascade' }),
    requirementId: integer('requirement_id')
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
 * "Baseline B applies" organisation-wide (`aiSystemId` null) or to one AI system. Un-applying
 * retires the row; rows are never deleted. At most one live row per (baseline, scope): the index
 * enforces it for AI systems (SQLite treats NULLs as distinct), the service for the organisation.
 */
export const baselineApplications = sqliteTable(
  'baseline_applications',
  {
    id: id(),
    baselineId: integer('baseline_id')
      .notNull()
      .references(() => baselines.id, { onDelete: 'cascade' }),
    aiSystemId: integer('ai_system_id').references(() => aiSystems.id, { onDelete: 'cascade' }),
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
