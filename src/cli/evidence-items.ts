/**
 * What `evidence upload` is asked to attach: one item per file, from the paths on the command
 * line (directories walked) or the rows of a CSV manifest, with the options as defaults, checked
 * before anything is sent. Items that cannot be attached carry their failure from the start.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import mime from 'mime-types';
import { DEFAULT_MEDIA_TYPE } from '../domain/blobs.js';
import { restoreFormulaCell } from '../domain/csv-formula.js';
import { argumentPath } from './invocation.js';
import { CliError } from './shared.js';

export interface UploadOptions {
  url?: string;
  token?: string;
  control?: string[];
  aiSystem?: string;
  title?: string;
  description?: string;
  collectedAt?: string;
  validUntil?: string;
  mediaType?: string;
  manifest?: string;
  concurrency?: string;
  progress?: boolean;
}

/** One file to attach, as planned from the arguments or a manifest row. */
export interface Item {
  path: string;
  /** How the file is named in messages (relative to where it was found). */
  label: string;
  controls: string[];
  aiSystem: string | null;
  title: string | null;
  description: string | null;
  collectedAt: string | null;
  validUntil: string | null;
  mediaType: string;
  sha256?: string;
  outcome?: { kind: 'created' | 'skipped'; evidenceId: string } | { kind: 'failed'; reason: string };
}

/**
 * Items from the command line: files, and the files in directories (recursively). Paths are
 * relative to the directory the command was run from; files are labelled as the operator named them.
 */
export async function fromPaths(paths: string[], options: UploadOptions): Promise<Item[]> {
  const items: Item[] = [];
  for (const path of paths) {
    const absolute = argumentPath(path);
    const info = await stat(absolute).catch(() => null);
    if (!info) {
      items.push(failedItem(path, options, 'no such file or directory'));
    } else if (info.isDirectory()) {
      for await (const file of walk(absolute)) items.push(makeItem(file, join(path, relative(absolute, file)), options));
    } else {
      items.push(makeItem(absolute, path, options));
    }
  }
  return items;
}

/**
 * The files under a directory. Hidden entries (`.git`, `.env`, …) and `node_modules` are skipped
 * inside it; a directory named on the command line is walked whatever its name.
 */
async function* walk(dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

/** Items from a CSV manifest (header row; columns file, controls, title, collectedAt, validUntil, aiSystem). */
export async function fromManifest(manifest: string, options: UploadOptions): Promise<Item[]> {
  let rows: Record<string, string>[];
  try {
    rows = parse(await readFile(argumentPath(manifest), 'utf8'), {
      columns: (header: string[]) => header.map((h) => h.trim()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      cast: (value: string) => restoreFormulaCell(value),
    });
  } catch (error) {
    throw new CliError(`--manifest ${manifest}: ${(error as Error).message}`);
  }
  if (rows.length > 0 && !('file' in rows[0]!)) throw new CliError(`--manifest ${manifest}: the header row must name a "file" column`);
  const base = dirname(argumentPath(manifest));
  return rows.map((row, index) => {
    const label = `${basename(manifest)}:${index + 2} ${row.file ?? ''}`;
    if (!row.file) return failedItem(label, options, 'the row has no file');
    const controls = row.controls ? row.controls.split(/[;,\s]+/).filter(Boolean) : (options.control ?? []);
    return {
      ...makeItem(resolve(base, row.file), label, options),
      controls,
      title: row.title || options.title || null,
      collectedAt: row.collectedAt || options.collectedAt || null,
      validUntil: row.validUntil || options.validUntil || null,
      aiSystem: row.aiSystem || options.aiSystem || null,
    };
  });
}

function makeItem(path: string, label: string, options: UploadOptions): Item {
  return {
    path,
    label,
    controls: options.control ?? [],
    aiSystem: options.aiSystem ?? null,
    title: options.title ?? null,
    description: options.description ?? null,
    collectedAt: options.collectedAt ?? null,
    validUntil: options.validUntil ?? null,
    // The media type registered for the extension (mime-types), else application/octet-stream.
    mediaType: options.mediaType ?? (mime.lookup(path) || DEFAULT_MEDIA_TYPE),
  };
}

function failedItem(label: string, options: UploadOptions, reason: string): Item {
  return { ...makeItem(label, label, options), outcome: { kind: 'failed', reason } };
}

/** Date arguments: `2027-01-01` (midnight UTC) or an ISO 8601 instant. */
export function parseDate(value: string): string | null {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value) ? null : date.toISOString();
}

/** Marks the item failed when it names no control or a date that is not one. */
export function checkItem(item: Item): void {
  const problems: string[] = [];
  if (item.controls.length === 0) problems.push('no controls (give --control or a controls column)');
  for (const [name, value] of [['collectedAt', item.collectedAt], ['validUntil', item.validUntil]] as const) {
    if (value !== null && parseDate(value) === null) problems.push(`${name} "${value}" is not a date like 2027-01-01`);
  }
  if (problems.length) item.outcome = { kind: 'failed', reason: problems.join('; ') };
}
