/**
 * Moves a SQLite deployment into an empty PostgreSQL database (`npm run cli -- migrate --to …`):
 * every table (tokens, the audit trail and history included), then the evidence files, in a way
 * that either completes or leaves the target without data.
 *
 * Rules:
 * - The source is read in one read transaction (a snapshot of one commit: ReadSnapshot), so the
 *   copy is consistent even if a server still runs on it; writes after the snapshot are not
 *   copied, which is why the documented procedure stops the server first. Its schema is brought
 *   up to date first, as the server does at start.
 * - The target is migrated, must hold no data (TARGET_NOT_EMPTY otherwise), and is written in one
 *   transaction (src/db/copy-to-postgres.ts says how). Nothing is committed unless every row and
 *   every file is copied and the audit chain on the target verifies exactly as on the source
 *   (entries, head hash, first broken entry: the same `verifyAuditTrail` as `auditVerify`).
 * - Evidence files: each file a `blobs` row of the snapshot names is streamed from the directory
 *   store into the database store (receive, hashed as it streams and refused unless it hashes to
 *   its name: SOURCE_FILE_CORRUPT; then install). A file the source lacks (never uploaded after a
 *   bundle restore, or lost) is counted and stays missing on the target, as on the source.
 *   Installed files commit on their own (the store's protocol): on failure they are removed again.
 */
import { SqliteStore } from '../db/sqlite-store.js';
import { ReadSnapshot } from '../db/read-snapshot.js';
import { COPIED_TABLES, CopyTargetNotOwnedError, PostgresCopyTarget } from '../db/copy-to-postgres.js';
import { AuditRepository } from '../db/repositories/audit-repository.js';
import { createBlobStorage } from '../storage/create-blob-storage.js';
import { UploadError, type BlobStorage } from '../storage/blob-storage.js';
import { openEvidenceFileStorage } from './evidence-files-storage.js';
import { verifyAuditTrail, type AuditVerification } from './audit-trail.js';

export type MigrationErrorCode = 'TARGET_NOT_EMPTY' | 'TARGET_NOT_OWNED' | 'SOURCE_FILE_CORRUPT' | 'AUDIT_CHAIN_MISMATCH';

/** A migration refused or undone for a reason the operator can fix (the message says how). */
export class MigrationError extends Error {
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface MigrationSource {
  /** The SQLite database file. */
  sqliteFile: string;
  /** The data directory whose `blobs/` holds the evidence files. */
  dataDir: string;
}

export interface MigrationSummary {
  /** Rows written per table, in the order copied. */
  tables: { name: string; rows: number }[];
  files: {
    copied: number;
    bytes: number;
    /** Files the source's rows name but its directory lacks (missing there too). */
    missing: number;
  };
  /** Identity sequences moved past the copied ids. */
  sequences: number;
  /** The audit trail as verified on the target (equal to the source's). */
  audit: AuditVerification;
}

export async function migrateToPostgres(source: MigrationSource, targetUrl: string, onTable?: (name: string, rows: number) => void): Promise<MigrationSummary> {
  // Brings the source's schema up to date (the copy reads it through the current schema).
  await SqliteStore.open(source.sqliteFile).close();
  const snapshot = ReadSnapshot.open(source.sqliteFile);
  let target: PostgresCopyTarget | undefined;
  let targetFiles: Awaited<ReturnType<typeof openEvidenceFileStorage>> | undefined;
  let filesWritten = false;
  try {
    target = await PostgresCopyTarget.open(targetUrl).catch(rethrowNotOwned);
    const occupied = await target.firstNonEmptyTable();
    if (occupied !== null) {
      throw new MigrationError(
        'TARGET_NOT_EMPTY',
        `the target database already holds data (table ${occupied} has rows), so nothing was copied: ` +
          'migrate into a new, empty database (CREATE DATABASE …), or drop this one and create it again',
      );
    }
    await target.disableTriggers().catch(rethrowNotOwned);
    targetFiles = await openEvidenceFileStorage({ dataDir: source.dataDir, databaseUrl: targetUrl });
    const sourceFiles = createBlobStorage({ kind: 'directory', dataDir: source.dataDir });
    const files = { copied: 0, bytes: 0, missing: 0 };
    const tables: MigrationSummary['tables'] = [];
    for (const table of COPIED_TABLES) {
      const rows = await target.copy(snapshot.db, table, async (batch) => {
        if (table.name !== 'blobs') return;
        filesWritten = true;
        for (const row of batch) await copyFile(row.sha256 as string, sourceFiles, targetFiles!.storage, files, source.dataDir);
      });
      tables.push({ name: table.name, rows });
      onTable?.(table.name, rows);
    }
    const sequences = await target.finish();
    const expected = await verifyAuditTrail(new AuditRepository(snapshot.db));
    const audit = await verifyAuditTrail(new AuditRepository(target.db));
    if (audit.entries !== expected.entries || audit.headHash !== expected.headHash || audit.firstBrokenSeq !== expected.firstBrokenSeq) {
      throw new MigrationError(
        'AUDIT_CHAIN_MISMATCH',
        `the audit trail on the target (${describeChain(audit)}) differs from the source's (${describeChain(expected)}), so nothing was committed: ` +
          'report this as a bug with both descriptions',
      );
    }
    await target.commit();
    filesWritten = false;
    return { tables, files, sequences, audit };
  } finally {
    await target?.close();
    snapshot.close();
    if (filesWritten && targetFiles) await removeAll(targetFiles.storage).catch(() => undefined);
    await targetFiles?.close();
  }
}

/** A role that lacks privileges on the target, as TARGET_NOT_OWNED. */
function rethrowNotOwned(error: unknown): never {
  if (!(error instanceof CopyTargetNotOwnedError)) throw error;
  throw new MigrationError(
    'TARGET_NOT_OWNED',
    `the role in --to may not migrate the target or does not own its tables (${error.message}), so nothing was copied: ` +
      'connect as the role that owns the database and its tables, or create the database with that role as its owner (CREATE DATABASE … OWNER …), and run again',
  );
}

/** Streams one file from the directory store into the database store, verifying its hash. */
async function copyFile(sha256: string, from: BlobStorage, to: BlobStorage, files: MigrationSummary['files'], dataDir: string): Promise<void> {
  const opened = await from.openRead(sha256);
  if (opened === null) {
    files.missing++;
    return;
  }
  try {
    const received = await to.receive(opened.stream as AsyncIterable<Buffer>, { maxBytes: Number.MAX_SAFE_INTEGER, expectedSha256: sha256 });
    await to.install(received);
    files.copied++;
    files.bytes += received.size;
  } catch (error) {
    opened.stream.destroy();
    if (error instanceof UploadError) {
      throw new MigrationError(
        'SOURCE_FILE_CORRUPT',
        `the evidence file ${sha256} in ${dataDir}/blobs is damaged (${error.message}), so nothing was committed: ` +
          'run `npm run cli -- blobs scan`, upload the file again (PUT /v1/blobs) or remove the evidence holding it, then migrate again',
      );
    }
    throw error;
  }
}

/** Removes every file from the target's store (only ever one this migration found without data). */
async function removeAll(storage: BlobStorage): Promise<void> {
  for await (const sha256 of storage.listFiles()) await storage.remove(sha256);
}

const describeChain = (v: AuditVerification): string =>
  `${v.entries} entries, head ${v.headHash}${v.firstBrokenSeq === null ? ', intact' : `, broken at seq ${v.firstBrokenSeq}`}`;
