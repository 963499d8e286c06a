import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { id, instant, retirement, timestamps } from './columns.js';
import { FRAMEWORK_KINDS } from '../../domain/vocabulary.js';

/**
 * A body of requirements: a regulation, standard, internal policy, control or threat catalog.
 * Never deleted: a delete sets `retiredAt` (rule 10); the refId is unique among live frameworks.
 */
export const frameworks = sqliteTable(
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
    /**
     * The document the framework's requirements were last imported from (null: never imported):
     * its uuid and title (an import of another document is refused unless the caller says to
     * replace the source) and the hashes of its text (a profile's back-matter may name them).
     */
    sourceUuid: text('source_uuid'),
    sourceTitle: text('source_title'),
    sourceSha256: text('source_sha256'),
    sourceMd5: text('source_md5'),
    ...timestamps(),
    ...retirement(),
  },
  (t) => [uniqueIndex('frameworks_live_ref_uq').on(t.refId).where(sql`retired_at IS NULL`)],
);

/**
 * One requirement of a framework; requirements nest to any depth through `parentId`. Never
 * deleted: a delete sets `retiredAt`. Every version of its structure (framework, parent,
 * withdrawn) is a requirement_versions row, written by triggers (migration 0011).
 */
export const requirements = sqliteTable(
  'requirements',
  {
    id: id(),
    frameworkId: integer('framework_id')
      .notNull()
      .references(() => frameworks.id, { onDelete: 'cascade' }),
    parentId: integer('parent_id').references((): AnySQLiteColumn => requirements.id, {
      onDelete: 'cascade',
    }),
    refId: text('ref_id').notNull(),
    /** The identifier in the source document when it differs from refId (OSCAL `ac-2.1`). */
    sourceId: text('source_id'),
    title: text('title').notNull().default(''),
    statement: text('statement').notNull().default(''),
    /** The source's own level name (function, category, article, group, ...). */
    kind: text('kind'),
    withdrawn: integer('withdrawn', { mode: 'boolean' }).notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    ...timestamps(),
    ...retirement(),
  },
  (t) => [
    uniqueIndex('requirements_framework_ref_uq').on(t.frameworkId, t.refId).where(sql`retired_at IS NULL`),
    index('requirements_framework_order_idx').on(t.frameworkId, t.sortOrder, t.id),
    index('requirements_parent_idx').on(t.parentId, t.sortOrder, t.id),
  ],
);

/**
 * The structure of a requirement over time: one row per version, live from `validFrom` until
 * `validTo` (null: still live). Written only by the triggers on `requirements` (migration 0011):
 * an insert opens the first version at `created_at`; a change of framework, parent or withdrawn
 * dated after the open version began (`updated_at`) closes it and opens the next, an undated one
 * (same or earlier `updated_at`, e.g. a restore setting parents) corrects the open version; a
 * retirement closes it at `retired_at`. The coverage engine reads the structure as of T from here.
 */
export const requirementVersions = sqliteTable(
  'requirement_versions',
  {
    id: id(),
    requirementId: integer('requirement_id')
      .notNull()
      .references(() => requirements.id),
    frameworkId: integer('framework_id').notNull(),
    parentId: integer('parent_id'),
    withdrawn: integer('withdrawn', { mode: 'boolean' }).notNull(),
    validFrom: instant('valid_from').notNull(),
    validTo: instant('valid_to'),
  },
  (t) => [index('requirement_versions_requirement_idx').on(t.requirementId, t.validFrom)],
);
