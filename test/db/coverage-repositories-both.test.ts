/**
 * The coverage, data-size, history and blob repositories answer the same on SQLite and on
 * PostgreSQL: the same rows are written to a SQLite store and to a migrated PostgreSQL database
 * (plain inserts through the handle's tables), then both are read through the same repository
 * code and the answers compared:
 * - the coverage graph snapshot (every column of every engine table, the baseline exclusions,
 *   the AI system ids, the framework rows, the not-withdrawn count, the change log's revision);
 * - after a write, the graph version advances on both, the snapshot is patched from the change
 *   log (only the changed tables re-read) and equals a full read of the same data; the token
 *   lookup that reads the graph version in the same statement reads the same version;
 * - recorded coverage history (pages and count), the data size and its version, the bulk attach
 *   of evidence files (JSON rows) and the blob lookups;
 * - the bundle's rows (in a read transaction and in a restore's write transaction) and its
 *   restore writes, the export reads, and a read snapshot on PostgreSQL that keeps seeing the
 *   same commit while another is made;
 * - on PostgreSQL, reads grouped to run at once (together) run on several connections that all
 *   see the transaction's snapshot, not a commit made after it began.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../../src/db/store.js';
import * as pgSchema from '../../src/db/schema-pg/index.js';
import { tablesOf } from '../../src/db/dialect.js';
import { CoverageRepository, graphIncludes, type CoverageGraphSnapshot, type TableColumns } from '../../src/db/repositories/coverage-repository.js';
import { DataSizeRepository } from '../../src/db/repositories/data-size-repository.js';
import { TokenRepository } from '../../src/db/repositories/token-repository.js';
import { BlobRepository, type NewFileEvidence } from '../../src/db/repositories/blob-repository.js';
import { BundleRepository } from '../../src/db/repositories/bundle-repository.js';
import { ExportReadRepository } from '../../src/db/repositories/export-read-repository.js';
import { PostgresReadSnapshot } from '../../src/db/read-snapshot.js';
import { inReadTransaction, select, step, together, type Read } from '../../src/db/repositories/coverage/dialect-reads.js';
import { sql } from 'drizzle-orm';
import { createMigratedDatabase, startPostgres, type TestDatabase, type TestPostgres } from '../support/postgres.js';
import { openTempStore } from '../support/temp-store.js';

interface Backend {
  readonly name: 'sqlite' | 'postgres';
  /** Reads outside a transaction (the store's read connection; the pool). */
  readonly db: Db;
  /** One write transaction. */
  write<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
}

let server: TestPostgres;
let database: TestDatabase;
let pool: pg.Pool;
let sqliteStore: ReturnType<typeof openTempStore>;
let backends: Backend[];

