/**
 * What every export produces: a file's name, media type and text — given as a sequence of
 * pieces (`chunks`), so that a document is written as it is produced and never held whole —
 * plus helpers shared by the formats.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormulaCell } from '../csv-formula.js';
import { jsonChunks } from './json-stream.js';

/** A document's pieces: there at once (the formatters, SQLite), or awaited (reads on PostgreSQL). */
export type Chunks = Iterable<string> | AsyncIterable<string>;

export interface ExportDocument<C extends Chunks = Iterable<string>> {
  /** A suggested file name, e.g. `coverage-organisation-20260131T120000Z.csv`. */
  filename: string;
  mediaType: string;
  /**
   * The document's text, piece by piece, in order; each call starts again from the beginning.
   * No piece ends inside a UTF-16 surrogate pair, so each can be encoded on its own.
   */
  chunks: () => C;
}

/** The whole text of a document (tests, small documents). */
export const documentText = (doc: Pick<ExportDocument, 'chunks'>): string => [...doc.chunks()].join('');

export const MEDIA_TYPES = {
  CSV: 'text/csv; charset=utf-8',
  JSON: 'application/json',
  OSCAL_JSON: 'application/oscal+json',
} as const;

/** Collects pieces and hands them back joined, in runs of about `chars` characters. */
class Runs {
  private parts: string[] = [];
  private length = 0;
  constructor(private readonly chars: number) {}

  /** Adds a piece; returns a run once the pieces held reach `chars`. */
  add(chunk: string): string | null {
    this.parts.push(chunk);
    this.length += chunk.length;
    return this.length >= this.chars ? this.rest() : null;
  }

  /** What is held, as one run (null when nothing is). */
  rest(): string | null {
    if (this.length === 0) return null;
    const run = this.parts.join('');
    this.parts = [];
    this.length = 0;
    return run;
  }
}

/** Pieces joined into runs of about `chars` characters (fewer, larger writes and hash updates). */
export function* batched(chunks: Iterable<string>, chars = 64 * 1024): Generator<string> {
  const runs = new Runs(chars);
  for (const chunk of chunks) {
    const run = runs.add(chunk);
    if (run !== null) yield run;
  }
  const rest = runs.rest();
  if (rest !== null) yield rest;
}

/** {@link batched} for pieces that are awaited. */
export async function* batchedAsync(chunks: AsyncIterable<string>, chars = 64 * 1024): AsyncGenerator<string> {
  const runs = new Runs(chars);
  for await (const chunk of chunks) {
    const run = runs.add(chunk);
    if (run !== null) yield run;
  }
  const rest = runs.rest();
  if (rest !== null) yield rest;
}

/** SHA-256 of the UTF-8 bytes of the pieces' concatenation, hex. */
export function sha256Of(chunks: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const run of batched(chunks)) hash.update(run, 'utf8');
  return hash.digest('hex');
}

/**
 * CSV as the importers read it back: a header line, RFC 4180 quoting only where needed (commas,
 * quotes, line breaks), LF line ends, UTF-8 without a byte-order mark, and every cell a
 * spreadsheet would read as a formula written with a `'` in front (see csv-formula.ts; the
 * importers remove it). Every CSV export goes through here.
 */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  return [...csvChunks(header, rows)].join('');
}

export type CsvCell = string | number | boolean | null;

/** Records per piece of {@link csvChunks}. */
const CSV_RECORDS_PER_CHUNK = 256;

/** {@link toCsv} piece by piece: the header line, then the records a few hundred at a time, as they come. */
export function* csvChunks(header: readonly string[], rows: Iterable<readonly CsvCell[]>): Generator<string> {
  const record = (row: readonly CsvCell[]) => row.map((v) => neutraliseFormulaCell(v === null ? '' : String(v)));
  yield stringify([[...header]], { record_delimiter: '\n' });
  let batch: string[][] = [];
  for (const row of rows) {
    batch.push(record(row));
    if (batch.length === CSV_RECORDS_PER_CHUNK) {
      yield stringify(batch, { record_delimiter: '\n' });
      batch = [];
    }
  }
  if (batch.length) yield stringify(batch, { record_delimiter: '\n' });
}

/** JSON with two-space indentation and a final line break (`value` may hold streamed parts: json-stream.ts). */
export function* jsonDocument(value: unknown): Generator<string> {
  yield* jsonChunks(value, 2);
  yield '\n';
}

/** {@link jsonDocument} as one string. */
export const toJson = (value: unknown): string => [...jsonDocument(value)].join('');

/** Items mapped one at a time, as they are read. */
export function* mapEach<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

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
