import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { id, instant, int } from './columns.js';
import { BLOB_INTEGRITY_STATUSES, INTEGRITY_CHECK_SOURCES } from '../../domain/blobs.js';

/** PostgreSQL twin of src/db/schema/blobs.ts (the rules are documented there). */
export const blobs = pgTable(
  'blobs',
  {
    sha256: text('sha256').primaryKey(),
    sizeBytes: int('size_bytes').notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    lastUploadedAt: instant('last_uploaded_at').notNull(),
    checkStatus: text('check_status', { enum: BLOB_INTEGRITY_STATUSES }).notNull(),
    checkSource: text('check_source', { enum: INTEGRITY_CHECK_SOURCES }).notNull(),
    checkedAt: instant('checked_at').notNull(),
  },
  (t) => [index('blobs_last_uploaded_idx').on(t.lastUploadedAt), index('blobs_check_status_idx').on(t.checkStatus)],
);

export const blobIntegrityEvents = pgTable(
  'blob_integrity_events',
  {
    id: id(),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256, { onDelete: 'cascade' }),
    status: text('status', { enum: BLOB_INTEGRITY_STATUSES }).notNull(),
    source: text('source', { enum: INTEGRITY_CHECK_SOURCES }).notNull(),
    detail: text('detail').notNull().default(''),
    at: instant('at').notNull(),
    actorId: text('actor_id').notNull(),
  },
  (t) => [index('blob_integrity_events_sha_idx').on(t.sha256, t.at)],
);
