import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, instant, timestamps } from './columns.js';
import { EVIDENCE_KINDS, EVIDENCE_STATUSES } from '../../domain/vocabulary.js';
import { controls } from './controls.js';
import { aiSystems } from './ai-systems.js';

/**
 * Set on rows restored from a bundle (null on rows made here): who restored them, from which
 * bundle (`sha256:<hex>` of the file, with its name when known) and when. The row's own
 * attribution (createdBy, reviewedBy, the instants) is then what the bundle claims.
 */
const restoration = () => ({
  restoredBy: text('restored_by'),
  restoredFrom: text('restored_from'),
  restoredAt: instant('restored_at'),
});

/**
 * An item of evidence behind one or more controls. The review fields hold the latest review;
 * every review is kept in evidence_reviews.
 */
export const evidence = sqliteTable(
  'evidence',
  {
    id: id(),
    kind: text('kind', { enum: EVIDENCE_KINDS }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    url: text('url'),
    sha256: text('sha256'),
    sizeBytes: integer('size_bytes'),
    mediaType: text('media_type'),
    filename: text('filename'),
    collectedAt: instant('collected_at').notNull(),
    validUntil: instant('valid_until'),
    status: text('status', { enum: EVIDENCE_STATUSES }).notNull(),
    reviewedBy: text('reviewed_by'),
    reviewedAt: instant('reviewed_at'),
    reviewComment: text('review_comment'),
    aiSystemId: integer('ai_system_id').references(() => aiSystems.id, { onDelete: 'restrict' }),
    idempotencyKey: text('idempotency_key').unique(),
    createdBy: text('created_by').notNull(),
    ...restoration(),
    ...timestamps(),
  },
  (t) => [
    index('evidence_status_idx').on(t.status),
    index('evidence_valid_until_idx').on(t.validUntil),
    index('evidence_ai_system_idx').on(t.aiSystemId),
    index('evidence_sha256_idx').on(t.sha256),
    // Covers every column the coverage engine reads (with the rowid), so that loading the
    // coverage graph scans this index rather than the wide table.
    index('evidence_coverage_idx').on(t.createdAt, t.collectedAt, t.validUntil, t.aiSystemId),
  ],
);

export const evidenceControls = sqliteTable(
  'evidence_controls',
  {
    evidenceId: integer('evidence_id')
      .notNull()
      .references(() => evidence.id, { onDelete: 'cascade' }),
    controlId: integer('control_id')
      .notNull()
      .references(() => controls.id, { onDelete: 'restrict' }),
  },
  (t) => [
    primaryKey({ columns: [t.evidenceId, t.controlId] }),
    index('evidence_controls_control_idx').on(t.controlId, t.evidenceId),
  ],
);

/** Append-only review history of evidence. */
export const evidenceReviews = sqliteTable(
  'evidence_reviews',
  {
    id: id(),
    evidenceId: integer('evidence_id')
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
