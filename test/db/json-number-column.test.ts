/** The column parser of the coverage read: JSON arrays of numbers (as bytes) into Float64Arrays, exactly. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numbers } from '../../src/db/repositories/json-number-column.cjs';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('numbers', () => {
  it('parses integers, negatives and nulls (as NaN), with or without a known count', () => {
    expect([...numbers(bytes('[1,-2,null,30]'), -1)]).toEqual([1, -2, NaN, 30]);
    expect([...numbers(bytes('[1,-2,null,30]'), 4)]).toEqual([1, -2, NaN, 30]);
    expect([...numbers(bytes('[]'), -1)]).toEqual([]);
  });

  it('falls back to JSON.parse for fractions, exponents, long integers, text and a wrong count', () => {
    expect([...numbers(bytes('[1.5,2]'), -1)]).toEqual([1.5, 2]);
    expect([...numbers(bytes('[1e3]'), -1)]).toEqual([1000]);
    expect([...numbers(bytes('[12345678901234567]'), -1)]).toEqual([12345678901234567]);
    expect([...numbers(bytes('["7",8]'), -1)]).toEqual([7, 8]);
    expect([...numbers(bytes('[1,2,3]'), 2)]).toEqual([1, 2, 3]);
  });

  it('agrees with JSON.parse on any array of safe integers, nulls and doubles', () => {
    const value = fc.oneof(fc.maxSafeInteger(), fc.constant(null), fc.double({ noNaN: true, noDefaultInfinity: true }));
    fc.assert(
      fc.property(fc.array(value), (values) => {
        const text = JSON.stringify(values);
        const expected = (JSON.parse(text) as (number | null)[]).map((v) => (v === null ? NaN : v));
        expect([...numbers(bytes(text), -1)]).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
