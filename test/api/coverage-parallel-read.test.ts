/**
 * The parallel full read of the coverage graph (CoverageRepository.refreshGraph): a worker thread
 * reads the evidence table on its own connection while the calling thread reads the rest. It must
 * give exactly the columns a single-connection read gives, and read again when a write commits
 * between the two read transactions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/db/sqlite-store.js';
import { CoverageRepository, type CoverageGraphSnapshot } from '../../src/db/repositories/coverage-repository.js';
import { evaluateCoverage, prepareCoverageGraph } from '../../src/domain/coverage/index.js';
import { SIZES, generateOrganisation, type GeneratedOrganisation } from '../bench/generate.js';

let dir: string;
let org: GeneratedOrganisation;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosswalk-parallel-'));
  org = generateOrganisation(join(dir, 'crosswalk.db'), SIZES.S!, 7, Date.UTC(2026, 0, 1));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Reads the graph with parallel reads on (from 0 evidence items) or off; `beforeWorker` runs as
 * each parallel read begins. Counts the parallel reads begun.
 */
async function load(
  parallel: boolean,
  previous: CoverageGraphSnapshot | null = null,
  beforeWorker?: () => void,
): Promise<{ snapshot: CoverageGraphSnapshot; parallelReads: number }> {
  let parallelReads = 0;
  const store = SqliteStore.open(org.file);
  try {
    const repository = new CoverageRepository(store.read, {
      parallelRead: {
        minEvidence: parallel ? 0 : Infinity,
        beforeWorker: () => {
          parallelReads++;
          beforeWorker?.();
        },
      },
    });
    const snapshot = await repository.refreshGraph(previous);
    return { snapshot, parallelReads };
  } finally {
    await store.close();
  }
}

function expectSameTables(a: CoverageGraphSnapshot, b: CoverageGraphSnapshot): void {
  expect([...a.tables.keys()].sort()).toEqual([...b.tables.keys()].sort());
  for (const [name, table] of a.tables) {
    const other = b.tables.get(name)!;
    expect(other.n, name).toBe(table.n);
    // The columns' own bytes (a column may view the start of a longer, growable buffer).
    const bytes = (column: Float64Array) => Buffer.from(column.buffer, column.byteOffset, column.byteLength);
    table.columns.forEach((column, c) => expect(bytes(other.columns[c]!).equals(bytes(column)), `${name}.${c}`).toBe(true));
  }
  expect(a.version.revision).toBe(b.version.revision);
}

describe('parallel full read', () => {
  it('reads the same columns as a single-connection read, and the engine answers the same', async () => {
    const single = await load(false);
    const parallel = await load(true);
    expect(single.parallelReads).toBe(0);
    expect(parallel.parallelReads).toBe(1);
    expect(parallel.snapshot.read).toEqual({ kind: 'full' });
    expect(parallel.snapshot.tables.get('evidence')!.n).toBe(org.rows.evidence);
    expectSameTables(single.snapshot, parallel.snapshot);
    const at = org.now;
    const a = evaluateCoverage(prepareCoverageGraph(single.snapshot.graph), { at, aiSystemId: null });
    const b = evaluateCoverage(prepareCoverageGraph(parallel.snapshot.graph), { at, aiSystemId: null });
    expect(b.frameworks).toEqual(a.frameworks);
  });

  it('reads again when a write commits between the two read transactions', async () => {
    const evidenceId = org.pendingEvidenceIds[0]!;
    let writes = 0;
    const parallel = await load(true, null, () => {
      if (writes > 0) return;
      writes++;
      const db = new Sqlite(org.file);
      try {
        db.pragma('busy_timeout = 5000');
        db.prepare(`INSERT INTO evidence_reviews (evidence_id, status, comment, reviewed_at, reviewed_by) VALUES (?, 'ACCEPTED', '', ?, 'test')`).run(evidenceId, org.now);
      } finally {
        db.close();
      }
    });
    expect(writes).toBe(1);
    expect(parallel.parallelReads).toBe(2);
    const single = await load(false);
    expectSameTables(single.snapshot, parallel.snapshot);
    expect(Array.from(single.snapshot.tables.get('evidence_reviews')!.columns[1]!)).toContain(evidenceId);
  });

  it('a patch after a parallel read answers as a full read does', async () => {
    const { snapshot } = await load(true);
    const db = new Sqlite(org.file);
    db.prepare(`UPDATE evidence SET valid_until = ? WHERE id = ?`).run(org.now + 1, org.pendingEvidenceIds[1]!);
    db.close();
    const patched = await load(true, snapshot);
    expect(patched.snapshot.read.kind).toBe('patch');
    expect(patched.parallelReads).toBe(0);
    // A patch appends the changed rows: compare the answers, not the row order.
    const full = (await load(false)).snapshot;
    for (const [name, table] of full.tables) expect(patched.snapshot.tables.get(name)!.n, name).toBe(table.n);
    const at = org.now;
    for (const aiSystemId of [null, org.aiSystemIds[0]!]) {
      const a = evaluateCoverage(prepareCoverageGraph(full.graph), { at, aiSystemId });
      const b = evaluateCoverage(prepareCoverageGraph(patched.snapshot.graph), { at, aiSystemId });
      expect(b.frameworks).toEqual(a.frameworks);
    }
  });
});
