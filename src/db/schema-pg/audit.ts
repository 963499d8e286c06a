import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';

/**
 * PostgreSQL twin of src/db/schema/audit.ts (the rules are documented there). Append-only:
 * triggers (hand-written migration) make UPDATE, DELETE and TRUNCATE fail. The JSON columns are
 * `text`: the hash covers their exact characters.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    at: instant('at').notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    targetIds: text('target_ids').notNull(),
    before: text('before'),
    after: text('after'),
    requestId: text('request_id'),
    outcome: text('outcome', { enum: ['SUCCESS', 'REJECTED', 'DENIED', 'ERROR'] }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_action_idx').on(t.action, t.seq), index('audit_log_actor_idx').on(t.actorId, t.seq)],
);
