/**
 * The epoch of an instant (src/services/coverage-cache.ts): instants from the load time on share a
 * key exactly when no instant of the graph lies between them, whether a column's future instants
 * were sorted afresh or reused from an earlier load. The instant columns are those declared with
 * the engine's inputs (test/coverage/inputs.test.ts checks the declaration against the schema).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INSTANT_COLUMNS, type ColumnarCoverageGraph } from '../../src/domain/coverage/index.js';
import { epochKey, instantsAfter } from '../../src/services/coverage-cache.js';

const value = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(Infinity), fc.constant(NaN));
const columnsArb = fc.array(fc.array(value, { maxLength: 12 }), { minLength: INSTANT_COLUMNS.length, maxLength: INSTANT_COLUMNS.length });

/** A graph holding only the instant columns (all that instantsAfter reads), the i-th column of INSTANT_COLUMNS from `columns[i]`. */
function graphWith(columns: number[][]): ColumnarCoverageGraph {
  const graph: Record<string, Record<string, Float64Array>> = {};
  INSTANT_COLUMNS.forEach(([field, name], i) => {
    (graph[field] ??= {})[name] = Float64Array.from(columns[i]!);
  });
  return graph as unknown as ColumnarCoverageGraph;
}

describe('epochKey and instantsAfter', () => {
  it('two instants after the load share a key exactly when no finite instant of the graph lies between them', () => {
    fc.assert(
      fc.property(columnsArb, fc.integer({ min: 0, max: 40 }), fc.nat(45), fc.nat(45), (columns, loadedAt, x, y) => {
        const future = instantsAfter(graphWith(columns), loadedAt);
        const [at1, at2] = [Math.max(loadedAt, Math.min(x, y)), Math.max(loadedAt, x, y)];
        const between = columns.flat().some((v) => Number.isFinite(v) && at1 < v && v <= at2);
        expect(epochKey(future, loadedAt, at1) === epochKey(future, loadedAt, at2)).toBe(!between);
        if (loadedAt > 0) expect(epochKey(future, loadedAt, loadedAt - 1)).toBe(`t${loadedAt - 1}`);
      }),
      { seed: 4242, numRuns: 2000 },
    );
  });

  it('a column sorted for an earlier load gives what sorting it afresh gives', () => {
    fc.assert(
      fc.property(columnsArb, fc.integer({ min: 0, max: 40 }), fc.nat(10), (columns, earlier, later) => {
        const prepared = graphWith(columns);
        instantsAfter(prepared, earlier);
        const reused = instantsAfter(prepared, earlier + later);
        const fresh = instantsAfter(graphWith(columns), earlier + later);
        expect(reused.map((a) => Array.from(a))).toEqual(fresh.map((a) => Array.from(a)));
        for (const [i, column] of reused.entries()) {
          expect(Array.from(column)).toEqual(columns[i]!.filter((v) => Number.isFinite(v) && v > earlier + later).sort((a, b) => a - b));
        }
      }),
      { seed: 4243, numRuns: 1000 },
    );
  });

  it('a column with rows appended (a longer view of the same memory) gives what sorting it afresh gives', () => {
    fc.assert(
      fc.property(columnsArb, columnsArb, columnsArb, fc.integer({ min: 0, max: 40 }), fc.nat(10), fc.nat(10), (first, second, third, earlier, later, last) => {
        // Each column a buffer holding its three parts: the graphs view its first part, the first two, all three.
        const buffers = first.map((part, i) => Float64Array.from([...part, ...second[i]!, ...third[i]!]));
        const graphOf = (parts: number) => {
          const graph: Record<string, Record<string, Float64Array>> = {};
          INSTANT_COLUMNS.forEach(([field, name], i) => {
            const length = [first, second, third].slice(0, parts).reduce((n, columns) => n + columns[i]!.length, 0);
            (graph[field] ??= {})[name] = buffers[i]!.subarray(0, length);
          });
          return graph as unknown as ColumnarCoverageGraph;
        };
        instantsAfter(graphOf(1), earlier);
        const middle = instantsAfter(graphOf(2), earlier + later);
        const all = instantsAfter(graphOf(3), earlier + later + last);
        const sortedAfter = (parts: number, after: number) =>
          buffers.map((_, i) => [first, second, third].slice(0, parts).flatMap((c) => c[i]!).filter((v) => Number.isFinite(v) && v > after).sort((a, b) => a - b));
        expect(middle.map((a) => Array.from(a))).toEqual(sortedAfter(2, earlier + later));
        expect(all.map((a) => Array.from(a))).toEqual(sortedAfter(3, earlier + later + last));
      }),
      { seed: 4244, numRuns: 1000 },
    );
  });
});
