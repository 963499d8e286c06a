import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { id, instant, retirement, timestamps } from './columns.js';
import { frameworks, requirements } from './frameworks.js';

/**
 * A threat (e.g. an ATLAS technique), from a THREAT_CATALOG framework. Never deleted: a delete
 * sets `retiredAt`; the refId is unique among the catalog's live threats.
 */
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
    ...retirement(),
  },
  (t) => [
    uniqueIndex('threats_framework_ref_uq').on(t.frameworkId, t.refId).where(sql`retired_at IS NULL`),
    index('threats_parent_idx').on(t.parentId),
  ],
);

/**
 * Threat ← requirements that address it, as history: a link is live from `createdAt` until
 * `retiredAt` (unlinking retires it). At most one live row per pair.
 */
export const threatRequirements = sqliteTable(
  'threat_requirements',
  {
    id: id(),
    threatId: integer('threat_id')
      .notNull()
      .references(() => threats.id, { onDelete: 'cascade' }),
    requirementId: integer('requirement_id')
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    retiredAt: instant('retired_at'),
    retiredBy: text('retired_by'),
  },
  (t) => [
    uniqueIndex('threat_requirements_live_pair_uq').on(t.threatId, t.requirementId).where(sql`retired_at IS NULL`),
    index('threat_requirements_threat_idx').on(t.threatId),
    index('threat_requirements_requirement_idx').on(t.requirementId),
  ],
);
