/**
 * Formula-safe CSV cells, both ways (OWASP "CSV injection"). A spreadsheet reads a cell that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula; every CSV export
 * writes such a cell with a `'` in front (shown as text, never evaluated), and every CSV import
 * reads it back without that `'`, so an export → import round trip gives the original text.
 *
 * The two functions are inverse for every string: `restoreFormulaCell(neutraliseFormulaCell(s))
 * === s`. To keep that exact, a cell that already starts with `'`s followed by a formula
 * character gets one more `'` on export (and loses one on import); any other cell is unchanged.
 */

/** One or more `'` followed by a formula character (what the importer strips one `'` from). */
const NEUTRALISED = /^'+[=+\-@\t\r]/;
/** Cells the exporter prefixes: a formula character, possibly after `'`s. */
const NEEDS_PREFIX = /^'*[=+\-@\t\r]/;

/** The cell as an export writes it: `'` in front when a spreadsheet could read it as a formula. */
export const neutraliseFormulaCell = (cell: string): string => (NEEDS_PREFIX.test(cell) ? `'${cell}` : cell);

/** The cell as an import reads it: one leading `'` removed when a formula character follows the `'`s. */
export const restoreFormulaCell = (cell: string): string => (NEUTRALISED.test(cell) ? cell.slice(1) : cell);
