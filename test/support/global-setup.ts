/**
 * Runs once per `vitest` run, before any test file: builds the migrated empty database that
 * every test database starts as (test/support/template-db.ts copies it), so the migrations run
 * once per run instead of once per test server. Seeded templates are built on first use into
 * the same folder, which is removed when the run ends. (The PostgreSQL project also runs
 * postgres-setup.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { SqliteStore } from '../../src/db/sqlite-store.js';
import { MIGRATED_TEMPLATE } from './template-db.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = mkdtempSync(join(tmpdir(), 'crosswalk-templates-'));
  // Closing the store checkpoints the WAL into the file: a closed file is safe to copy.
  await SqliteStore.open(join(folder, MIGRATED_TEMPLATE)).close();
  project.provide('databaseTemplates', folder);
  return async () => {
    rmSync(folder, { recursive: true, force: true });
  };
}
