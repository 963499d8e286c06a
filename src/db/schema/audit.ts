import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { instant } from './columns.js';

/**
 * The tamper-evident audit trail. Append-only: triggers (in a hand-written migration) make
 * UPDATE and DELETE fail. `hash` = SHA-256(prevHash + canonical JSON of the entry), so changing,
 * removing or reordering any row breaks the chain from there on.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: instant('at').notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    /** JSON array of the global ids the action touched. */
    targetIds: text('target_ids').notNull(),
    /** JSON of the object before the change, or null. */
    before: text('before'),
    /** JSON of the object after the change (or the user errors of a refused change), or null. */
    after: text('after'),
    requestId: text('request_id'),
    /** SUCCESS, REJECTED (user errors), DENIED (not authorized) or ERROR (internal error). */
    outcome: text('outcome', { enum: ['SUCCESS', 'REJECTED', 'DENIED', 'ERROR'] }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_action_idx').on(t.action, t.seq), index('audit_log_actor_idx').on(t.actorId, t.seq)],
);
