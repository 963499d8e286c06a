import { mkdirSync, statfsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Temporary files (the test databases, data directories, the compiled build) go to the
 * memory-backed /dev/shm when it exists with room to spare: every commit of a test database
 * waits for an fsync (synchronous=FULL), which costs nothing there. TMPDIR, when set, wins.
 */
function memoryBackedTmp(): string | undefined {
  try {
    const fs = statfsSync('/dev/shm');
    if (fs.bavail * fs.bsize < 2 * 1024 ** 3) return undefined;
    const dir = '/dev/shm/crosswalk-tests';
    mkdirSync(dir, { recursive: true });
    return dir;
  } catch {
    return undefined;
  }
}
if (!process.env.TMPDIR) {
  const tmp = memoryBackedTmp();
  if (tmp) process.env.TMPDIR = tmp;
}

/**
 * Test files that need a PostgreSQL server (started once per run by postgres-setup.ts). They
 * form the `postgres` project; every other file is the `sqlite` project, which starts no
 * PostgreSQL (`npx vitest run --project sqlite` runs the SQLite part alone).
 */
const POSTGRES_FILES = ['test/db/postgres-*.test.ts', 'test/db/*-both.test.ts', 'test/storage/**/*.test.ts', 'test/cli/migrate*.test.ts'];
/**
 * API suites that also run on PostgreSQL (the `postgres-api` project: the same files with
 * CROSSWALK_TEST_BACKEND=postgres, so test/support/server.ts starts each server on a copy of the
 * PostgreSQL template). They stay in the `sqlite` project too. docs/postgresql.md lists them.
 */
const API_ON_POSTGRES = [
  ...inDir('test/api', [
    'ai-systems', 'applicability', 'controls', 'coverage-cache', 'coverage-changes', 'coverage-consistency', 'coverage-ids', 'coverage-parallel-read', 'coverage-rules', 'coverage-whatif', 'crosswalk-import',
    'crosswalk', 'date-time', 'evidence-expiring', 'evidence', 'frameworks', 'history', 'id-arguments', 'mappings', 'nested-paging', 'nested-query',
    'requirements', 'threats',
    'readme-walkthrough',
  ]),

  ...inDir('test/access', ['audit-tamper', 'audit-trail', 'cli', 'failed-auth-audit', 'roles', 'root-field-rules', 'scoped-tokens', 'tokens']),

  ...inDir('test/evidence-files', ['attach', 'cli', 'clock', 'crash', 'download', 'housekeeping', 'missing-files', 'upload']),

  ...inDir('test/interop', [
    'baseline-applicability', 'baseline-coverage', 'catalog-import-api', 'ciso-assistant', 'cli', 'csv-formula', 'csv-round-trip', 'csv', 'export-bundle', 'export-cli',
    'export-coverage', 'export-mappings', 'export-oscal-schema', 'export-oscal', 'export-paged', 'export-snapshot', 'export-stream', 'export-units', 'formats', 'import-messages',
    'import-provenance', 'import-scale', 'mapping-collections', 'multi-catalog-profiles', 'oscal-encodings', 'oscal-profiles', 'transactions', 'write-paths',
  ]),

  ...inDir('test/security', [
    'cli-output-files', 'conformance', 'coverage-cost', 'database-lock', 'export-downloads', 'export-too-large', 'export-work', 'faults', 'filenames', 'input', 'large-import', 'limits',
    'persisted-queries', 'rate-limit', 'restore-provenance', 'revocation', 'transport',
  ]),

  ...inDir('test/http', ['cors', 'dashboard', 'explorer', 'http', 'keep-alive', 'per-request-work', 'real-clients', 'shutdown']),

  ...inDir('test/ops', ['logs', 'metrics']),

  ...inDir('test/fuzz', ['random-queries']),

  ...inDir('test/services', ['seeding']),
];
/** The test files `dir/<name>.test.ts` for each name. */
function inDir(dir: string, names: string[]): string[] {
  return names.map((name) => `${dir}/${name}.test.ts`);
}
/** Builds the migrated template database every SQLite test database is copied from. */
const SQLITE_SETUP = 'test/support/global-setup.ts';

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: POSTGRES_FILES, globalSetup: [SQLITE_SETUP] } },
      // Files that compare both backends use SQLite stores too.
      { extends: true, test: { name: 'postgres', include: POSTGRES_FILES, globalSetup: [SQLITE_SETUP, 'test/support/postgres-setup.ts'] } },
      {
        extends: true,
        test: { name: 'postgres-api', include: API_ON_POSTGRES, env: { CROSSWALK_TEST_BACKEND: 'postgres' }, globalSetup: [SQLITE_SETUP, 'test/support/postgres-setup.ts'] },
      },
    ],
    // Generous: a timeout only ends a test that hangs. Tests that spawn the CLI or a server wait
    // for whole processes, which takes long on a loaded machine; no test measures time.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // A worker runs many files and imports the application's modules once for all of them, not
    // once per file (the import took a third of the suite's CPU time). Files share nothing else:
    // every file starts its own servers and databases, restores what it mocks, and leaves no
    // state in module scope (the application's module-level values are caches keyed by object).
    isolate: false,
    // Test files spend much of their time waiting (HTTP, child processes, the disk): one more
    // worker than cores keeps the cores busy (vitest's default is one fewer).
    maxWorkers: availableParallelism() + 1,
    // Files and the tests in each file run in a random order (the seed is printed; repeat an
    // order with --sequence.seed=<n>): no test may depend on another having run before it.
    sequence: { shuffle: { files: true, tests: true } },
  },
});
