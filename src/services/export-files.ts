/**
 * The directory of produced export documents (`<data dir>/exports/`, or a temporary directory
 * when the database is in memory): one file per document, named by a random id (128 bits),
 * mode 0600. Documents are written there by whoever builds them (the export worker, or the main
 * thread in-process) and served by the export download route (src/http/export-routes.ts), so a
 * document never travels through the main thread's heap or a GraphQL answer.
 *
 * A document comes as a sequence of pieces (ExportDocument.chunks, there at once or awaited) and is written as they come,
 * in runs of about WRITE_CHARS characters, each encoded and hashed on its own, so writing holds
 * one run at a time, never the whole document. Which files
 * exist, who may read them and until when is the registry's business (export-registry.ts); this
 * module only writes, opens and removes them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { mkdir, open, readdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { batched, batchedAsync, type Chunks } from '../domain/export/document.js';

/** Characters encoded and written at a time (about). */
const WRITE_CHARS = 256 * 1024;
/** An export file's name: 32 lowercase hex digits. */
export const EXPORT_ID_PATTERN = /^[0-9a-f]{32}$/;

/** A document written to the directory. */
export interface WrittenExport {
  id: string;
  sha256: string;
  byteLength: number;
}

/** The exports directory beside the database file; a fresh temporary one for a database in memory. */
export function exportDirectoryFor(databaseFile: string | null): string {
  return databaseFile === null ? mkdtempSync(join(tmpdir(), 'crosswalk-exports-')) : join(dirname(databaseFile), 'exports');
}

/** Path of the export file `id` in `dir` (`id` must match EXPORT_ID_PATTERN). */
export const exportPath = (dir: string, id: string): string => join(dir, id);

/** A new random export id (EXPORT_ID_PATTERN). */
export const newExportId = (): string => randomBytes(16).toString('hex');

/**
 * Writes the pieces (UTF-8; none may end inside a surrogate pair) to a new file in `dir` under a
 * new random id, created exclusively with mode 0600, as they are produced, and returns its id,
 * SHA-256 and byte length (under `id` when given: the caller can then remove the file if the
 * writer dies). A failure (of the writing or of producing a piece) removes the file.
 */
export async function writeExport(dir: string, chunks: Chunks, id: string = newExportId()): Promise<WrittenExport> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = exportPath(dir, id);
  const file: FileHandle = await open(path, 'wx', 0o600);
  const hash = createHash('sha256');
  let byteLength = 0;
  try {
    const write = async (run: string) => {
      const bytes = Buffer.from(run, 'utf8');
      hash.update(bytes);
      byteLength += bytes.length;
      await file.write(bytes, 0, bytes.length);
    };
    if (Symbol.iterator in chunks) for (const run of batched(chunks, WRITE_CHARS)) await write(run);
    else for await (const run of batchedAsync(chunks, WRITE_CHARS)) await write(run);
    await file.close();
  } catch (error) {
    await file.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw error;
  }
  return { id, sha256: hash.digest('hex'), byteLength };
}

/** Removes the export file `id`; true when there was one. */
export async function removeExport(dir: string, id: string): Promise<boolean> {
  try {
    await unlink(exportPath(dir, id));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Removes the files of `dir` last modified before `before` (epoch ms) that `keep` does not name:
 * documents of an earlier process (the registry lives in memory) or of a CLI run that stopped
 * half-way. Returns how many were removed.
 */
export async function removeStaleExports(dir: string, before: number, keep: (id: string) => boolean): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names) {
    if (!EXPORT_ID_PATTERN.test(name) || keep(name)) continue;
    const info = await stat(join(dir, name)).catch(() => null);
    if (info && info.mtimeMs < before && (await removeExport(dir, name))) removed++;
  }
  return removed;
}
