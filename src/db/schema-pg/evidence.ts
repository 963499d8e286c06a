import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { id, instant, int, ref, timestamps } from './columns.js';
import { EVIDENCE_KINDS, EVIDENCE_STATUSES } from '../../domain/vocabulary.js';
import { controls } from './controls.js';
import { aiSystems } from './ai-systems.js';

/** Set on rows restored from a bundle (src/db/schema/evidence.ts). */
const restoration = () => ({
  restoredBy: text('restored_by'),
  restoredFrom: text('restored_from'),
  restoredAt: instant('restored_at'),
});

/** PostgreSQL twin of src/db/schema/evidence.ts (the rules are documented there). */
export const evidence = pgTable(
  'evidence',
  {
    id: id(),
    kind: text('kind', { enum: EVIDENCE_KINDS }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    url: text('url'),
    sha256: text('sha256'),
    sizeBytes: int('size_bytes'),
    mediaType: text('media_type'),
    filename: text('filename'),
    collectedAt: instant('collected_at').notNull(),
    validUntil: instant('valid_until'),
    status: text('status', { enum: EVIDENCE_STATUSES }).notNull(),
    reviewedBy: text('reviewed_by'),
    reviewedAt: instant('reviewed_at'),
    reviewComment: text('review_comment'),
    aiSystemId: ref('ai_system_id').references(() => aiSystems.id, { onDelete: 'restrict' }),
    idempotencyKey: text('idempotency_key').unique('evidence_idempotency_key_unique'),
    createdBy: text('created_by').notNull(),
    ...restoration(),
    ...timestamps(),
  },
  (t) => [
    index('evidence_status_idx').on(t.status),
    index('evidence_valid_until_idx').on(t.validUntil),
    index('evidence_ai_system_idx').on(t.aiSystemId),
    index('evidence_sha256_idx').on(t.sha256),
    // The columns the coverage engine reads (SQLite: a covering index with the rowid).
    index('evidence_coverage_idx').on(t.createdAt, t.collectedAt, t.validUntil, t.aiSystemId),
  ],
);

export const evidenceControls = pgTable(
  'evidence_controls',
  {
    evidenceId: ref('evidence_id')
      .notNull()
      .references(() => evidence.id, { onDelete: 'cascade' }),
    controlId: ref('control_id')
      .notNull()
      .references(() => controls.id, { onDelete: 'restrict' }),
  },
  (t) => [
    primaryKey({ columns: [t.evidenceId, t.controlId] }),
    index('evidence_controls_control_idx').on(t.controlId, t.evidenceId),
  ],
);

export const evidenceReviews = pgTable(
  'evidence_reviews',
  {
    id: id(),
    evidenceId: ref('evidence_id')
      .notNull()
      .references(() => evidence.id, { onDelete: 'cascade' }),
    status: text('status', { enum: EVIDENCE_STATUSES }).notNull(),
    comment: text('comment').notNull().default(''),
    reviewedAt: instant('reviewed_at').notNull(),
    reviewedBy: text('reviewed_by').notNull(),
    ...restoration(),
  },
  (t) => [index('evidence_reviews_evidence_idx').on(t.evidenceId, t.reviewedAt)],
);
