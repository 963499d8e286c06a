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
  report: CatalogLoadReport;
  warnings: string[];
}

/** Loads the given catalogs in order; each is one transaction. */
export async function seedCatalogs(
  services: Services,
  catalogs: readonly BuiltinCatalog[],
  log: (message: string) => void,
  seedsFolder = SEEDS_FOLDER,
): Promise<SeedResult[]> {
  const results: SeedResult[] = [];
  for (const catalog of catalogs) {
    const files = Object.fromEntries(catalog.files.map((f) => [f, readFileSync(`${seedsFolder}/${f}`, 'utf8')]));
    const { bundle, warnings } = catalog.parse(files);
    const result = await services.catalogLoader.load(forOperation(SYSTEM_SEED_ACTOR, `catalog.load:${catalog.id}`), bundle);
    if (!result.ok) throw new Error(`loading ${catalog.id} failed: ${JSON.stringify(result.errors)}`);
    const r = result.value;
    log(
      `catalog ${catalog.id}: ${r.requirements.created} requirements, ${r.controls.created} controls, ` +
        `${r.mappings.created} mappings, ${r.links.created} links, ${r.threats.created} threats created` +
        (r.rejected.length ? `; ${r.rejected.length} rejected` : '') +
        (warnings.length ? `; ${warnings.length} warnings` : ''),
    );
    results.push({ catalog: catalog.id, report: r, warnings });
  }
  return results;
}

/** At start: an empty database (no framework at all) gets the selected built-in catalogs. */
export async function seedIfEmpty(
  store: Store,
  services: Services,
  selection: string,
  log: (message: string) => void,
): Promise<void> {
  const catalogs = selectCatalogs(selection);
  if (catalogs.length === 0) return;
  if ((await createRepositories(store.read).catalog.countFrameworks()) > 0) return;
  await seedCatalogs(services, catalogs, log);
}
