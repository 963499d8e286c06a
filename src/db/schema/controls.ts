import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, instant, retirement, timestamps } from './columns.js';
import { CONTROL_TYPES, IMPLEMENTATION_STATUSES } from '../../domain/vocabulary.js';
import { aiSystems } from './ai-systems.js';

/**
 * The organisation's own security control. `implementationStatus` is the current value. Never
 * deleted: a delete sets `retiredAt` and ends its status history with an own change to no status
 * (the control does not exist from then on); the refId is unique among live controls.
 */
export const controls = sqliteTable(
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

/**
 * Append-only history of implementation status changes. `aiSystemId` null is the control's own
 * status (`toStatus` null: the control was deleted); otherwise the per-system override, where
 * `toStatus` null means the override was cleared.
 */
export const controlStatusChanges = sqliteTable(
  'control_status_changes',
  {
    id: id(),
    controlId: integer('control_id')
      .notNull()
      .references(() => controls.id, { onDelete: 'cascade' }),
    aiSystemId: integer('ai_system_id').references(() => aiSystems.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status', { enum: IMPLEMENTATION_STATUSES }),
    toStatus: text('to_status', { enum: IMPLEMENTATION_STATUSES }),
    comment: text('comment'),
    changedAt: instant('changed_at').notNull(),
    changedBy: text('changed_by').notNull(),
  },
  (t) => [index('control_status_changes_control_idx').on(t.controlId, t.aiSystemId, t.changedAt)],
);

/** Current per-AI-system status overrides (their history is in control_status_changes). */
export const aiSystemControlStatuses = sqliteTable(
  'ai_system_control_statuses',
  {
    aiSystemId: integer('ai_system_id')
      .notNull()
      .references(() => aiSystems.id, { onDelete: 'cascade' }),
    controlId: integer('control_id')
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
