import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, instant, int, ref } from './columns.js';
import { RELATIONSHIPS } from '../../domain/vocabulary.js';
import { requirements } from './frameworks.js';
import { controls } from './controls.js';

/** PostgreSQL twin of src/db/schema/mappings.ts (the rules are documented there). */
export const mappings = pgTable(
  'mappings',
  {
    id: id(),
    requirementId: ref('requirement_id')
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
    controlId: ref('control_id')
      .notNull()
      .references(() => controls.id, { onDelete: 'cascade' }),
    relationship: text('relationship', { enum: RELATIONSHIPS }).notNull(),
    strength: int('strength'),
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

export const mappingRevisions = pgTable(
  'mapping_revisions',
  {
    id: id(),
    mappingId: ref('mapping_id')
      .notNull()
      .references(() => mappings.id, { onDelete: 'cascade' }),
    relationship: text('relationship', { enum: RELATIONSHIPS }).notNull(),
    strength: int('strength'),
    rationale: text('rationale').notNull().default(''),
    validFrom: instant('valid_from').notNull(),
    changedBy: text('changed_by').notNull(),
  },
  (t) => [index('mapping_revisions_mapping_idx').on(t.mappingId, t.validFrom)],
);

export const requirementLinks = pgTable(
  'requirement_links',
  {
    id: id(),
    sourceRequirementId: ref('source_requirement_id')
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
    targetRequirementId: ref('target_requirement_id')
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
    relationship: text('relationship', { enum: RELATIONSHIPS }).notNull(),
    strength: int('strength'),
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