beforeAll(async () => {
  server = await startPostgres();
  database = await createMigratedDatabase(server);
  // int8 (count(*), bigint columns in raw SQL) as Number, for this pool only.
  pool = new pg.Pool({
    connectionString: database.url,
    types: { getTypeParser: ((oid: number, format?: string) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser },
  });
  const pgDb = drizzle(pool, { schema: pgSchema }) as unknown as Db;
  sqliteStore = openTempStore();
  const { store } = sqliteStore;
  backends = [
    { name: 'sqlite', db: store.read, write: (fn) => store.transaction(fn) },
    { name: 'postgres', db: pgDb, write: (fn) => (pgDb as unknown as { transaction<T>(f: (tx: Db) => Promise<T>): Promise<T> }).transaction(fn) },
  ];
  for (const backend of backends) await backend.write(seed);
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await database?.drop();
  await server?.stop();
  await sqliteStore?.dispose();
});

const at = (day: number): Date => new Date(Date.UTC(2026, 0, day));
const by = 'test';

/** The same graph on each backend: ids are assigned in insert order, so they agree too. */
async function seed(tx: Db): Promise<void> {
  const t = tablesOf(tx);
  const stamp = { createdAt: at(1), updatedAt: at(1) };
  const [f1] = await tx.insert(t.frameworks).values({ refId: 'F1', name: 'Framework', kind: 'STANDARD', ...stamp }).returning();
  const [f2] = await tx.insert(t.frameworks).values({ refId: 'T1', name: 'Threats', kind: 'THREAT_CATALOG', ...stamp }).returning();
  const [r1] = await tx.insert(t.requirements).values({ frameworkId: f1!.id, refId: 'R1', ...stamp }).returning();
  const [r2] = await tx.insert(t.requirements).values({ frameworkId: f1!.id, parentId: r1!.id, refId: 'R2', sortOrder: 1, ...stamp }).returning();
  const [r3] = await tx.insert(t.requirements).values({ frameworkId: f1!.id, refId: 'R3', withdrawn: true, sortOrder: 2, ...stamp }).returning();
  const [c1] = await tx.insert(t.controls).values({ refId: 'C1', title: 'One', domain: 'Gov', type: 'PREVENTIVE', implementationStatus: 'IMPLEMENTED', ...stamp }).returning();
  const [c2] = await tx.insert(t.controls).values({ refId: 'C2', title: 'Two', domain: 'Ops', type: 'DETECTIVE', implementationStatus: 'PLANNED', ...stamp }).returning();
  const [s1] = await tx.insert(t.aiSystems).values({ name: 'S1', riskLevel: 'HIGH', role: 'PROVIDER', ...stamp }).returning();
  await tx.insert(t.aiSystemFrameworks).values({ aiSystemId: s1!.id, frameworkId: f1!.id, createdAt: at(2), createdBy: by });
  const [m1] = await tx
    .insert(t.mappings)
    .values({ requirementId: r1!.id, controlId: c1!.id, relationship: 'EQUAL', createdAt: at(2), createdBy: by, updatedAt: at(2) })
    .returning();
  const [m2] = await tx
    .insert(t.mappings)
    .values({ requirementId: r2!.id, controlId: c2!.id, relationship: 'SUBSET_OF', createdAt: at(2), createdBy: by, updatedAt: at(2) })
    .returning();
  await tx.insert(t.mappingRevisions).values([
    { mappingId: m1!.id, relationship: 'EQUAL', validFrom: at(2), changedBy: by },
    { mappingId: m2!.id, relationship: 'SUBSET_OF', validFrom: at(2), changedBy: by },
  ]);
  await tx
    .insert(t.requirementLinks)
    .values({ sourceRequirementId: r2!.id, targetRequirementId: r1!.id, relationship: 'INTERSECTS_WITH', createdAt: at(2), createdBy: by, updatedAt: at(2) });
  await tx.insert(t.controlStatusChanges).values({ controlId: c1!.id, aiSystemId: null, fromStatus: null, toStatus: 'IMPLEMENTED', changedAt: at(3), changedBy: by });
  const [e1] = await tx
    .insert(t.evidence)
    .values({ kind: 'LINK', title: 'Policy', url: 'https://example.org/p', collectedAt: at(3), validUntil: at(300), status: 'ACCEPTED', createdBy: by, ...stamp })
    .returning();
  const [e2] = await tx
    .insert(t.evidence)
    .values({ kind: 'ATTESTATION', title: 'Note', collectedAt: at(4), status: 'PENDING_REVIEW', aiSystemId: s1!.id, createdBy: by, ...stamp })
    .returning();
  await tx.insert(t.evidenceControls).values([
    { evidenceId: e1!.id, controlId: c1!.id },
    { evidenceId: e2!.id, controlId: c2!.id },
  ]);
  await tx.insert(t.evidenceReviews).values({ evidenceId: e1!.id, status: 'ACCEPTED', reviewedAt: at(5), reviewedBy: by });
  await tx.insert(t.notApplicableMarks).values({ requirementId: r3!.id, aiSystemId: s1!.id, justification: 'n/a', createdAt: at(3), createdBy: by });
  const [t1] = await tx.insert(t.threats).values({ frameworkId: f2!.id, refId: 'TH1', name: 'Threat', ...stamp }).returning();
  await tx.insert(t.threatRequirements).values({ threatId: t1!.id, requirementId: r1!.id, createdAt: at(3), createdBy: by });
  const [b1] = await tx.insert(t.baselines).values({ refId: 'B1', frameworkId: f1!.id, name: 'Low', ...stamp }).returning();
  await tx.insert(t.baselineRequirements).values({ baselineId: b1!.id, requirementId: r1!.id, addedAt: at(2), addedBy: by });
  await tx.insert(t.baselineApplications).values({ baselineId: b1!.id, aiSystemId: null, createdAt: at(3), createdBy: by });
}

/** Rows of a table, sorted: row order is the scan's (rowid order on SQLite, heap order on PostgreSQL), not part of the answer. */
function sortedRows(table: TableColumns): number[][] {
  const rows = Array.from({ length: table.n }, (_, r) => table.columns.map((c) => c[r]!));
  const key = (row: number[]) => row.map((v) => (Number.isNaN(v) ? -Infinity : v));
  return rows.sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return 0;
  });
}

