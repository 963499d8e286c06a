import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, instant } from './columns.js';
import { RELATIONSHIPS } from '../../domain/vocabulary.js';
import { requirements } from './frameworks.js';
import { controls } from './controls.js';

/**
 * Requirement → control, read "the requirement is <relationship> the control". Never deleted:
 * removing a mapping sets `retiredAt`. At most one live (unretired) mapping per pair.
 * The current relationship/strength/rationale are on the row; every version, including the
 * first, is in mapping_revisions so past dates can be evaluated exactly.
 */
export const mappings = sqliteTable(
  'mappings',
  {
    id: id(),
    requirementId: integer('requirement_id')
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
    controlId: integer('control_id')
      .notNull()
      .references(() => controls.id, { onDelete: 'cascade' }),
    relationship: text('relationship', { enum: RELATIONSHIPS }).notNull(),
    strength: integer('strength'),
    rationale: text('rationale').notNull().default(''),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: instant('updated_at').notNull(),
    retiredAt: instant('retired_at'),
    retiredBy: text('retired_by'),
  },
  (t) => [
    uniqueIndex('mappings_live_pair_uq')
      .on(t.requirementId, t.controlId)
      .where(sql`retired_at IS NULL`),
    index('mappings_requirement_idx').on(t.requirementId),
    index('mappings_control_idx').on(t.controlId),
  ],
);

/** Append-only versions of a mapping's relationship, strength and rationale. */
export const mappingRevisions = sqliteTable(
  'mapping_revisions',
  {
    id: id(),
    mappingId: integer('mapping_id')
      .notNull()
      .references(() => mappings.id, { onDelete: 'cascade' }),
    relationship: text('relationship', { enum: RELATIONSHIPS }).notNull(),
    strength: integer('strength'),
    rationale: text('rationale').notNull().default(''),
    validFrom: instant('valid_from').notNull(),
    changedBy: text('changed_by').notNull(),
  },
  (t) => [index('mapping_revisions_mapping_idx').on(t.mappingId, t.validFrom)],
);

/**
 * Crosswalk: requirement → requirement (usually in another framework), read "the source is
 * <relationship> the target". Retired, never deleted.
 */
export const requirementLinks = sqliteTable(
  'requirement_links',
  {
    id: id(),
    sourceRequirementId: integer('source_requirement_id')
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
    targetRequirementId: integer('target_requirement_id')
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
    relationship: text('relationship', { enum: RELATIONSHIPS }).notNull(),
    strength: integer('strength'),
    rationale: text('rationale').notNull().default(''),
    provenance: text('provenance').notNull().default(''),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: instant('updated_at').notNull(),
    retiredAt: instant('retired_at'),
    retiredBy: text('retired_by'),
  },
  (t) => [
    uniqueIndex('requirement_links_live_pair_uq')
      .on(t.sourceRequirementId, t.targetRequirementId)
      .where(sql`retired_at IS NULL`),
    index('requirement_links_source_idx').on(t.sourceRequirementId),
    index('requirement_links_target_idx').on(t.targetRequirementId),
  ],
);
