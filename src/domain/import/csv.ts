/**
 * Reading CSV for the importers: RFC 4180 quoting (embedded commas, quotes and line breaks), a
 * UTF-8 byte-order mark, CRLF or LF line ends, blank lines skipped. Every row keeps the line
 * number where it starts, so rejections can name it. Headers are matched loosely: case, spaces,
 * `_`, `-` and `.` are ignored ("Control Ref ID" = "control_ref_id" = "controlRefId"). A cell an
 * export made formula-safe (`'=…`, `'-…`: see csv-formula.ts) is read back as the original text.
 */
import { parse } from 'csv-parse/sync';
import { restoreFormulaCell } from '../csv-formula.js';
import { ImportDocumentError } from './import-document-error.js';

export interface CsvRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  values: string[];
}

export interface CsvTable {
  /** The header cells as written. */
  header: string[];
  /** The header cells normalised with `normaliseHeader`. */
  keys: string[];
  rows: CsvRow[];
}

export const normaliseHeader = (name: string): string => name.toLowerCase().replace(/[\s_.\-()/]+/g, '');

/**
 * Reads the text; the first non-blank line is the header. Throws ImportDocumentError naming the
 * line. Each record becomes its row as it is parsed (csv-parse's `on_record`), so memory holds
 * the rows and nothing per row besides them.
 */
export function readCsv(text: string): CsvTable {
  const bytes = Buffer.from(text, 'utf8');
  const lines = new LineCounter(bytes);
  let previousEnd = 0;
  let header: CsvRow | undefined;
  const toRow = (record: string[], info: { bytes: number }): CsvRow | null => {
    const row = { line: lines.lineOfFirstContent(previousEnd), values: record.map(restoreFormulaCell) };
    previousEnd = info.bytes;
    if (!header) {
      header = row;
      return null;
    }
    return record.some((v) => v.trim() !== '') ? row : null;
  };
  let rows: CsvRow[];
  try {
    // csv-parse's types expect on_record to keep the record's type; it may return anything.
    const onRecord = toRow as unknown as (record: string[]) => string[] | null;
    rows = parse(bytes, { bom: true, skip_empty_lines: true, relax_column_count: true, on_record: onRecord }) as unknown as CsvRow[];
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    const reason = (e.message ?? String(error)).replace(/^[^:]*Error: /, '');
    throw new ImportDocumentError(e.lines ? `line ${e.lines}` : '', `not readable as CSV: ${reason}`);
  }
  if (!header) throw new ImportDocumentError('', 'the CSV file is empty: it needs a header line and rows');
  const names = header.values.map((cell) => cell.trim());
  return { header: names, keys: names.map(normaliseHeader), rows };
}

/** The index of the first column whose header is one of `aliases` (normalised), or -1. */
export function columnOf(table: CsvTable, aliases: readonly string[]): number {
  const wanted = aliases.map(normaliseHeader);
  return table.keys.findIndex((key) => wanted.includes(key));
}

/** A row's cell, trimmed; '' when the column is absent or the row is short. */
export const cell = (row: CsvRow, column: number): string => (column < 0 ? '' : (row.values[column] ?? '').trim());

/** Line numbers of byte offsets, counting forward only (offsets are asked for in increasing order). */
class LineCounter {
  private position = 0;
  private line = 1;

  constructor(private readonly bytes: Buffer) {}

  /** The line of the first byte at or after `offset` that is not a line break (or BOM). */
  lineOfFirstContent(offset: number): number {
    let start = offset;
    while (start < this.bytes.length && (this.bytes[start] === 0x0a || this.bytes[start] === 0x0d)) start++;
    if (start === 0 && this.bytes[0] === 0xef && this.bytes[1] === 0xbb && this.bytes[2] === 0xbf) start = 3;
    for (; this.position < start && this.position < this.bytes.length; this.position++) {
      if (this.bytes[this.position] === 0x0a) this.line++;
    }
    return this.line;
  }
}
