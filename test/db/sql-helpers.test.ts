/** The helpers that keep statements under SQLite's bound-variable limit. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/db/sqlite-store.js';
import { createRepositories } from '../../src/db/repositories/index.js';
import { batches, MAX_BOUND_VARIABLES } from '../../src/db/repositories/sql-helpers.js';
import { controls } from '../../src/db/schema/index.js';

describe('batches', () => {
  it('keeps every item, in order, with at most MAX_BOUND_VARIABLES variables per batch (and at least one item)', () => {
    fc.assert(
      fc.property(fc.nat(30_000), fc.integer({ min: 1, max: 2 * MAX_BOUND_VARIABLES }), (n, perItem) => {
        const items = Array.from({ length: n }, (_, i) => i);
        const parts = batches(items, perItem);
        const flat = parts.flat();
        expect(flat.length === n && flat.every((v, i) => v === i)).toBe(true);
        const sizes = parts.map((p) => p.length);
        expect(sizes.every((size) => size > 0 && (size === 1 || size * perItem <= MAX_BOUND_VARIABLES))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe('lookups by a list of keys', () => {
  it('find rows by 40,000 keys, more than SQLite binds variables in one statement (32,766)', async () => {
    const store = SqliteStore.open(':memory:');
    try {
      const at = new Date('2026-01-01T00:00:00Z');
      await store.transaction(async (tx) => {
        for (const batch of batches(Array.from({ length: 40_000 }, (_, i) => i), 20)) {
          tx.insert(controls)
            .values(batch.map((i) => ({ refId: `K${i}`, title: 't', type: 'PREVENTIVE' as const, implementationStatus: 'NOT_IMPLEMENTED' as const, createdAt: at, updatedAt: at })))
            .run();
        }
      });
      const repos = createRepositories(store.read);
      const refIds = Array.from({ length: 40_000 }, (_, i) => `K${i}`);
      expect(await repos.catalog.controlsByRefIds(refIds)).toHaveLength(40_000);
      const ids = (await repos.catalog.controlsByRefIds(refIds)).map((c) => c.id);
      expect(await repos.controls.findByIds(ids)).toHaveLength(40_000);
    } finally {
      await store.close();
    }
  });
});
