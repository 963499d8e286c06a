/**
 * All SQL about stored files (blobs) and their integrity history, plus the evidence lookups the
 * file workflow needs (by content address and by idempotency key).
 */
import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../store.js';
import { blobIntegrityEvents, blobs, evidence } from '../schema/index.js';
import type { EvidenceRow } from '../rows.js';
import type { BlobIntegrityStatus, IntegrityCheckSource } from '../../domain/blobs.js';
import { firstRowsPerGroup, inList } from './sql-helpers.js';

export type BlobRow = typeof blobs.$inferSelect;
export type BlobIntegrityEventRow = typeof blobIntegrityEvents.$inferSelect;

export interface IntegrityCheck {
  sha256: string;
  status: BlobIntegrityStatus;
  source: IntegrityCheckSource;
  detail: string;
  at: Date;
  actorId: string;
}

/** Rows per INSERT … SELECT FROM json_each (one parameter each). */
const INSERT_CHUNK = 1_000;
const LINK_CHUNK = 10_000;

/** A new FILE evidence item (PENDING_REVIEW) of a bulk attach. */
export interface NewFileEvidence {
  title: string;
  description: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
  filename: string;
  collectedAt: Date;
  validUntil: Date | null;
  aiSystemId: number | null;
  idempotencyKey: string | null;
  createdBy: string;
  createdAt: Date;
}

/** `evidence.sha256 = blobs.sha256` for some evidence item. */
const referenced = sql`EXISTS (SELECT 1 FROM evidence e WHERE e.sha256 = "blobs"."sha256")`;

export class BlobRepository {
  constructor(private readonly db: Db) {}

  async find(sha256: string): Promise<BlobRow | undefined> {
    return this.db.select().from(blobs).where(eq(blobs.sha256, sha256)).get();
  }

  async findMany(shas: readonly string[]): Promise<BlobRow[]> {
    if (shas.length === 0) return [];
    return this.db.select().from(blobs).where(inList(blobs.sha256, shas)).all();
  }

  /** Up to `limit` rows after `after` (by sha256), for scans. */
  async page(after: string | null, limit: number): Promise<BlobRow[]> {
    return this.db
      .select()
      .from(blobs)
      .where(after === null ? undefined : gt(blobs.sha256, after))
      .orderBy(asc(blobs.sha256))
      .limit(limit)
      .all();
  }

  /**
   * Records a completed upload: inserts the row, or refreshes `lastUploadedAt` (and, since the
   * file was just rewritten from verified bytes, marks it INTACT). Returns the row before.
   */
  async recordUpload(sha256: string, sizeBytes: number, at: Date, by: string): Promise<{ before: BlobRow | undefined; row: BlobRow }> {
    const before = await this.find(sha256);
    const check = { checkStatus: 'INTACT', checkSource: 'UPLOAD', checkedAt: at } as const;
    const row = before
      ? this.db.update(blobs).set({ lastUploadedAt: at, ...check }).where(eq(blobs.sha256, sha256)).returning().get()
      : this.db.insert(blobs).values({ sha256, sizeBytes, createdAt: at, createdBy: by, lastUploadedAt: at, ...check }).returning().get();
    return { before, row };
  }

  /** Makes `check` the blob's latest check; returns the row after (undefined for an unknown blob). */
  async recordCheck(check: IntegrityCheck): Promise<BlobRow | undefined> {
    return this.db
      .update(blobs)
      .set({ checkStatus: check.status, checkSource: check.source, checkedAt: check.at })
      .where(eq(blobs.sha256, check.sha256))
      .returning()
      .get();
  }

  async insertEvent(check: IntegrityCheck): Promise<void> {
    this.db.insert(blobIntegrityEvents).values(check).run();
  }

