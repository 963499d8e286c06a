import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, instant } from './columns.js';
import { ROLES } from '../../domain/actor.js';

/**
 * API bearer tokens. Only the SHA-256 of a token is stored; the token itself is shown once.
 * A token may be scoped to some AI systems and/or controls (JSON arrays of row ids): it may then
 * attach evidence only there.
 */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: id(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The first characters of the token, to recognise it in listings. */
    prefix: text('prefix').notNull(),
    scopeAiSystemIds: text('scope_ai_system_ids', { mode: 'json' }).$type<number[]>(),
    scopeControlIds: text('scope_control_ids', { mode: 'json' }).$type<number[]>(),
    /** Set for the token taken from CROSSWALK_ADMIN_TOKEN. */
    fromEnvironment: integer('from_environment', { mode: 'boolean' }).notNull().default(false),
    expiresAt: instant('expires_at'),
    lastUsedAt: instant('last_used_at'),
    revokedAt: instant('revoked_at'),
    revokedBy: text('revoked_by'),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('api_tokens_created_idx').on(t.createdAt)],
);
