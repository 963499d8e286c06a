import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { id, instant, ref, retirement, timestamps } from './columns.js';
import { frameworks, requirements } from './frameworks.js';

/** PostgreSQL twin of src/db/schema/threats.ts (the rules are documented there). */
export const threats = pgTable(
  'threats',
  {
    id: id(),
    frameworkId: ref('framework_id')
      .notNull()
      .references(() => frameworks.id, { onDelete: 'cascade' }),
    parentId: ref('parent_id').references((): AnyPgColumn => threats.id, { onDelete: 'cascade' }),
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

export const threatRequirements = pgTable(
  'threat_requirements',
  {
    id: id(),
    threatId: ref('threat_id')
      .notNull()
      .references(() => threats.id, { onDelete: 'cascade' }),
    requirementId: ref('requirement_id')
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
