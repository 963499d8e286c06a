import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { id, instant, int, ref, retirement, timestamps } from './columns.js';
import { FRAMEWORK_KINDS } from '../../domain/vocabulary.js';

/** PostgreSQL twin of src/db/schema/frameworks.ts (the rules are documented there). */
export const frameworks = pgTable(
  'frameworks',
  {
    id: id(),
    refId: text('ref_id').notNull(),
    name: text('name').notNull(),
    version: text('version').notNull().default(''),
    kind: text('kind', { enum: FRAMEWORK_KINDS }).notNull(),
    description: text('description').notNull().default(''),
    sourceNote: text('source_note').notNull().default(''),
    licenseNote: text('license_note').notNull().default(''),
    sourceUuid: text('source_uuid'),
    sourceTitle: text('source_title'),
    sourceSha256: text('source_sha256'),
    sourceMd5: text('source_md5'),
    ...timestamps(),
    ...retirement(),
  },
  (t) => [uniqueIndex('frameworks_live_ref_uq').on(t.refId).where(sql`retired_at IS NULL`)],
);

export const requirements = pgTable(
  'requirements',
  {
    id: id(),
    frameworkId: ref('framework_id')
      .notNull()
      .references(() => frameworks.id, { onDelete: 'cascade' }),
    parentId: ref('parent_id').references((): AnyPgColumn => requirements.id, { onDelete: 'cascade' }),
    refId: text('ref_id').notNull(),
    sourceId: text('source_id'),
    title: text('title').notNull().default(''),
    statement: text('statement').notNull().default(''),
    kind: text('kind'),
    withdrawn: boolean('withdrawn').notNull().default(false),
    sortOrder: int('sort_order').notNull().default(0),
    ...timestamps(),
    ...retirement(),
  },
  (t) => [
    uniqueIndex('requirements_framework_ref_uq').on(t.frameworkId, t.refId).where(sql`retired_at IS NULL`),
    index('requirements_framework_order_idx').on(t.frameworkId, t.sortOrder, t.id),
    index('requirements_parent_idx').on(t.parentId, t.sortOrder, t.id),
  ],
);

/** Written only by the triggers on `requirements` (migrations/postgres: requirement history). */
export const requirementVersions = pgTable(
  'requirement_versions',
  {
    id: id(),
    requirementId: ref('requirement_id')
      .notNull()
      .references(() => requirements.id),
    frameworkId: ref('framework_id').notNull(),
    parentId: ref('parent_id'),
    withdrawn: boolean('withdrawn').notNull(),
    validFrom: instant('valid_from').notNull(),
    validTo: instant('valid_to'),
  },
  (t) => [index('requirement_versions_requirement_idx').on(t.requirementId, t.validFrom)],
);
