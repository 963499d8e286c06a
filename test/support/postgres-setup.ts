/**
 * Runs once per `vitest` run of the PostgreSQL project (vitest.config.ts): starts the run's
 * PostgreSQL server in the background with a migrated template database (postgres.ts: test files
 * that ask for a PostgreSQL database wait for it) and stops it when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startSharedPostgres } from './postgres.js';

export default function setup(project: TestProject): () => Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'crosswalk-postgres-'));
  const postgresState = join(folder, 'postgres.json');
  const postgres = startSharedPostgres(postgresState);
  project.provide('postgresState', postgresState);
  return async () => {
    await postgres.stop();
    rmSync(folder, { recursive: true, force: true });
  };
}
