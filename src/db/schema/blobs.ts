import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, instant } from './columns.js';
import { BLOB_INTEGRITY_STATUSES, INTEGRITY_CHECK_SOURCES } from '../../domain/blobs.js';

/**
 * The files stored under `<data dir>/blobs/sha256/<2 hex>/<sha256>`, one row per content. A row
 * exists exactly when its file was made durable (the upload renames the file into place and
 * writes the row in one write transaction). FILE evidence refers to a row by `evidence.sha256`.
 * `lastUploadedAt` is refreshed by every upload of the same bytes: garbage collection removes
 * only files no evidence refers to and nobody uploaded within the grace period.
 * The `check*` columns hold the latest integrity check (the upload itself is the first one).
 */
export const blobs = sqliteTable(
  'blobs',
  {
    sha256: text('sha256').primaryKey(),
    sizeBytes: integer('size_bytes').notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    lastUploadedAt: instant('last_uploaded_at').notNull(),
    checkStatus: text('check_status', { enum: BLOB_INTEGRITY_STATUSES }).notNull(),
    checkSource: text('check_source', { enum: INTEGRITY_CHECK_SOURCES }).notNull(),
    checkedAt: instant('checked_at').notNull(),
  },
  (t) => [index('blobs_last_uploaded_idx').on(t.lastUploadedAt), index('blobs_check_status_idx').on(t.checkStatus)],
);

/**
 * Integrity history of stored files: every failed check (MISSING, CORRUPT), and every check
 * that found a file intact again after a failure (e.g. a re-upload that repaired it). Kept as
 * long as the blob row; removed with it.
 */
export const blobIntegrityEvents = sqliteTable(
  'blob_integrity_events',
  {
    id: id(),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256, { onDelete: 'cascade' }),
    status: text('status', { enum: BLOB_INTEGRITY_STATUSES }).notNull(),
    source: text('source', { enum: INTEGRITY_CHECK_SOURCES }).notNull(),
    /** What was found, e.g. the SHA-256 and size actually read. */
    detail: text('detail').notNull().default(''),
    at: instant('at').notNull(),
    /** Who triggered the check (actor id). */
    actorId: text('actor_id').notNull(),
  },
  (t) => [index('blob_integrity_events_sha_idx').on(t.sha256, t.at)],
);
