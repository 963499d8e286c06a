import { sql } from 'drizzle-orm';
import { customType, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, instant, int, ref } from './columns.js';
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

/** Raw bytes (PostgreSQL `bytea`), a Buffer in TypeScript. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * PostgreSQL only (no SQLite twin: there the bytes are files on disk): the evidence files
 * themselves, kept by src/storage/pg-blob-store.ts, which documents the protocol. One row per
 * stored file (`sha256` set, unique) or per upload in progress (`sha256` NULL: staging, its
 * chunks written as they arrive). Installing an upload sets its `sha256` in one transaction, so a
 * crashed upload leaves only a staging row, removed once `touched_at` (the database's clock, in
 * milliseconds) is old enough. Unrelated to `blobs` by design: a row there is written by the
 * services in the upload's write transaction, a row here by the storage just before.
 */
export const blobFiles = pgTable(
  'blob_files',
  {
    id: id(),
    sha256: text('sha256'),
    sizeBytes: int('size_bytes').notNull().default(0),
    startedAt: instant('started_at').notNull(),
    touchedAt: instant('touched_at').notNull(),
  },
  (t) => [uniqueIndex('blob_files_sha256_unique').on(t.sha256), index('blob_files_staging_idx').on(t.touchedAt).where(sql`${t.sha256} IS NULL`)],
);

/** The bytes of a `blob_files` row in chunks of 1 MiB (the last one shorter), numbered from 0. */
export const blobFileChunks = pgTable(
  'blob_file_chunks',
  {
    fileId: ref('file_id')
      .notNull()
      .references(() => blobFiles.id, { onDelete: 'cascade' }),
    n: integer('n').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fileId, t.n] })],
);