/** A snapshot as plain data (each table's rows sorted, NaN kept), for comparing across backends. */
function plain(snapshot: CoverageGraphSnapshot) {
  return {
    tables: Object.fromEntries([...snapshot.tables].map(([name, table]) => [name, sortedRows(table)])),
    baselineExclusions: snapshot.baselineExclusions,
    aiSystemIds: snapshot.aiSystemIds,
    frameworkRows: snapshot.frameworkRows,
    requirementsNotWithdrawn: snapshot.requirementsNotWithdrawn,
    tracked: snapshot.version.tracked,
    revision: snapshot.version.revision,
  };
}

/**
 * Runs `fn` on every backend (one after the other: tests run in random order, and every test
 * writes the same to both, so both hold the same data whatever the order).
 */
const each = async <T>(fn: (backend: Backend) => Promise<T>): Promise<T[]> => {
  const out: T[] = [];
  for (const backend of backends) out.push(await fn(backend));
  return out;
};

describe('coverage reads on both backends', () => {
  it('read the same graph snapshot, tracked by the change log', async () => {
    const [sqlite, postgres] = await each((b) => new CoverageRepository(b.db).loadGraph());
    expect(sqlite!.read).toEqual({ kind: 'full' });
    expect(postgres!.read).toEqual({ kind: 'full' });
    expect(plain(postgres!)).toEqual(plain(sqlite!));
    // The seed reached every engine table, the exclusions and the withdrawn flag.
    expect(plain(sqlite!).tracked).toBe(true);
    expect([...sqlite!.tables.values()].every((table) => table.n > 0)).toBe(true);
    expect(sqlite!.baselineExclusions.length).toBeGreaterThan(0);
    expect(sqlite!.requirementsNotWithdrawn).toBeGreaterThan(0);
  });

  it('a write advances the graph version; the next read patches the snapshot and equals a full read', async () => {
    const before = await each((b) => new CoverageRepository(b.db).loadGraph());
    await each((b) =>
      b.write(async (tx) => {
        const t = tablesOf(tx);
        const [e3] = await tx
          .insert(t.evidence)
          .values({ kind: 'LINK', title: 'New', url: 'https://example.org/n', collectedAt: at(6), status: 'ACCEPTED', createdBy: by, createdAt: at(6), updatedAt: at(6) })
          .returning();
        await tx.insert(t.evidenceControls).values({ evidenceId: e3!.id, controlId: 2 });
        await tx.update(t.controls).set({ title: 'Not read by the engine' }).where(eq(t.controls.id, 1));
      }),
    );
    const versions = await each((b) => new CoverageRepository(b.db).graphVersion());
    backends.forEach((_, i) => {
      expect(versions[i]!.revision).toBeGreaterThan(before[i]!.version.revision);
      expect(graphIncludes(before[i]!.version, versions[i]!)).toBe(false);
    });
    const patched = await each((b) => new CoverageRepository(b.db).refreshGraph(before[backends.indexOf(b)]!));
    const full = await each((b) => new CoverageRepository(b.db).loadGraph());
    for (const [i, snapshot] of patched.entries()) {
      expect(snapshot.read).toEqual({ kind: 'patch', changes: 2, tables: ['evidence', 'evidence_controls'] });
      expect(plain(snapshot)).toEqual(plain(full[i]!));
      expect(graphIncludes(snapshot.version, versions[i]!)).toBe(true);
    }
    expect(plain(patched[1]!)).toEqual(plain(patched[0]!));
    // A read with nothing changed since is the same snapshot.
    const again = await each((b) => new CoverageRepository(b.db).refreshGraph(patched[backends.indexOf(b)]!));
    for (const snapshot of again) expect(snapshot.read).toEqual({ kind: 'patch', changes: 0, tables: [] });
  });

  it('a long column reads the same on both: NULL as NaN, instants before 1970 and far ahead (PostgreSQL: a binary COPY over many socket chunks)', async () => {
    const before = await each((b) => new CoverageRepository(b.db).loadGraph());
    const count = 3000;
    await each((b) =>
      b.write(async (tx) => {
        const t = tablesOf(tx);
        const rows = Array.from({ length: count }, (_, i) => ({
          kind: 'ATTESTATION' as const,
          title: `Long ${i}`,
          collectedAt: new Date(Date.UTC(1950, 0, 1) + i * 86_400_000),
          validUntil: i % 3 === 0 ? null : new Date(Date.UTC(2500, 0, 1) + i),
          status: 'PENDING_REVIEW' as const,
          aiSystemId: i % 2 === 0 ? null : 1,
          createdBy: by,
          createdAt: at(10),
          updatedAt: at(10),
        }));
        await tx.insert(t.evidence).values(rows);
      }),
    );
    const [sqlite, postgres] = await each((b) => new CoverageRepository(b.db).loadGraph());
    expect(postgres!.read).toEqual({ kind: 'full' });
    expect(plain(postgres!)).toEqual(plain(sqlite!));
    const evidence = postgres!.tables.get('evidence')!;
    expect(evidence.n).toBe(before[1]!.tables.get('evidence')!.n + count);
    // The columns in the order read: id, createdAt, collectedAt, validUntil, aiSystemId.
    const [, , collectedAt, validUntil, aiSystemId] = evidence.columns;
    expect(Array.from(collectedAt!).filter((v) => v < 0)).toHaveLength(count);
    expect(Array.from(validUntil!).filter((v) => Number.isNaN(v)).length).toBeGreaterThanOrEqual(count / 3);
    expect(Math.max(...Array.from(validUntil!).filter((v) => !Number.isNaN(v)))).toBe(Date.UTC(2500, 0, 1) + count - 1);
    expect(Array.from(aiSystemId!).filter((v) => Number.isNaN(v)).length).toBeGreaterThanOrEqual(count / 2);
  });

  it('the token lookup of a GraphQL request reads the graph version with the token, as graphVersion() reads it, and follows a write', async () => {
    const token = await each((b) =>
      b.write(async (tx) => (await tx.insert(tablesOf(tx).apiTokens).values({ name: 'v', role: 'VIEWER', tokenHash: 'hash-v', prefix: 'cw_v', createdAt: at(8), createdBy: by }).returning())[0]!),
    );
    const read = () => each(async (b) => ({ alone: await new CoverageRepository(b.db).graphVersion(), withToken: await new TokenRepository(b.db).findByHashesWithGraphVersion(['hash-v']) }));
    const before = await read();
    for (const [i, { alone, withToken }] of before.entries()) {
      expect([...withToken.tokens.values()]).toEqual([await new TokenRepository(backends[i]!.db).findByHash('hash-v')]);
      expect(withToken.tokens.get('hash-v')?.id).toBe(token[i]!.id);
      expect([withToken.graphVersion.revision, withToken.graphVersion.schema]).toEqual([alone.revision, alone.schema]);
    }
    const unknown = await each((b) => new TokenRepository(b.db).findByHashesWithGraphVersion(['no-such-hash']));
    expect(unknown.map((u) => [u.tokens.size, u.graphVersion.revision])).toEqual(before.map((b) => [0, b.alone.revision]));
    await each((b) => b.write(async (tx) => void (await tx.insert(tablesOf(tx).evidenceControls).values({ evidenceId: 2, controlId: 1 }))));
    const after = await read();
    for (const [i, { alone, withToken }] of after.entries()) {
      expect(withToken.graphVersion.revision).toBeGreaterThan(before[i]!.withToken.graphVersion.revision);
      expect([withToken.graphVersion.revision, withToken.graphVersion.schema]).toEqual([alone.revision, alone.schema]);
      expect(graphIncludes({ ...before[i]!.alone, tracked: true }, withToken.graphVersion)).toBe(false);
    }
  });

  it('a withdrawn requirement changes the count and the exclusions the same way', async () => {
    const before = await each((b) => new CoverageRepository(b.db).loadGraph());
    await each((b) => b.write(async (tx) => void (await tx.update(tablesOf(tx).requirements).set({ withdrawn: true, updatedAt: at(7) }).where(eq(tablesOf(tx).requirements.id, 2)))));
    const after = await each((b) => new CoverageRepository(b.db).refreshGraph(before[backends.indexOf(b)]!));
    expect(after.map((s) => s.requirementsNotWithdrawn)).toEqual(before.map((s) => s.requirementsNotWithdrawn - 1));
    expect(after.map((s) => s.read.kind)).toEqual(['patch', 'patch']);
    expect(plain(after[1]!)).toEqual(plain(after[0]!));
  });

  it('the data version changes after a commit, also one the engine does not read', async () => {
    const before = await each((b) => new CoverageRepository(b.db).dataVersion());
    await each((b) => b.write(async (tx) => void (await tx.update(tablesOf(tx).controls).set({ owner: 'someone' }).where(eq(tablesOf(tx).controls.id, 2)))));
    const after = await each((b) => new CoverageRepository(b.db).dataVersion());
    backends.forEach((_, i) => expect(after[i]).not.toBe(before[i]));
  });

  it('control ids by domain, recorded history (pages and count) and the data size are equal', async () => {
    const repos = backends.map((b) => new CoverageRepository(b.db));
    expect(await Promise.all(repos.map((r) => r.controlIdsInDomain('Gov')))).toEqual([[1], [1]]);
    await each((b) =>
      b.write((tx) =>
        new CoverageRepository(tx).insertSnapshots(
          [8, 9, 10].map((day) => ({
            frameworkId: 1,
            aiSystemId: day === 10 ? 1 : null,
            at: at(day),
            viaCrosswalks: false,
            total: 3,
            covered: day - 8,
            partial: 0,
            uncovered: 3 - (day - 8),
            notApplicable: 0,
            createdBy: by,
          })),
        ),
      ),
    );
    const filter = { frameworkId: 1, aiSystemId: null, viaCrosswalks: false };
    const pages = await Promise.all(repos.map((r) => r.history(filter, { first: 1, after: null })));
    expect(pages[0]!.items).toHaveLength(1);
    expect(pages[0]!.hasNextPage).toBe(true);
    expect(pages[1]).toEqual(pages[0]);
    const next = await Promise.all(repos.map((r, i) => r.history(filter, { first: 5, after: [pages[i]!.items[0]!.at.getTime(), pages[i]!.items[0]!.id] })));
    expect(next[0]!.items.map((s) => s.covered)).toEqual([1]);
    expect(next[1]).toEqual(next[0]);
    expect(await Promise.all(repos.map((r) => r.historyCount(filter)))).toEqual([2, 2]);

    const sizes = await each((b) => new DataSizeRepository(b.db).read());
    expect(sizes[1]).toEqual(sizes[0]);
    expect(sizes[0]!.requirements).toBe([...sizes[0]!.requirementsByFramework.values()].reduce((a, b) => a + b, 0));
    expect(sizes[0]!.requirementsByFramework.get(1)).toBeGreaterThan(0);
    expect(sizes[0]!.bundleRows).toBeGreaterThan(20);
  });

  it('PostgreSQL: reads run together on several connections see the snapshot of the transaction, not a later commit', async () => {
    const postgres = backends.find((b) => b.name === 'postgres')!;
    const controlsNow = async (db: Db) => (await db.select({ id: tablesOf(db).controls.id }).from(tablesOf(db).controls)).length;
    const refId = `TOGETHER-${Date.now()}`;
    function* read(tx: Db): Read<{ before: number; seen: { pid: number; controls: number }[] }> {
      const [first] = yield* select<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM controls`);
      // Committed by another connection after the transaction's snapshot was taken.
      yield* step(() =>
        postgres.write(async (w) => void (await w.insert(tablesOf(w).controls).values({ refId, title: 'After', type: 'CORRECTIVE', implementationStatus: 'PLANNED', createdAt: at(24), updatedAt: at(24) }))),
      );
      const one = function* (db: Db): Read<{ pid: number; controls: number }> {
        const [row] = yield* select<{ pid: number; n: number }>(db, sql`SELECT pg_backend_pid() AS pid, count(*)::int AS n, pg_sleep(0.05)::text FROM controls`);
        return { pid: row!.pid, controls: row!.n };
      };
      return { before: first!.n, seen: yield* together(tx, [one, one, one, one]) };
    }
    const { before, seen } = await inReadTransaction(postgres.db, read, { lanes: 4 });
    expect(seen.map((s) => s.controls)).toEqual([before, before, before, before]);
    expect(new Set(seen.map((s) => s.pid)).size).toBeGreaterThan(1);
    expect(await controlsNow(postgres.db)).toBe(before + 1);
    // Keep the SQLite side equal for the tests that compare both.
    const sqlite = backends.find((b) => b.name === 'sqlite')!;
    await sqlite.write(async (w) => void (await w.insert(tablesOf(w).controls).values({ refId, title: 'After', type: 'CORRECTIVE', implementationStatus: 'PLANNED', createdAt: at(24), updatedAt: at(24) })));
  });

  it("the data size's version stays while nothing is written and moves with a write to the graph", async () => {
    const sizes = backends.map((b) => new DataSizeRepository(b.db));
    const v0 = await Promise.all(sizes.map((s) => s.version()));
    expect(await Promise.all(sizes.map((s) => s.version()))).toEqual(v0);
    await each((b) => b.write(async (tx) => void (await tx.insert(tablesOf(tx).aiSystems).values({ name: 'S2', riskLevel: 'LIMITED', role: 'DEPLOYER', createdAt: at(9), updatedAt: at(9) }))));
    const v1 = await Promise.all(sizes.map((s) => s.version()));
    backends.forEach((_, i) => expect(v1[i]).not.toBe(v0[i]));
  });
});

describe('blob repository on both backends', () => {
  const files = (n: number, from: number): NewFileEvidence[] =>
    Array.from({ length: n }, (_, i) => ({
      title: `File ${from + i}`,
      description: i % 2 ? 'odd' : '',
      sha256: (from + i).toString(16).padStart(64, '0'),
      sizeBytes: 1000 + i,
      mediaType: 'application/pdf',
      filename: `f${from + i}.pdf`,
      collectedAt: at(10),
      validUntil: i % 3 ? null : at(400),
      aiSystemId: i % 2 ? 1 : null,
      idempotencyKey: i % 4 ? null : `key-${from + i}`,
      createdBy: by,
      createdAt: at(11),
    }));

  it('a bulk attach inserts the same rows in input order and links them to controls', async () => {
    const input = files(1_203, 100);
    const inserted = await each((b) => b.write((tx) => new BlobRepository(tx).insertEvidence(input)));
    for (const rows of inserted) {
      expect(rows.map((r) => r.title)).toEqual(input.map((f) => f.title));
      expect(rows.map((r) => [r.kind, r.status, r.sizeBytes, r.collectedAt.getTime(), r.validUntil?.getTime() ?? null, r.aiSystemId])).toEqual(
        input.map((f) => ['FILE', 'PENDING_REVIEW', f.sizeBytes, f.collectedAt.getTime(), f.validUntil?.getTime() ?? null, f.aiSystemId]),
      );
    }
    expect(inserted[1]).toEqual(inserted[0]);
    const ids = inserted[0]!.map((r) => r.id);
    await each((b) => b.write((tx) => new BlobRepository(tx).linkControls(ids.map((evidenceId, i) => ({ evidenceId, controlId: 1 + (i % 2) })))));
    const links = await each((b) => new BlobRepository(b.db).controlIdsOf(ids.slice(0, 4)));
    expect([...links[0]!]).toEqual(ids.slice(0, 4).map((id, i) => [id, [1 + (i % 2)]]));
    expect([...links[1]!]).toEqual([...links[0]!]);
  });

  it('uploads, checks, lookups and the collector read the same on both', async () => {
    const shas = ['1', '2', '3'].map((n) => n.padStart(64, 'd'));
    const orphan = 'f'.repeat(64);
    const held = files(3, 0).map((f, i) => ({ ...f, sha256: shas[i]!, idempotencyKey: `upload-${i}` }));
    await each((b) =>
      b.write(async (tx) => {
        const blobs = new BlobRepository(tx);
        await blobs.insertEvidence(held);
        for (const sha of [...shas, orphan]) await blobs.recordUpload(sha, 10, at(12), by);
        const again = await blobs.recordUpload(shas[0]!, 10, at(13), by);
        expect(again.before?.lastUploadedAt).toEqual(at(12));
        expect(again.row.lastUploadedAt).toEqual(at(13));
        await blobs.insertEvent({ sha256: shas[1]!, status: 'CORRUPT', source: 'SCAN', detail: 'bad', at: at(14), actorId: by });
        await blobs.recordCheck({ sha256: shas[1]!, status: 'CORRUPT', source: 'SCAN', detail: 'bad', at: at(14), actorId: by });
      }),
    );
    const read = (blobs: BlobRepository) =>
      Promise.all([
        blobs.find(shas[1]!),
        blobs.findMany(shas).then((r) => r.sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1))),
        blobs.page(null, 2),
        blobs.existing([...shas, 'x']),
        blobs.events(shas, 5),
        blobs.unreferencedBefore(at(20), 10),
        blobs.referencedPage(null, 10),
        blobs.referencedWithoutRow().then((r) => r.length),
        blobs.evidenceOf(shas[0]!),
        blobs.evidenceHolding(shas),
        blobs.evidenceCounts(shas),
        blobs.evidenceByIdempotencyKeys(['upload-0', 'upload-2', 'none']).then((r) => r.sort((a, b) => a.id - b.id)),
      ]);
    const [sqlite, postgres] = await each((b) => read(new BlobRepository(b.db)));
    expect(postgres).toEqual(sqlite);
    expect(sqlite![5]!.map((b) => b.sha256)).toEqual([orphan]);
    expect(sqlite![10]).toEqual(new Map(shas.map((s) => [s, 1])));
    expect(sqlite![11]!.map((e) => e.sha256)).toEqual([shas[0], shas[2]]);
    const deleted = await each((b) => b.write((tx) => new BlobRepository(tx).deleteUnreferencedBefore(at(20), 10)));
    expect(deleted[1]).toEqual(deleted[0]);
    expect(deleted[0]!.map((b) => b.sha256)).toEqual([orphan]);
  });
});

/** Rows sorted by their JSON (for reads whose order is the scan's). */
const sortedJson = <T>(rows: readonly T[]): T[] => [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

describe('bundle and export reads on both backends', () => {
  it('the bundle rows, in a read transaction and in a write transaction, and the holdings are equal', async () => {
    const [sqlite, postgres] = await each((b) => new BundleRepository(b.db).readAll());
    expect(postgres).toEqual(sqlite);
    expect(sqlite!.frameworks.length).toBeGreaterThan(0);
    expect(sqlite!.baselineApplications.length).toBeGreaterThan(0);
    const inWrite = await each((b) => b.write((tx) => new BundleRepository(tx).readAllHere()));
    expect(inWrite).toEqual([sqlite, postgres]);
    const holdings = await each((b) => new BundleRepository(b.db).holdings());
    expect(holdings[1]).toEqual(holdings[0]);
    expect(holdings[0]!.frameworks).toBe(sqlite!.frameworks.length);
  });

  it('restore writes give the same ids and rows on both', async () => {
    const ids = await each((b) =>
      b.write(async (tx) => {
        const bundle = new BundleRepository(tx);
        const framework = await bundle.insertRow('frameworks', { refId: 'RESTORED', name: 'Restored', kind: 'REGULATION', createdAt: at(20), updatedAt: at(20) });
        const parent = await bundle.insertRow('requirements', { frameworkId: framework, refId: 'P', createdAt: at(20), updatedAt: at(20) });
        const child = await bundle.insertRow('requirements', { frameworkId: framework, refId: 'C', createdAt: at(20), updatedAt: at(20) });
        await bundle.setRequirementParent(child, parent);
        await bundle.setRequirementVersions(child, [
          { frameworkId: framework, parentId: null, withdrawn: false, validFrom: at(20), validTo: at(21) },
          { frameworkId: framework, parentId: parent, withdrawn: false, validFrom: at(21), validTo: null },
        ]);
        await bundle.insertRows('coverageSnapshots', [
          { frameworkId: framework, aiSystemId: null, at: at(22), viaCrosswalks: true, total: 2, covered: 0, partial: 0, uncovered: 2, notApplicable: 0, createdBy: by },
        ]);
        return [framework, parent, child];
      }),
    );
    expect(ids[1]).toEqual(ids[0]);
    const [sqlite, postgres] = await each((b) => new BundleRepository(b.db).readAll());
    expect(postgres).toEqual(sqlite);
    const [, parent, child] = ids[0]!;
    expect(sqlite!.requirementVersions.filter((v) => v.requirementId === child).map((v) => v.parentId)).toEqual([null, parent]);
  });

  it('the export reads are equal on both', async () => {
    const read = async (b: Backend) => {
      const rows = new ExportReadRepository(b.db);
      const report = await rows.reportRows({ frameworkIds: [1], requirementIds: [1, 3], controlIds: [1, 2], aiSystemId: 1 });
      const metadata = await rows.evidenceMetadata();
      return {
        report: { ...report, version: typeof report.version },
        mappings: sortedJson(await rows.liveMappings(null)),
        mappingsOfF1: sortedJson(await rows.liveMappings([1])),
        links: sortedJson(await rows.liveLinks([1])),
        controls: sortedJson(await rows.liveControls()),
        metadata: metadata.map((m) => ({ ...m, controlRefIds: [...m.controlRefIds].sort() })),
        control1: await rows.evidenceOfControl(1, 1, at(30)),
        control2: await rows.evidenceOfControl(2, null, at(30)),
      };
    };
    const [sqlite, postgres] = await each(read);
    expect(postgres).toEqual(sqlite);
    expect(sqlite!.report.requirements.length).toBeGreaterThan(0);
    expect(sqlite!.links.length).toBeGreaterThan(0);
    expect(sqlite!.control1.evidence.length).toBeGreaterThan(0);
    // On SQLite the synchronous read (used while a document is written) is the same read.
    expect(new ExportReadRepository(backends[0]!.db).evidenceOfControlNow(1, 1, at(30))).toEqual(sqlite!.control1);
  });

  it('a PostgreSQL read snapshot sees one commit until it is closed; the data version tells the change', async () => {
    const postgres = backends.find((b) => b.name === 'postgres')!;
    const snapshot = await PostgresReadSnapshot.open(pool);
    try {
      const inSnapshot = new ExportReadRepository(snapshot.db);
      const before = await inSnapshot.liveControls();
      const version = await inSnapshot.dataVersion();
      const refId = `SNAP-${before.length}`;
      const addControl = (b: Backend) =>
        b.write(async (tx) => void (await tx.insert(tablesOf(tx).controls).values({ refId, title: 'Later', type: 'CORRECTIVE', implementationStatus: 'PLANNED', createdAt: at(23), updatedAt: at(23) })));
      await addControl(postgres);
      await addControl(backends.find((b) => b.name === 'sqlite')!); // both backends keep the same data
      expect(await inSnapshot.liveControls()).toEqual(before);
      expect(await inSnapshot.dataVersion()).toBe(version);
      const now = new ExportReadRepository(postgres.db);
      expect((await now.liveControls()).map((c) => c.refId)).toContain(refId);
      expect(await now.dataVersion()).not.toBe(version);
    } finally {
      await snapshot.close();
    }
    await snapshot.close();
  });
});
