/**
 * Patching a table held as columns (columnar-reads.ts patchTable): any sequence of patches, each
 * from any earlier version (two patches of one version too), gives the rows a plain re-computation
 * gives, and never changes a version a reader already holds, also when rows are appended in place
 * into a growable buffer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatTables, patchTable, type TableColumns } from '../../src/db/repositories/coverage/columnar-reads.js';

/** Rows as [key, value] pairs; the table's columns are (key, value). */
type Rows = [number, number][];

const tableOf = (rows: Rows): TableColumns => ({
  n: rows.length,
  columns: [Float64Array.from(rows, (r) => r[0]), Float64Array.from(rows, (r) => r[1])],
});
const rowsOf = (table: TableColumns): Rows => Array.from({ length: table.n }, (_, i) => [table.columns[0]![i]!, table.columns[1]![i]!]);

/**
 * What a patch gives: the rows whose key is not dropped, then the fresh rows; or the rows as they
 * were when the fresh rows are the dropped ones, in order (a change the columns do not show).
 */
function expected(rows: Rows, drop: ReadonlySet<number>, fresh: Rows): Rows {
  const dropped = rows.filter(([k]) => drop.has(k));
  if (JSON.stringify(dropped) === JSON.stringify(fresh)) return rows;
  return [...rows.filter(([k]) => !drop.has(k)), ...fresh];
}

/** One patch: from version `from` (an index into the versions so far, modulo), the keys it names and the rows read for them. */
const patchArb = fc.record({
  from: fc.nat(),
  // Mostly new keys above every key so far (an insert), sometimes keys that may exist (an update or delete).
  insert: fc.boolean(),
  keys: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 4 }),
  values: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 6 }),
});

describe('patchTable', () => {
  it('gives the kept rows then the fresh ones, and leaves every earlier version as it was', () => {
    let inPlace = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 9 })), { maxLength: 12 }), fc.array(patchArb, { maxLength: 12 }), (start, patches) => {
        const versions: { table: TableColumns; rows: Rows }[] = [{ table: tableOf(start), rows: start }];
        let nextKey = 100;
        for (const p of patches) {
          const base = versions[p.from % versions.length]!;
          const keys = p.insert ? p.keys.map(() => nextKey++) : p.keys;
          const drop = new Set(keys);
          // The rows read for the keys: some of the keys, with any values (a delete reads none).
          const fresh: Rows = keys.filter((_, i) => i < p.values.length).map((k, i) => [k, p.values[i]!]);
          const table = patchTable(base.table, 0, drop, tableOf(fresh));
          if (table.columns[0]!.buffer === base.table.columns[0]!.buffer && table.n > base.table.n) inPlace++;
          const rows = expected(base.rows, drop, fresh);
          expect(rowsOf(table)).toEqual(rows);
          versions.push({ table, rows });
          // No version anyone holds changed.
          for (const v of versions) expect(rowsOf(v.table)).toEqual(v.rows);
        }
      }),
      { seed: 20_261_207, numRuns: 500 },
    );
    // Appends wrote into the room of growable buffers, not only copies.
    expect(inPlace).toBeGreaterThan(100);
  });

  it('concatenates into a growable table that later appends extend in place', () => {
    const a = tableOf([[1, 1], [2, 2]]);
    const joined = concatTables(a, tableOf([[3, 3]]));
    expect(rowsOf(joined)).toEqual([[1, 1], [2, 2], [3, 3]]);
    const more = patchTable(joined, 0, new Set([4]), tableOf([[4, 4]]));
    expect(more.columns[0]!.buffer).toBe(joined.columns[0]!.buffer);
    expect(rowsOf(more)).toEqual([[1, 1], [2, 2], [3, 3], [4, 4]]);
    // A second append to the same version cannot write where the first did: it copies.
    const other = patchTable(joined, 0, new Set([5]), tableOf([[5, 5]]));
    expect(other.columns[0]!.buffer).not.toBe(joined.columns[0]!.buffer);
    expect(rowsOf(other)).toEqual([[1, 1], [2, 2], [3, 3], [5, 5]]);
    expect(rowsOf(more)).toEqual([[1, 1], [2, 2], [3, 3], [4, 4]]);
    expect(rowsOf(joined)).toEqual([[1, 1], [2, 2], [3, 3]]);
  });
});
