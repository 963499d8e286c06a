/**
 * Exports are written piece by piece (src/domain/export/json-stream.ts, csvChunks, writeExport),
 * and the pieces must make exactly the text the whole-value serialisers make: JSON.stringify for
 * JSON, one csv-stringify call for CSV, one UTF-8 encoding for the file. Property tests on varied
 * data, with the streamed parts placed at random.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { neutraliseFormulaCell } from '../../src/domain/csv-formula.js';
import { csvChunks, documentText, jsonDocument } from '../../src/domain/export/document.js';
import { jsonChunks, materialise, streamArray, streamObject } from '../../src/domain/export/json-stream.js';
import { writeExport } from '../../src/services/export-files.js';

/**
 * `value` with some of its arrays and objects made streamed parts (only where every container
 * above is streamed too, as the rule wants); `coins` decides which, and whether a streamed array
 * gives its items as a list or from a generator.
 */
function streamed(value: unknown, coins: () => boolean): unknown {
  if (!coins()) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => streamed(item, coins));
    return coins() ? streamArray(items) : streamArray(function* () {
      yield* items;
    });
  }
  if (value !== null && typeof value === 'object') {
    const members: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      Object.defineProperty(members, key, { value: streamed(member, coins), enumerable: true, writable: true, configurable: true });
    }
    return streamObject(members);
  }
  return value;
}

const coinsFrom = (bits: readonly boolean[]) => {
  let i = 0;
  return () => bits[i++ % bits.length] ?? true;
};

describe('jsonChunks', () => {
  it('writes exactly what JSON.stringify writes, compact and indented, wherever the streamed parts are', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }), fc.constantFrom(0, 2), (value, bits, indent) => {
        const parts = streamed(value, coinsFrom(bits));
        const text = [...jsonChunks(parts, indent)].join('');
        expect(text).toBe(JSON.stringify(value, null, indent));
        expect(JSON.stringify(materialise(parts), null, indent)).toBe(text);
      }),
      { numRuns: 400 },
    );
  });

  it('leaves out of objects, and writes as null in arrays, what JSON.stringify does (undefined, functions)', () => {
    const plain = { a: undefined, b: [undefined, () => 1, 2], c: () => 3, d: { e: undefined } };
    const parts = streamObject({ a: undefined, b: streamArray([undefined, () => 1, 2]), c: () => 3, d: streamObject({ e: undefined }) });
    for (const indent of [0, 2]) expect([...jsonChunks(parts, indent)].join('')).toBe(JSON.stringify(plain, null, indent));
  });

  it('refuses a streamed part inside a plain value instead of writing something else', () => {
    expect(() => [...jsonChunks({ inner: streamArray([1]) }, 2)]).toThrow(/stream its container too/);
    expect(() => [...jsonChunks([streamObject({ a: 1 })], 0)]).toThrow(/stream its container too/);
  });

  it('reads a generator afresh each time the document is written', () => {
    const doc = { chunks: () => jsonDocument(streamObject({ n: streamArray(function* () { yield 1; yield 2; }) })) };
    expect(documentText(doc)).toBe(documentText(doc));
    expect(documentText(doc)).toBe('{\n  "n": [\n    1,\n    2\n  ]\n}\n');
  });
});

describe('csvChunks', () => {
  const cell = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('=1+1', '"q"', 'a,b', 'x\ny', ''), fc.integer(), fc.boolean(), fc.constant(null));
  it('writes exactly what one csv-stringify call over every record writes (formula cells neutralised), across pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 700 }), (rows) => {
        const header = ['a', 'b', 'c'];
        const whole = stringify([header, ...rows.map((row) => row.map((v) => neutraliseFormulaCell(v === null ? '' : String(v))))], { record_delimiter: '\n' });
        expect([...csvChunks(header, rows)].join('')).toBe(whole);
      }),
      { numRuns: 60 },
    );
  });
});

describe('writeExport', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosswalk-export-stream-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the pieces as one UTF-8 text, with its SHA-256 and byte length, whatever the piece sizes', async () => {
    const piece = fc.string({ unit: 'grapheme', maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 0, max: 300_000 }), async (pieces, padding) => {
        // A long piece in the middle carries the text over the writer's run size.
        const all = [...pieces.slice(0, 5), 'é€😀'.repeat(padding / 4), ...pieces.slice(5)];
        const text = all.join('');
        const written = await writeExport(dir, all);
        const bytes = readFileSync(join(dir, written.id));
        expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
        expect(written.byteLength).toBe(bytes.length);
        expect(written.sha256).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
      { numRuns: 25 },
    );
  });

  it('removes the file when producing a piece fails', async () => {
    const own = join(dir, 'failing');
    function* failing() {
      yield 'begun';
      throw new Error('formatter failed');
    }
    await expect(writeExport(own, failing())).rejects.toThrow('formatter failed');
    expect(readdirSync(own)).toEqual([]);
  });
});
