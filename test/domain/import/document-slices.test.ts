/**
 * A document cut into slices (src/domain/import/document-slices.ts) and put back together is the
 * same document — same values, same key order, `__proto__` kept as a key — and no slice carries
 * more values than the bound, whatever the document's shape.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentAssembler, sliceDocument, sliceValues } from '../../../src/domain/import/document-slices.js';

const roundTrip = (document: unknown, maxValues: number) => {
  const slices = [...sliceDocument(document, maxValues)];
  const assembler = new DocumentAssembler();
  for (const slice of slices) assembler.add(structuredClone(slice));
  return { slices, result: assembler.result() };
};

describe('document slices', () => {
  it('any JSON value comes back equal, keys in their order, in slices of at most maxValues values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 1, max: 40 }), (document, maxValues) => {
        const { slices, result } = roundTrip(document, maxValues);
        expect(result).toEqual(document);
        expect(JSON.stringify(result)).toBe(JSON.stringify(document));
        for (const slice of slices) expect(sliceValues(slice)).toBeLessThanOrEqual(maxValues);
      }),
      { numRuns: 300 },
    );
  });

  it('a large array travels in many slices, a small document in one', () => {
    const maps = Array.from({ length: 5_000 }, (_, i) => ({ id: `m-${i}`, sources: [{ 'id-ref': `a-${i}` }], targets: [{ 'id-ref': `b-${i}` }] }));
    const document = { syntax: 'json', value: { 'mapping-collection': { mappings: [{ maps }] } } };
    const { slices, result } = roundTrip(document, 1_000);
    expect(result).toEqual(document);
    expect(slices.length).toBeGreaterThanOrEqual(35); // 5,000 maps × 8 values / 1,000
    expect(Math.max(...slices.map(sliceValues))).toBeLessThanOrEqual(1_000);
    expect([...sliceDocument({ a: [1, 2, 3] }, 1_000)]).toHaveLength(1);
  });

  it('keeps a __proto__ key as a key (as JSON.parse does), without changing the prototype', () => {
    const document = JSON.parse('{"a": {"__proto__": {"polluted": true}, "b": [1, 2, 3, 4]}}');
    const { result } = roundTrip(document, 2);
    const a = (result as { a: Record<string, unknown> }).a;
    expect(Object.keys(a)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a document nested 10,000 deep is cut without exhausting the call stack', () => {
    let document: unknown = 'leaf';
    for (let i = 0; i < 10_000; i++) document = [document];
    const { slices, result } = roundTrip(document, 100);
    expect(Math.max(...slices.map(sliceValues))).toBeLessThanOrEqual(100);
    let depth = 0;
    for (let node = result; Array.isArray(node); node = node[0]) depth++;
    expect(depth).toBe(10_000);
  });
});
