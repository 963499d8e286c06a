/** Service-level import tests: a fresh database, the services, and SQL to check what was written. */
import { readFileSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.js';
import * as schema from '../../src/db/schema/index.js';
import { CLI_ACTOR, type Actor } from '../../src/domain/actor.js';
import { createServices, type Services } from '../../src/services/index.js';
import type { ImportInput, ImportOutcome, ImportReport } from '../../src/services/import-service.js';
import { forOperation } from '../../src/services/operation-scope.js';
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
  db: Sqlite.Database;
  /** Repositories on a read-only connection to the same file. */
  repos: Repositories;
  /** Runs an import as the CLI actor (an ADMIN) inside an operation scope, as the CLI does. */
  run(input: ImportInput, actor?: Actor): Promise<ImportOutcome>;
  /** Like run, but fails the test when the import is refused; returns the report. */
  ok(input: ImportInput): Promise<ImportReport>;
  scalar(sql: string, ...params: unknown[]): number;
  /** Row counts of every table (to prove that nothing was written). */
  tableCounts(): Record<string, number>;
  /** Writes a copy of the database to `file` (to start other environments from: openImportEnv(file)). */
  backup(file: string): Promise<void>;
  dispose(): Promise<void>;
}

/** `from`: a database written by `backup` to start from (default: the migrated empty database). */
export function openImportEnv(from?: string): ImportEnv {
  const env = openTempStore(from);
  const services = createServices(env.store);
  const db = new Sqlite(env.file, { readonly: true });
  const run = (input: ImportInput, actor: Actor = CLI_ACTOR) =>
    services.imports.import(forOperation(actor, 'catalogImport'), input);
  return {
    services,
    db,
    repos: createRepositories(drizzle(db, { schema })),
    run,
    async ok(input) {
      const outcome = await run(input);
      if (outcome.errors.length || !outcome.report) throw new Error(`import refused: ${JSON.stringify(outcome.errors)}`);
      return outcome.report;
    },
    scalar: (sql, ...params) => db.prepare(sql).pluck().get(...params) as number,
    tableCounts() {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").pluck().all() as string[];
      return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
    },
    async backup(file) {
      await db.backup(file);
    },
    async dispose() {
      db.close();
      await env.dispose();
    },
  };
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
