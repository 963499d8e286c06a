/**
 * Writes a CatalogBundle (and, for imports, baselines and extra steps) into the graph in one
 * transaction, matching existing rows by refId. Used by seeding (`load`) and by the import
 * service (`write`, inside its own mutation, dry or not: MutationRunner's `dryRun`).
 *
 * Rules common to every policy (loading the same bundle twice changes nothing):
 * - Frameworks, requirements and threats are created, or updated field by field when the
 *   bundle's text differs; nothing is deleted (catalog-load/write-frameworks.ts).
 * - Controls are created with the bundle's status; an existing control keeps its status (the
 *   organisation owns it) unless the caller asks to apply it (`applyControlStatus`: the change is
 *   recorded in the control's status history), and gets its descriptive fields updated
 *   (catalog-load/write-controls.ts). Controls and mappings are written by the rules the API
 *   uses (domain/catalog/control-rows.ts, mapping-rows.ts).
 * - References that resolve to nothing are reported in `rejected` (with their location) and in
 *   `unresolved` (the distinct ids, together), never silently dropped.
 *
 * Policies for mappings, crosswalk links and baseline members (catalog-load/pairs.ts):
 * - ADD_ONLY (seeding): created only when the pair never existed; one the organisation retired
 *   is not brought back, one that exists is left as it is.
 * - MERGE (imports): as ADD_ONLY, but a live mapping or link whose relationship, strength,
 *   rationale (or provenance) differ is updated: a mapping gets a new revision, a link is retired
 *   and replaced (links keep no revisions, so history stays readable). A retired pair is not
 *   brought back (a warning says so).
 * - REPLACE (imports): as MERGE, a retired pair in the file is created again, and then whatever
 *   the file's scopes (`ReplaceScope`) hold that the file no longer contains is retired
 *   (catalog-load/replace.ts).
 */
import type { Repositories } from '../db/repositories/index.js';
import { actorLabel, type Actor } from '../domain/actor.js';
import { zeroCounts } from '../domain/catalog/changes.js';
import type { CatalogBundle } from '../domain/catalog/types.js';
import { ok, type Result } from '../domain/errors.js';
import type { ImportStep } from '../domain/import/types.js';
import { LoadState, type CatalogLoadReport, type LoadOptions } from './catalog-load/load-state.js';
import { retireOutsideFile } from './catalog-load/replace.js';
import { writeBaseline } from './catalog-load/write-baselines.js';
import { writeControls, writeMappings } from './catalog-load/write-controls.js';
import { writeFramework, writeRequirements, writeThreats } from './catalog-load/write-frameworks.js';
import { writeLinks } from './catalog-load/write-links.js';
import type { MutationRunner } from './mutation-runner.js';

export { emptyLoadReport, type CatalogLoadReport, type LoadOptions, type LoadPolicy } from './catalog-load/load-state.js';

export class CatalogLoader {
  constructor(private readonly runner: MutationRunner) {}

  /** Loads a bundle in one audited transaction with CATALOG_EDIT (ADD_ONLY unless `options.policy` says otherwise). */
  load(actor: Actor, bundle: CatalogBundle, options: LoadOptions = {}): Promise<Result<CatalogLoadReport>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, now }) => ok(await this.write(repos, bundle, actorLabel(actor), now, options)));
  }

  /** Writes the bundle with the repositories of the current transaction, in this order. */
  async write(repos: Repositories, bundle: CatalogBundle, by: string, now: Date, options: LoadOptions = {}): Promise<CatalogLoadReport> {
    const load = new LoadState(repos, bundle, by, now, options);
    for (const [i, entry] of bundle.frameworks.entries()) {
      const frameworkId = await writeFramework(load, entry);
      await writeRequirements(load, frameworkId, entry, i);
    }
    const controls = await writeControls(load);
    await writeMappings(load, controls);
    await writeLinks(load);
    for (const [i, entry] of bundle.frameworks.entries()) {
      if (entry.threats.length > 0) await writeThreats(load, entry, `frameworks[${i}]`);
    }
    for (const baseline of options.baselines ?? []) await writeBaseline(load, baseline);
    if (load.policy === 'REPLACE') await retireOutsideFile(load);
    for (const step of options.steps ?? []) await runStep(load, step);
    return load.finish();
  }
}

/** Runs an extra step of the plan with the writers of the load's transaction. */
async function runStep(load: LoadState, step: ImportStep): Promise<void> {
  const { repos, report } = load;
  await step.apply({
    writers: { controls: repos.controls, mappings: repos.mappings, bundle: repos.bundle },
    by: load.by,
    now: load.now,
    mode: load.policy === 'REPLACE' ? 'REPLACE' : 'MERGE',
    count: (kind, outcome, n = 1) => {
      const counts = (report.other[kind] ??= zeroCounts());
      counts[outcome] += n;
    },
    reject: (location, reason) => load.reject(location, reason),
    warn: (location, message) => load.warn(location, message),
    progress: (n = 1) => load.progress(n),
  });
}
