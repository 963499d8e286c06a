import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, instant, ref, retirement, timestamps } from './columns.js';
import { CONTROL_TYPES, IMPLEMENTATION_STATUSES } from '../../domain/vocabulary.js';
import { aiSystems } from './ai-systems.js';

/** PostgreSQL twin of src/db/schema/controls.ts (the rules are documented there). */
export const controls = pgTable(
  'controls',
  {
    id: id(),
    refId: text('ref_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    domain: text('domain').notNull().default(''),
    type: text('type', { enum: CONTROL_TYPES }).notNull(),
    implementationStatus: text('implementation_status', { enum: IMPLEMENTATION_STATUSES }).notNull(),
    owner: text('owner'),
    ...timestamps(),
    ...retirement(),
  },
  (t) => [uniqueIndex('controls_live_ref_uq').on(t.refId).where(sql`retired_at IS NULL`)],
);

export const controlStatusChanges = pgTable(
  'control_status_changes',
  {
    id: id(),
    controlId: ref('control_id')
      .notNull()
      .references(() => controls.id, { onDelete: 'cascade' }),
    aiSystemId: ref('ai_system_id').references(() => aiSystems.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status', { enum: IMPLEMENTATION_STATUSES }),
    toStatus: text('to_status', { enum: IMPLEMENTATION_STATUSES }),
    comment: text('comment'),
    changedAt: instant('changed_at').notNull(),
    changedBy: text('changed_by').notNull(),
  },
  (t) => [index('control_status_changes_control_idx').on(t.controlId, t.aiSystemId, t.changedAt)],
);

export const aiSystemControlStatuses = pgTable(
  'ai_system_control_statuses',
  {
    aiSystemId: ref('ai_system_id')
      .notNull()
      .references(() => aiSystems.id, { onDelete: 'cascade' }),
    controlId: ref('control_id')
      .notNull()
      .references(() => controls.id, { onDelete: 'cascade' }),
    status: text('status', { enum: IMPLEMENTATION_STATUSES }).notNull(),
    comment: text('comment'),
    updatedAt: instant('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.aiSystemId, t.controlId] }),
    index('ai_system_control_statuses_control_idx').on(t.controlId),
  ],
);
