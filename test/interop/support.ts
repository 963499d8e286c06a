/** Service-level import tests: a fresh database of the test backend, the services, and SQL to check what was written. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.js';
import * as schema from '../../src/db/schema/index.js';
import { CLI_ACTOR, type Actor } from '../../src/domain/actor.js';
import { createServices, type Services } from '../../src/services/index.js';
import type { ImportInput, ImportOutcome, ImportReport } from '../../src/services/import-service.js';
import { forOperation } from '../../src/services/operation-scope.js';
import type { Store } from '../../src/db/store.js';
import { runCli, type CliResult } from '../access/helpers.js';
import { createPostgresDatabase, type TestDatabase } from '../support/postgres.js';
import { testBackend } from '../support/server.js';
import { postgresSql, sqliteSql, type TestSql } from '../support/sql.js';
import { openTempStore } from '../support/temp-store.js';

export const SP800_53 = 'seeds/nist-sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json';
export const SP800_53_PROFILE = (level: 'LOW' | 'MODERATE' | 'HIGH' | 'PRIVACY') => `seeds/nist-sp800-53-rev5/NIST_SP-800-53_rev5_${level}-baseline_profile.json`;
export const SP800_53_LOW_RESOLVED = 'seeds/nist-sp800-53-rev5/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog-min.json';
export const CSF = 'seeds/nist-csf-2.0/NIST_CSF_v2.0_catalog-min.json';
export const EU_AI_ACT = 'seeds/eu-ai-act-oscal/catalog.json';
export const EU_PROFILE = (name: string) => `seeds/eu-ai-act-oscal/profiles/${name}.profile.json`;
export const PCI_MAPPING = 'test/fixtures/oscal-examples/example_PCI_v4-to-NIST_800-53_rev4_mapping-collection.json';
export const GENAI_CATALOG = 'test/fixtures/oscal-compass/nist_ai_rmf_gen_ai_catalog.json';
export const GENAI_ISO_MAPPING = 'test/fixtures/oscal-compass/nist_ai_rmf_genai_to_iso_42001_mapping-collection.json';
export const ISO_IDS_CATALOG = 'test/fixtures/interop/iso-42001-ids.catalog.json';

export const read = (path: string) => readFileSync(path, 'utf8');

export interface ImportEnv {
  services: Services;
  /** SQL on the environment's database (either backend: test/support/sql.ts). */
  sql: TestSql;
  /** Repositories on the same database (SQLite: a read-only connection to the same file). */
  repos: Repositories;
  /** Runs an import as the CLI actor (an ADMIN) inside an operation scope, as the CLI does. */
  run(input: ImportInput, actor?: Actor): Promise<ImportOutcome>;
  /** Like run, but fails the test when the import is refused; returns the report. */
  ok(input: ImportInput): Promise<ImportReport>;
  scalar<T = number>(sql: string, ...params: unknown[]): Promise<T>;
  /** Row counts of every table (to prove that nothing was written). */
  tableCounts(): Promise<Record<string, number>>;
  /**
   * A copy of the database to start other environments from (openImportEnv(base)). On
   * PostgreSQL the copy is made from the database as a template, so this environment's
   * connections are ended first: call it last, then dispose.
   */
  backup(): Promise<ImportBase>;
  dispose(): Promise<void>;
}

/** A database written by ImportEnv.backup. */
export interface ImportBase {
  readonly from: string;
  dispose(): Promise<void>;
}

/**
 * A fresh database of the test backend (CROSSWALK_TEST_BACKEND: a SQLite file, or a database on
 * the run's PostgreSQL server) with the services on it; `from`: a database written by `backup`
 * to start from (default: the migrated empty database).
 */
export async function openImportEnv(from?: ImportBase): Promise<ImportEnv> {
  const postgres = testBackend() === 'postgres';
  const database = postgres ? await createPostgresDatabase({ template: from?.from }) : null;
  const env = database ? await postgresEnv(database) : sqliteEnv(from?.from);
  const services = createServices(env.store);
  const sql = database ? await postgresSql(database.url) : sqliteSql(env.file!);
  const run = (input: ImportInput, actor: Actor = CLI_ACTOR) =>
    services.imports.import(forOperation(actor, 'catalogImport'), input);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await sql.close();
    await env.close();
  };
  return {
    services,
    sql,
    repos: env.repos,
    run,
    async ok(input) {
      const outcome = await run(input);
      if (outcome.errors.length || !outcome.report) throw new Error(`import refused: ${JSON.stringify(outcome.errors)}`);
      return outcome.report;
    },
    scalar: (query, ...params) => sql.scalar(query, ...params),
    tableCounts: () => sql.tableCounts(),
    async backup() {
      if (!database) {
        const dir = mkdtempSync(join(tmpdir(), 'crosswalk-import-base-'));
        const file = join(dir, 'base.db');
        const source = new Sqlite(env.file!, { readonly: true });
        try {
          await source.backup(file);
        } finally {
          source.close();
        }
        return { from: file, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
      }
      await close();
      const copy = await createPostgresDatabase({ template: database.name });
      return { from: copy.name, dispose: () => copy.drop() };
    },
    async dispose() {
      await close();
      await env.dispose();
    },
  };
}

type OpenedEnv = { store: Store; file: string | null; repos: Repositories; close(): Promise<void>; dispose(): Promise<void> };

function sqliteEnv(from?: string): OpenedEnv {
  const env = openTempStore(from);
  const reader = new Sqlite(env.file, { readonly: true });
  return {
    store: env.store,
    file: env.file,
    repos: createRepositories(drizzle(reader, { schema })),
    async close() {
      reader.close();
      await env.store.close();
    },
    dispose: () => env.dispose(),
  };
}

async function postgresEnv(database: TestDatabase): Promise<OpenedEnv> {
  const { PostgresStore } = await import('../../src/db/pg-store.js');
  const store = PostgresStore.connect(database.url);
  return {
    store,
    file: null,
    repos: createRepositories(store.read),
    close: () => store.close(),
    dispose: () => database.drop(),
  };
}

/** The compiled CLI (runCli) on a test server's database: its data directory and, on PostgreSQL, its URL. */
export function runCliOn(server: { dataDir: string; databaseUrl: string | null }, args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
  return runCli(server.dataDir, args, { ...(server.databaseUrl ? { CROSSWALK_DATABASE_URL: server.databaseUrl } : {}), ...extraEnv });
}

/** The counts of one kind in a report, e.g. count(report, 'links'). */
export function count(report: ImportReport, kind: string) {
  const c = report.counts.find((x) => x.kind === kind);
  if (!c) throw new Error(`no counts for ${kind}`);
  const { kind: _kind, ...rest } = c;
  return rest;
}

/** Nothing but `unchanged` in any kind. */
export function onlyUnchanged(report: ImportReport): boolean {
  return report.counts.every((c) => c.created === 0 && c.updated === 0 && c.retired === 0);
}
