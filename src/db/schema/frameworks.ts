import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { id, timestamps } from './columns.js';
import { FRAMEWORK_KINDS } from '../../domain/vocabulary.js';

/** A body of requirements: a regulation, standard, internal policy, control or threat catalog. */
export const frameworks = sqliteTable('frameworks', {
  id: id(),
  refId: text('ref_id').notNull().unique(),
  name: text('name').notNull(),
  version: text('version').notNull().default(''),
  kind: text('kind', { enum: FRAMEWORK_KINDS }).notNull(),
  description: text('description').notNull().default(''),
  sourceNote: text('source_note').notNull().default(''),
  licenseNote: text('license_note').notNull().default(''),
  ...timestamps(),
});

/** One requirement of a framework; requirements nest to any depth through `parentId`. */
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
  },
  (t) => [
    uniqueIndex('requirements_framework_ref_uq').on(t.frameworkId, t.refId),
    index('requirements_framework_order_idx').on(t.frameworkId, t.sortOrder, t.id),
    index('requirements_parent_idx').on(t.parentId, t.sortOrder, t.id),
  ],
);
