/**
 * Formula-safe CSV both ways: every export neutralises cells a spreadsheet would evaluate, every
 * import reads them back, and the round trip is exact for any text (property tests).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseFormulaCell, restoreFormulaCell } from '../../src/domain/csv-formula.js';
import { toCsv } from '../../src/domain/export/document.js';
import { readCsv } from '../../src/domain/import/csv.js';

/** Text that often starts with formula characters and quotes (plain arbitrary strings rarely do). */
const tricky = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc
    .tuple(fc.array(fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', '\n', ' ', '"', ','), { maxLength: 4 }), fc.string())
    .map(([start, rest]) => start.join('') + rest),
);
const FORMULA_START = /^[=+\-@\t\r]/;

describe('one cell', () => {
  it('OWASP examples are written with a leading quote and read back as they were', () => {
    for (const text of ["@SUM(1+1)*cmd|' /C calc'!A0", '=1+2', '+1', '-2', '\tx', '\rx']) {
      expect(neutraliseFormulaCell(text)).toBe(`'${text}`);
      expect(restoreFormulaCell(`'${text}`)).toBe(text);
    }
    expect(neutraliseFormulaCell('AC-2')).toBe('AC-2');
    expect(neutraliseFormulaCell("it's")).toBe("it's");
    expect(neutraliseFormulaCell("'=x")).toBe("''=x");
  });

  it('property: restore(neutralise(s)) = s, and what is written never starts with a formula character', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const written = neutraliseFormulaCell(text);
        expect(FORMULA_START.test(written)).toBe(false);
        expect(restoreFormulaCell(written)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a whole file', () => {
  it('property: toCsv → readCsv gives back every cell exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.array(tricky, { minLength: 2, maxLength: 2 }), { maxLength: 8 }), (cells) => {
        // The first column is an id so that no row is blank (blank rows are skipped on import).
        const rows = cells.map((row, i) => [`r${i}`, ...row]);
        const table = readCsv(toCsv(['id', 'a', 'b'], rows));
        expect(table.header).toEqual(['id', 'a', 'b']);
        expect(table.rows.map((r) => r.values)).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });
});
