/** What every export produces: a file's name, media type and text, plus helpers shared by the formats. */
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormulaCell } from '../csv-formula.js';

export interface ExportDocument {
  /** A suggested file name, e.g. `coverage-organisation-20260131T120000Z.csv`. */
  filename: string;
  mediaType: string;
  content: string;
}

export const MEDIA_TYPES = {
  CSV: 'text/csv; charset=utf-8',
  JSON: 'application/json',
  OSCAL_JSON: 'application/oscal+json',
} as const;

/** SHA-256 of the document's UTF-8 bytes, hex. */
export const sha256Of = (content: string): string => createHash('sha256').update(content, 'utf8').digest('hex');

/** UTF-8 byte length of the content. */
export const byteLengthOf = (content: string): number => Buffer.byteLength(content, 'utf8');

/**
 * CSV as the importers read it back: a header line, RFC 4180 quoting only where needed (commas,
 * quotes, line breaks), LF line ends, UTF-8 without a byte-order mark, and every cell a
 * spreadsheet would read as a formula written with a `'` in front (see csv-formula.ts; the
 * importers remove it). Every CSV export goes through here.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  const cells = rows.map((row) => row.map((v) => neutraliseFormulaCell(v === null ? '' : String(v))));
  return stringify([[...header], ...cells], { record_delimiter: '\n' });
}

/** JSON with two-space indentation and a final line break. */
export const toJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Orders identifiers as people read them: runs of digits compare as numbers (`AC-2` before
 * `AC-10`), everything else by code unit; ties (`AC-02` and `AC-2`) fall back to plain code-unit
 * order. A total order that does not depend on the machine's locale data.
 */
export function naturalCompare(a: string, b: string): number {
  const x = a.match(/\d+|\D+/g) ?? [];
  const y = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    const pd = p.charCodeAt(0) >= 48 && p.charCodeAt(0) <= 57;
    const qd = q.charCodeAt(0) >= 48 && q.charCodeAt(0) <= 57;
    if (pd && qd) {
      const pn = p.replace(/^0+(?=\d)/, '');
      const qn = q.replace(/^0+(?=\d)/, '');
      if (pn.length !== qn.length) return pn.length - qn.length;
      if (pn !== qn) return pn < qn ? -1 : 1;
      continue;
    }
    return p < q ? -1 : 1;
  }
  if (x.length !== y.length) return x.length - y.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `2026-01-31T12:00:00.000Z` → `20260131T120000Z` (for file names). */
export function compactInstant(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** A name usable in a file name: letters, digits, `.`, `_` and `-`. */
export function fileSafe(text: string): string {
  return text.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'unnamed';
}
