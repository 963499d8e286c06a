/** A Store on a fresh temporary database file, for tests below the HTTP layer. */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openStore } from '../../src/db/open-store.js';
import { SqliteStore } from '../../src/db/sqlite-store.js';
import type { Store } from '../../src/db/store.js';
import type { DatabaseLocation } from './direct-db.js';
import { createPostgresDatabase } from './postgres.js';
import { testBackend } from './server.js';
import { copyMigratedTemplate } from './template-db.js';

/** `from`: a closed database file (or a backup) to start from instead of the migrated empty one. */
export function openTempStore(from?: string): { store: Store; file: string; dispose: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'crosswalk-store-'));
  const file = join(dir, 'crosswalk.db');
  if (from) copyFileSync(from, file);
  else copyMigratedTemplate(file);
  const store = SqliteStore.open(file);
  return {
    store,
    file,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A Store on a fresh migrated database of the test backend (testBackend() in server.ts): a
 * temporary SQLite file, or a database of its own on the run's PostgreSQL server. `location`
 * opens a second connection to it (openDirectDb in direct-db.ts).
 */
export async function openTestStore(): Promise<{ store: Store; location: DatabaseLocation; dispose: () => Promise<void> }> {
  if (testBackend() === 'sqlite') {
    const { store, file, dispose } = openTempStore();
    return { store, location: { dataDir: dirname(file), databaseUrl: null }, dispose };
  }
  const database = await createPostgresDatabase();
  const settings = { databaseFile: '', databaseUrl: database.url, databasePoolSize: 4, databaseStatementTimeoutMs: 0, lockWaitMs: 5_000 };
  const store = await openStore(settings).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  return {
    store,
    location: { dataDir: '', databaseUrl: database.url },
    dispose: async () => {
      await store.close();
      await database.drop();
    },
  };
}
