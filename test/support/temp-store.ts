/** A Store on a fresh temporary database file, for tests below the HTTP layer. */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/db/sqlite-store.js';
import type { Store } from '../../src/db/store.js';
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
