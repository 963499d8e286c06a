/**
 * The built-in catalogs shipped in seeds/, loaded through the catalog loader. An empty database
 * gets them at first start; `npm run seed` (re)loads them on request. Loading is idempotent.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config.js';
import { fileURLToPath } from 'node:url';
import { BUILTIN_CATALOGS, type BuiltinCatalog } from '../domain/catalog/builtin-catalogs.js';
import type { CatalogBundle } from '../domain/catalog/types.js';
import { SYSTEM_SEED_ACTOR } from '../domain/actor.js';
import type { Store } from '../db/store.js';
import { createRepositories } from '../db/repositories/index.js';
import type { CatalogLoadReport } from './catalog-loader.js';
import { forOperation } from './operation-scope.js';
import type { Services } from './index.js';

export const SEEDS_FOLDER = fileURLToPath(new URL('../../seeds', import.meta.url));

const STARTER_BUNDLE = 'crosswalk-starter/bundle.json';

/** The project's own starter catalog; it links into the AI RMF and the EU AI Act, so it loads after them. */
const STARTER: BuiltinCatalog = {
  id: 'crosswalk-starter',
  title: 'AI Governance Baseline, security controls and their mappings (Crosswalk starter catalog)',
  files: [STARTER_BUNDLE],
  parse: (files) => ({ bundle: JSON.parse(files[STARTER_BUNDLE]!) as CatalogBundle, warnings: [] }),
};

/** Every built-in catalog in load order. */
export const SEED_CATALOGS: readonly BuiltinCatalog[] = [...BUILTIN_CATALOGS, STARTER];

/**
 * Parses a selection: 'all', 'none', or a comma-separated list of catalog ids. An unknown id is
 * a ConfigError naming `source` (the variable or option the selection came from).
 */
export function selectCatalogs(selection: string, source = 'CROSSWALK_SEED'): BuiltinCatalog[] {
  const wanted = selection.trim();
  if (wanted === 'all') return [...SEED_CATALOGS];
  if (wanted === 'none' || wanted === '') return [];
  const ids = wanted.split(',').map((id) => id.trim());
  const unknown = ids.filter((id) => !SEED_CATALOGS.some((c) => c.id === id));
  if (unknown.length) {
    throw new ConfigError(
      `${source}: unknown catalog(s) ${unknown.join(', ')}; use all, none or a comma list of: ${SEED_CATALOGS.map((c) => c.id).join(', ')}`,
    );
  }
  return SEED_CATALOGS.filter((c) => ids.includes(c.id));
}

export interface SeedResult {
  catalog: string;
  /** The loader's report; its warnings include the catalog parser's (located at the catalog id). */
  report: CatalogLoadReport;
  /** The catalog parser's warnings (also in `report.warnings`). */
  warnings: string[];
}

export interface SeedOptions {
  seedsFolder?: string;
  /** Print every warning and rejection; otherwise the first SHOWN_WITHOUT_VERBOSE rejections and warnings of each catalog. */
  verbose?: boolean;
  /** How to see them all, named after the elided ones (e.g. `npm run seed -- --verbose`). */
  verboseHint?: string;
}

/** Warnings and rejections printed per catalog without `verbose`. */
export const SHOWN_WITHOUT_VERBOSE = 3;

/**
 * Loads the given catalogs in order; each is one transaction. Logs one line per catalog, then
 * its warnings and rejections (all with `verbose`, else the first few and how to see the rest).
 */
export async function seedCatalogs(
  services: Services,
  catalogs: readonly BuiltinCatalog[],
  log: (message: string) => void,
  options: SeedOptions = {},
): Promise<SeedResult[]> {
  const { seedsFolder = SEEDS_FOLDER, verbose = false, verboseHint = 'npm run seed -- --verbose lists them all' } = options;
  const results: SeedResult[] = [];
  for (const catalog of catalogs) {
    const files = Object.fromEntries(catalog.files.map((f) => [f, readFileSync(`${seedsFolder}/${f}`, 'utf8')]));
    const { bundle, warnings } = catalog.parse(files);
    const result = await services.catalogLoader.load(forOperation(SYSTEM_SEED_ACTOR, `catalog.load:${catalog.id}`), bundle);
    if (!result.ok) throw new Error(`loading ${catalog.id} failed: ${JSON.stringify(result.errors)}`);
    const r = result.value;
    r.warnings = [...warnings.map((message) => ({ location: catalog.id, message })), ...r.warnings];
    log(
      `catalog ${catalog.id}: ${r.requirements.created} requirements, ${r.controls.created} controls, ` +
        `${r.mappings.created} mappings, ${r.links.created} links, ${r.threats.created} threats created` +
        (r.rejected.length ? `; ${r.rejected.length} rejected` : '') +
        (r.warnings.length ? `; ${r.warnings.length} warning(s)` : ''),
    );
    for (const lines of [
      r.rejected.map((x) => `  ${catalog.id} rejected ${x.location}: ${x.reason}`),
      r.warnings.map((w) => `  ${catalog.id} warning ${w.location && w.location !== catalog.id ? `${w.location}: ` : ''}${w.message}`),
    ]) {
      for (const line of verbose ? lines : lines.slice(0, SHOWN_WITHOUT_VERBOSE)) log(line);
      if (!verbose && lines.length > SHOWN_WITHOUT_VERBOSE) log(`  … and ${lines.length - SHOWN_WITHOUT_VERBOSE} more (${verboseHint})`);
    }
    results.push({ catalog: catalog.id, report: r, warnings });
  }
  return results;
}

/**
 * At start: an empty database (no framework at all) gets the selected built-in catalogs; the
 * first few warnings of each are printed (`npm run seed -- --verbose` prints them all).
 */
export async function seedIfEmpty(
  store: Store,
  services: Services,
  selection: string,
  log: (message: string) => void,
): Promise<void> {
  const catalogs = selectCatalogs(selection);
  if (catalogs.length === 0) return;
  if ((await createRepositories(store.read).catalog.countFrameworks()) > 0) return;
  await seedCatalogs(services, catalogs, log, { verboseHint: 'npm run seed -- --verbose prints them all; seeding again changes nothing' });
}
