import { boolean, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { id, instant } from './columns.js';
import { ROLES } from '../../domain/actor.js';

/** PostgreSQL twin of src/db/schema/tokens.ts (the rules are documented there). */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    tokenHash: text('token_hash').notNull().unique('api_tokens_token_hash_unique'),
    prefix: text('prefix').notNull(),
    scopeAiSystemIds: jsonb('scope_ai_system_ids').$type<number[]>(),
    scopeControlIds: jsonb('scope_control_ids').$type<number[]>(),
    fromEnvironment: boolean('from_environment').notNull().default(false),
    expiresAt: instant('expires_at'),
    lastUsedAt: instant('last_used_at'),
    revokedAt: instant('revoked_at'),
    revokedBy: text('revoked_by'),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('api_tokens_created_idx').on(t.createdAt)],
);
