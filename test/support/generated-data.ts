/**
 * The bench generator's organisation (test/bench/generate.ts) as the database of a test server on
 * the test backend (CROSSWALK_TEST_BACKEND), for tests of exports at scale. The rows are generated
 * into a SQLite file once; on SQLite that file is the server's database, on PostgreSQL the rows are
 * copied into a new migrated database (test/bench/pg-load.ts) and the file is deleted, so nothing
 * the server does can read it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copySqliteToPostgres } from '../bench/pg-load.js';
import { generateOrganisation, SIZES } from '../bench/generate.js';
import { createPostgresDatabase, type TestDatabase } from './postgres.js';
import { testBackend } from './server.js';

export interface GeneratedData {
  /** The data directory to start the test server in (on SQLite its crosswalk.db holds the rows). */
  dataDir: string;
  /** PostgreSQL: the database holding the rows; null on SQLite. */
  database: TestDatabase | null;
  /** The environment that starts a test server on these rows (`startTestServer({ dataDir, env })`). */
  env: Record<string, string>;
  /** PostgreSQL rows per table and how long the copy took; null on SQLite. */
  copied: { rows: Record<string, number>; ms: number } | null;
  /** Removes the data directory and drops the database (close the server first). */
  dispose(): Promise<void>;
}

/**
 * Generates size `size` (seed 42, "now" on the current minute) into `<dataDir>/crosswalk.db`,
 * lets `prepare` change that file (raw SQL through better-sqlite3, before any copy), then puts the
 * rows on the test backend.
 */
export async function generateOnTestBackend(prefix: string, options: { size?: string; prepare?: (sqliteFile: string) => void } = {}): Promise<GeneratedData> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dataDir, 'crosswalk.db');
  let database: TestDatabase | null = null;
  const dispose = async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    generateOrganisation(file, SIZES[options.size ?? 'S']!, 42, Math.floor(Date.now() / 60_000) * 60_000);
    options.prepare?.(file);
    if (testBackend() === 'sqlite') return { dataDir, database: null, env: {}, copied: null, dispose };
    database = await createPostgresDatabase();
    const copied = await copySqliteToPostgres(file, database.url);
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
    return { dataDir, database, env: { CROSSWALK_DATABASE_URL: database.url }, copied, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
