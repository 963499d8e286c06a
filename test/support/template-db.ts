/**
 * Test databases start as a copy of a template instead of migrating (and seeding) a new file:
 * the migrated empty database is built once per run (test/support/global-setup.ts); a database
 * seeded with some built-in catalogs is built by the first test that asks for it and reused by
 * the others. A copy is the same database the server would have made itself: the same
 * migrations, the same catalog loader; only the seeded rows' timestamps are those of the build.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inject } from 'vitest';
import { SqliteStore } from '../../src/db/sqlite-store.js';
import { createServices } from '../../src/services/index.js';
import { seedIfEmpty, selectCatalogs } from '../../src/services/seeding.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder of the template databases (made by global-setup.ts). */
    databaseTemplates: string;
  }
}

export const MIGRATED_TEMPLATE = 'migrated.db';

/**
 * Writes the database a new instance with this seed selection would create (`none`: migrated
 * and empty) to `file`, which must not exist yet. Returns false when there is no template folder
 * (a run without the global setup): the caller then lets the store migrate and seed as usual.
 */
export async function copyTemplateDatabase(file: string, seed = 'none'): Promise<boolean> {
  const folder = templateFolder();
  if (!folder || existsSync(file)) return false;
  const catalogs = selectCatalogs(seed).map((c) => c.id);
  if (catalogs.length === 0) return copyMigratedTemplate(file);
  copyInto(await seededTemplate(folder, catalogs), file);
  return true;
}

/** Like copyTemplateDatabase for the migrated empty database, synchronously. */
export function copyMigratedTemplate(file: string): boolean {
  const folder = templateFolder();
  if (!folder || existsSync(file)) return false;
  copyInto(join(folder, MIGRATED_TEMPLATE), file);
  return true;
}

function copyInto(template: string, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  copyFileSync(template, file);
}

/** The run's template folder; undefined outside a vitest run with the global setup. */
export function templateFolder(): string | undefined {
  try {
    return inject('databaseTemplates');
  } catch {
    return undefined;
  }
}

/** The template seeded with these catalogs, built here unless another test file built it already. */
async function seededTemplate(folder: string, catalogs: string[]): Promise<string> {
  const template = join(folder, `seeded-${catalogs.join('+')}.db`);
  if (existsSync(template)) return template;
  // Built in a private folder, then renamed into place: a file seen under the template's name is complete.
  const building = mkdtempSync(join(folder, 'building-'));
  try {
    const file = join(building, 'crosswalk.db');
    copyFileSync(join(folder, MIGRATED_TEMPLATE), file);
    const store = SqliteStore.open(file);
    try {
      const services = createServices(store);
      await seedIfEmpty(store, services, catalogs.join(','), () => {});
      await services.failedAuth.stop();
      await services.tokens.usage.stop();
    } finally {
      await store.close();
    }
    renameSync(file, template);
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}