  /** Integrity events of the blobs, newest first, at most `perBlob` each. */
  async events(shas: readonly string[], perBlob: number): Promise<BlobIntegrityEventRow[]> {
    if (shas.length === 0) return [];
    return this.db
      .select()
      .from(blobIntegrityEvents)
      .where(
        firstRowsPerGroup(
          blobIntegrityEvents,
          blobIntegrityEvents.id,
          blobIntegrityEvents.sha256,
          [desc(blobIntegrityEvents.at), desc(blobIntegrityEvents.id)],
          inList(blobIntegrityEvents.sha256, shas),
          perBlob,
        ),
      )
      .orderBy(desc(blobIntegrityEvents.at), desc(blobIntegrityEvents.id))
      .all();
  }

  /** Blobs no evidence refers to whose last upload is older than `cutoff`, oldest first. */
  async unreferencedBefore(cutoff: Date, limit: number): Promise<BlobRow[]> {
    return this.db
      .select()
      .from(blobs)
      .where(and(lt(blobs.lastUploadedAt, cutoff), sql`NOT ${referenced}`))
      .orderBy(asc(blobs.lastUploadedAt), asc(blobs.sha256))
      .limit(limit)
      .all();
  }

  /** Deletes the first `limit` rows of {@link unreferencedBefore} in one statement; returns them in that order. */
  async deleteUnreferencedBefore(cutoff: Date, limit: number): Promise<BlobRow[]> {
    const oldest = this.db
      .select({ sha256: blobs.sha256 })
      .from(blobs)
      .where(and(lt(blobs.lastUploadedAt, cutoff), sql`NOT ${referenced}`))
      .orderBy(asc(blobs.lastUploadedAt), asc(blobs.sha256))
      .limit(limit);
    return this.db
      .delete(blobs)
      .where(inArray(blobs.sha256, oldest))
      .returning()
      .all()
      .sort((a, b) => a.lastUploadedAt.getTime() - b.lastUploadedAt.getTime() || (a.sha256 < b.sha256 ? -1 : 1));
  }

  /** The subset of `shas` that have a row. */
  async existing(shas: readonly string[]): Promise<Set<string>> {
    if (shas.length === 0) return new Set();
    const rows = this.db.select({ sha256: blobs.sha256 }).from(blobs).where(inList(blobs.sha256, shas)).all();
    return new Set(rows.map((r) => r.sha256));
  }

  /** Evidence items holding the file, oldest first. */
  async evidenceOf(sha256: string, limit = 100): Promise<EvidenceRow[]> {
    return this.db.select().from(evidence).where(eq(evidence.sha256, sha256)).orderBy(asc(evidence.id)).limit(limit).all();
  }

  /**
   * Files evidence refers to that have no row here: never uploaded to this server (evidence
   * restored from a bundle, whose files travel separately). By hash; size as the evidence records it.
   */
  async referencedWithoutRow(): Promise<{ sha256: string; sizeBytes: number; evidenceCount: number }[]> {
    return this.db
      .select({ sha256: sql<string>`${evidence.sha256}`, sizeBytes: sql<number>`coalesce(max(${evidence.sizeBytes}), 0)`, evidenceCount: sql<number>`count(*)` })
      .from(evidence)
      .where(sql`${evidence.sha256} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = ${evidence.sha256})`)
      .groupBy(evidence.sha256)
      .orderBy(asc(evidence.sha256))
      .all();
  }

  /** Up to `limit` rows that some evidence refers to, after `after` (by sha256). */
  async referencedPage(after: string | null, limit: number): Promise<BlobRow[]> {
    return this.db
      .select()
      .from(blobs)
      .where(after === null ? referenced : and(referenced, gt(blobs.sha256, after)))
      .orderBy(asc(blobs.sha256))
      .limit(limit)
      .all();
  }

  /** The evidence items holding any of the files, by file then id. */
  async evidenceHolding(shas: readonly string[]): Promise<EvidenceRow[]> {
    if (shas.length === 0) return [];
    return this.db.select().from(evidence).where(inList(evidence.sha256, shas)).orderBy(asc(evidence.sha256), asc(evidence.id)).all();
  }

