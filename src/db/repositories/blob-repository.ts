/**
 * All SQL about stored files (blobs) and their integrity history, plus the evidence lookups the
 * file workflow needs (by content address and by idempotency key).
 */
import { and, asc, count, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../store.js';
import type { blobIntegrityEvents, blobs } from '../schema/index.js';
import { execute, first, rows, sqlOf, tablesOf } from '../dialect.js';
import type { EvidenceRow } from '../rows.js';
import type { BlobIntegrityStatus, IntegrityCheckSource } from '../../domain/blobs.js';
import { firstRowsPerGroup } from './sql-helpers.js';

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

/** Rows per INSERT … SELECT FROM the rows of one JSON parameter (`sqlOf(db).jsonRows`). */
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
  private readonly t: ReturnType<typeof tablesOf>;

  constructor(private readonly db: Db) {
    this.t = tablesOf(db);
  }

  private inList(column: Parameters<ReturnType<typeof sqlOf>['inList']>[0], values: readonly (number | string)[]) {
    return sqlOf(this.db).inList(column, values);
  }

  async find(sha256: string): Promise<BlobRow | undefined> {
    const { blobs } = this.t;
    return first(this.db.select().from(blobs).where(eq(blobs.sha256, sha256)));
  }

  async findMany(shas: readonly string[]): Promise<BlobRow[]> {
    if (shas.length === 0) return [];
    const { blobs } = this.t;
    return this.db.select().from(blobs).where(this.inList(blobs.sha256, shas));
  }

  /** Up to `limit` rows after `after` (by sha256), for scans. */
  async page(after: string | null, limit: number): Promise<BlobRow[]> {
    const { blobs } = this.t;
    return this.db
      .select()
      .from(blobs)
      .where(after === null ? undefined : gt(blobs.sha256, after))
      .orderBy(asc(blobs.sha256))
      .limit(limit);
  }

  /**
   * Records a completed upload: inserts the row, or refreshes `lastUploadedAt` (and, since the
   * file was just rewritten from verified bytes, marks it INTACT). Returns the row before.
   */
  async recordUpload(sha256: string, sizeBytes: number, at: Date, by: string): Promise<{ before: BlobRow | undefined; row: BlobRow }> {
    const { blobs } = this.t;
    const before = await this.find(sha256);
    const check = { checkStatus: 'INTACT', checkSource: 'UPLOAD', checkedAt: at } as const;
    const row = before
      ? await first(this.db.update(blobs).set({ lastUploadedAt: at, ...check }).where(eq(blobs.sha256, sha256)).returning())
      : await first(this.db.insert(blobs).values({ sha256, sizeBytes, createdAt: at, createdBy: by, lastUploadedAt: at, ...check }).returning());
    return { before, row: row! };
  }

  /** Makes `check` the blob's latest check; returns the row after (undefined for an unknown blob). */
  async recordCheck(check: IntegrityCheck): Promise<BlobRow | undefined> {
    const { blobs } = this.t;
    return first(
      this.db
        .update(blobs)
        .set({ checkStatus: check.status, checkSource: check.source, checkedAt: check.at })
        .where(eq(blobs.sha256, check.sha256))
        .returning(),
    );
  }

  async insertEvent(check: IntegrityCheck): Promise<void> {
    await this.db.insert(this.t.blobIntegrityEvents).values(check);
  }

  /** Integrity events of the blobs, newest first, at most `perBlob` each. */
  async events(shas: readonly string[], perBlob: number): Promise<BlobIntegrityEventRow[]> {
    if (shas.length === 0) return [];
    const { blobIntegrityEvents } = this.t;
    return this.db
      .select()
      .from(blobIntegrityEvents)
      .where(
        firstRowsPerGroup(
          blobIntegrityEvents,
          blobIntegrityEvents.id,
          blobIntegrityEvents.sha256,
          [desc(blobIntegrityEvents.at), desc(blobIntegrityEvents.id)],
          this.inList(blobIntegrityEvents.sha256, shas),
          perBlob,
        ),
      )
      .orderBy(desc(blobIntegrityEvents.at), desc(blobIntegrityEvents.id));
  }

  /** Blobs no evidence refers to whose last upload is older than `cutoff`, oldest first. */
  async unreferencedBefore(cutoff: Date, limit: number): Promise<BlobRow[]> {
    const { blobs } = this.t;
    return this.db
      .select()
      .from(blobs)
      .where(and(lt(blobs.lastUploadedAt, cutoff), sql`NOT ${referenced}`))
      .orderBy(asc(blobs.lastUploadedAt), asc(blobs.sha256))
      .limit(limit);
  }

  /** Deletes the first `limit` rows of {@link unreferencedBefore} in one statement; returns them in that order. */
  async deleteUnreferencedBefore(cutoff: Date, limit: number): Promise<BlobRow[]> {
    const { blobs } = this.t;
    const oldest = this.db
      .select({ sha256: blobs.sha256 })
      .from(blobs)
      .where(and(lt(blobs.lastUploadedAt, cutoff), sql`NOT ${referenced}`))
      .orderBy(asc(blobs.lastUploadedAt), asc(blobs.sha256))
      .limit(limit);
    const deleted = await this.db.delete(blobs).where(inArray(blobs.sha256, oldest)).returning();
    return deleted.sort((a, b) => a.lastUploadedAt.getTime() - b.lastUploadedAt.getTime() || (a.sha256 < b.sha256 ? -1 : 1));
  }

  /** The subset of `shas` that have a row. */
  async existing(shas: readonly string[]): Promise<Set<string>> {
    if (shas.length === 0) return new Set();
    const { blobs } = this.t;
    const found = await this.db.select({ sha256: blobs.sha256 }).from(blobs).where(this.inList(blobs.sha256, shas));
    return new Set(found.map((r) => r.sha256));
  }

  /** Evidence items holding the file, oldest first. */
  async evidenceOf(sha256: string, limit = 100): Promise<EvidenceRow[]> {
    const { evidence } = this.t;
    return this.db.select().from(evidence).where(eq(evidence.sha256, sha256)).orderBy(asc(evidence.id)).limit(limit);
  }

  /**
   * Files evidence refers to that have no row here: never uploaded to this server (evidence
   * restored from a bundle, whose files travel separately). By hash; size as the evidence records it.
   */
  async referencedWithoutRow(): Promise<{ sha256: string; sizeBytes: number; evidenceCount: number }[]> {
    const { evidence } = this.t;
    return this.db
      .select({ sha256: sql<string>`${evidence.sha256}`, sizeBytes: sql<number>`coalesce(max(${evidence.sizeBytes}), 0)`.mapWith(Number), evidenceCount: count() })
      .from(evidence)
      .where(sql`${evidence.sha256} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = ${evidence.sha256})`)
      .groupBy(evidence.sha256)
      .orderBy(asc(evidence.sha256));
  }

  /** Up to `limit` rows that some evidence refers to, after `after` (by sha256). */
  async referencedPage(after: string | null, limit: number): Promise<BlobRow[]> {
    const { blobs } = this.t;
    return this.db
      .select()
      .from(blobs)
      .where(after === null ? referenced : and(referenced, gt(blobs.sha256, after)))
      .orderBy(asc(blobs.sha256))
      .limit(limit);
  }

  /** The evidence items holding any of the files, by file then id. */
  async evidenceHolding(shas: readonly string[]): Promise<EvidenceRow[]> {
    if (shas.length === 0) return [];
    const { evidence } = this.t;
    return this.db.select().from(evidence).where(this.inList(evidence.sha256, shas)).orderBy(asc(evidence.sha256), asc(evidence.id));
  }

  /** How many evidence items hold each of the files. */
  async evidenceCounts(shas: readonly string[]): Promise<Map<string, number>> {
    if (shas.length === 0) return new Map();
    const { evidence } = this.t;
    const counts = await this.db
      .select({ sha256: evidence.sha256, n: count() })
      .from(evidence)
      .where(this.inList(evidence.sha256, shas))
      .groupBy(evidence.sha256);
    return new Map(counts.map((r) => [r.sha256 ?? '', r.n]));
  }

  /** Evidence items by idempotency key. */
  async evidenceByIdempotencyKeys(keys: readonly string[]): Promise<EvidenceRow[]> {
    if (keys.length === 0) return [];
    const { evidence } = this.t;
    return this.db.select().from(evidence).where(this.inList(evidence.idempotencyKey, keys));
  }

  /**
   * Inserts evidence rows for a bulk attach with one statement per 1,000 rows (the rows travel
   * as one JSON parameter); returns the rows in input order. Ids are assigned in the order of the
   * SELECT, which follows the input.
   */
  async insertEvidence(values: readonly NewFileEvidence[]): Promise<EvidenceRow[]> {
    const { evidence } = this.t;
    const ids: number[] = [];
    for (let i = 0; i < values.length; i += INSERT_CHUNK) {
      const source = sqlOf(this.db).jsonRows(
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
      const inserted = await rows<{ id: number }>(
        this.db,
        sql`
        INSERT INTO evidence (kind, title, description, url, sha256, size_bytes, media_type, filename, collected_at,
          valid_until, status, ai_system_id, idempotency_key, created_by, created_at, updated_at)
        SELECT 'FILE', value ->> 0, value ->> 1, NULL, value ->> 2, CAST(value ->> 3 AS BIGINT), value ->> 4, value ->> 5,
          CAST(value ->> 6 AS BIGINT), CAST(value ->> 7 AS BIGINT), 'PENDING_REVIEW', CAST(value ->> 8 AS BIGINT), value ->> 9,
          value ->> 10, CAST(value ->> 11 AS BIGINT), CAST(value ->> 11 AS BIGINT)
        FROM ${source} ORDER BY key
        RETURNING id`,
      );
      ids.push(...inserted.map((r) => Number(r.id)).sort((a, b) => a - b));
    }
    const byId = new Map<number, EvidenceRow>();
    for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
      for (const row of await this.db.select().from(evidence).where(this.inList(evidence.id, ids.slice(i, i + INSERT_CHUNK)))) byId.set(row.id, row);
    }
    return ids.map((id) => byId.get(id)!);
  }

  /** Links evidence to controls ((evidence, control) pairs must be new and distinct). */
  async linkControls(pairs: readonly { evidenceId: number; controlId: number }[]): Promise<void> {
    for (let i = 0; i < pairs.length; i += LINK_CHUNK) {
      const source = sqlOf(this.db).jsonRows(pairs.slice(i, i + LINK_CHUNK).map((p) => [p.evidenceId, p.controlId]));
      await execute(this.db, sql`INSERT INTO evidence_controls (evidence_id, control_id) SELECT CAST(value ->> 0 AS BIGINT), CAST(value ->> 1 AS BIGINT) FROM ${source}`);
    }
  }

  /** Control row ids of each evidence item. */
  async controlIdsOf(evidenceIds: readonly number[]): Promise<Map<number, number[]>> {
    const result = new Map<number, number[]>(evidenceIds.map((id) => [id, []]));
    if (evidenceIds.length === 0) return result;
    const links = await rows<{ evidence_id: number; control_id: number }>(
      this.db,
      sql`SELECT evidence_id, control_id FROM evidence_controls WHERE ${this.inList(sql`evidence_id`, evidenceIds)}`,
    );
    for (const row of links) result.get(Number(row.evidence_id))?.push(Number(row.control_id));
    return result;
  }
}