  /** How many evidence items hold each of the files. */
  async evidenceCounts(shas: readonly string[]): Promise<Map<string, number>> {
    if (shas.length === 0) return new Map();
    const rows = this.db
      .select({ sha256: evidence.sha256, n: sql<number>`count(*)` })
      .from(evidence)
      .where(inList(evidence.sha256, shas))
      .groupBy(evidence.sha256)
      .all();
    return new Map(rows.map((r) => [r.sha256 ?? '', r.n]));
  }

  /** Evidence items by idempotency key. */
  async evidenceByIdempotencyKeys(keys: readonly string[]): Promise<EvidenceRow[]> {
    if (keys.length === 0) return [];
    return this.db.select().from(evidence).where(inList(evidence.idempotencyKey, keys)).all();
  }

  /**
   * Inserts evidence rows for a bulk attach with one statement per 1,000 rows (the rows travel
   * as one JSON parameter); returns the rows in input order. Ids are assigned in the order of the
   * SELECT, which follows the input.
   */
  async insertEvidence(values: readonly NewFileEvidence[]): Promise<EvidenceRow[]> {
    const ids: number[] = [];
    for (let i = 0; i < values.length; i += INSERT_CHUNK) {
      const json = JSON.stringify(
        values.slice(i, i + INSERT_CHUNK).map((v) => [
          v.title,
          v.description,
          v.sha256,
          v.sizeBytes,
          v.mediaType,
          v.filename,
          v.collectedAt.getTime(),
          v.validUntil?.getTime() ?? null,
          v.aiSystemId,
          v.idempotencyKey,
          v.createdBy,
          v.createdAt.getTime(),
        ]),
      );
      const inserted = this.db.all<{ id: number }>(sql`
        INSERT INTO evidence (kind, title, description, url, sha256, size_bytes, media_type, filename, collected_at,
          valid_until, status, ai_system_id, idempotency_key, created_by, created_at, updated_at)
        SELECT 'FILE', value ->> 0, value ->> 1, NULL, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6,
          value ->> 7, 'PENDING_REVIEW', value ->> 8, value ->> 9, value ->> 10, value ->> 11, value ->> 11
        FROM json_each(${json}) ORDER BY key
        RETURNING id`);
      ids.push(...inserted.map((r) => r.id).sort((a, b) => a - b));
    }
    const rows = new Map<number, EvidenceRow>();
    for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
      for (const row of this.db.select().from(evidence).where(inList(evidence.id, ids.slice(i, i + INSERT_CHUNK))).all()) rows.set(row.id, row);
    }
    return ids.map((id) => rows.get(id)!);
  }

  /** Links evidence to controls ((evidence, control) pairs must be new and distinct). */
  async linkControls(pairs: readonly { evidenceId: number; controlId: number }[]): Promise<void> {
    for (let i = 0; i < pairs.length; i += LINK_CHUNK) {
      const json = JSON.stringify(pairs.slice(i, i + LINK_CHUNK).map((p) => [p.evidenceId, p.controlId]));
      this.db.run(sql`INSERT INTO evidence_controls (evidence_id, control_id) SELECT value ->> 0, value ->> 1 FROM json_each(${json})`);
    }
  }

  /** Control row ids of each evidence item. */
  async controlIdsOf(evidenceIds: readonly number[]): Promise<Map<number, number[]>> {
    const result = new Map<number, number[]>(evidenceIds.map((id) => [id, []]));
    if (evidenceIds.length === 0) return result;
    const rows = this.db.all<{ evidence_id: number; control_id: number }>(
      sql`SELECT evidence_id, control_id FROM evidence_controls WHERE ${inList(sql`evidence_id`, evidenceIds)}`,
    );
    for (const row of rows) result.get(row.evidence_id)?.push(row.control_id);
    return result;
  }
}
