/**
 * Writes a CatalogBundle (and, for imports, baselines and extra steps) into the graph in one
 * transaction, matching existing rows by refId. Used by seeding (`load`) and by the import
 * service (`transaction` + `write`).
 *
 * Rules common to every policy (loading the same bundle twice changes nothing):
 * - Frameworks, requirements and threats are created, or updated field by field when the
 *   bundle's text differs; nothing is deleted.
 * - Controls are created with the bundle's status; an existing control keeps its status (the
 *   organisation owns it) unless the caller asks to apply it (`applyControlStatus`: the change is
 *   recorded in the control's status history), and gets its descriptive fields updated.
 * - References that resolve to nothing are reported in `rejected` (with their location) and in
 *   `unresolved` (the distinct ids, together), never silently dropped.
 *
 * Policies for mappings, crosswalk links and baseline members:
 * - ADD_ONLY (seeding): created only when the pair never existed; one the organisation retired
 *   is not brought back, one that exists is left as it is.
 * - MERGE (imports): as ADD_ONLY, but a live mapping or link whose relationship, strength,
 *   rationale (or provenance) differ is updated: a mapping gets a new revision, a link is retired
 *   and replaced (links keep no revisions, so history stays readable). A retired pair is not
 *   brought back (a warning says so).
 * - REPLACE (imports): as MERGE, a retired pair in the file is created again, and then whatever
 *   the file's scopes (`ReplaceScope`) hold that the file no longer contains is retired:
 *   requirements are marked withdrawn, mappings and links retired, baseline members removed.
 *   Nothing is deleted. When anything in the file was rejected, REPLACE retires nothing (a
 *   partly-read file must not retire what it failed to say) and a warning says so.
 */
import { systemClock } from '../clock.js';
import type { CatalogRepository } from '../db/repositories/catalog-repository.js';
import type { RequirementLinkInsert } from '../db/repositories/requirement-link-repository.js';
import { createRepositories, type Repositories } from '../db/repositories/index.js';
import type { BaselineRow, ControlRow, MappingRow, RequirementLinkRow, RequirementRow } from '../db/rows.js';
import type { Store } from '../db/store.js';
import { actorLabel, type Actor } from '../domain/actor.js';
import { isAllowed } from '../domain/authorization.js';
import { changedFields, isEmpty, zeroCounts, type LoadCounts } from '../domain/catalog/changes.js';
import { frameworkFields, requirementFields } from '../domain/catalog/item-fields.js';
import type { CatalogBundle, CatalogFrameworkEntry, RequirementRef } from '../domain/catalog/types.js';
import { fail, ok, type Result } from '../domain/errors.js';
import type { NodeType } from '../domain/global-id.js';
import type {
  BaselinePlan,
  BundleLocations,
  CountOutcome,
  ImportMode,
  ImportRejection,
  ImportStep,
  ImportWarning,
  ReplaceScope,
  UnresolvedIds,
} from '../domain/import/types.js';
import { FrameworkRequirementCache } from './framework-requirements.js';
import type { AuditRecorder, MutationRunner, OperationContext } from './mutation-runner.js';
import { Pacer } from './pacer.js';
import { duplicateLinkMessage } from './requirement-link-service.js';

export type LoadPolicy = 'ADD_ONLY' | ImportMode;

export interface LoadOptions {
  /** Default ADD_ONLY (seeding). */
  policy?: LoadPolicy;
  /** Where each bundle item is in the source file; defaults to bundle paths (`mappings[3]`). */
  locations?: BundleLocations;
  baselines?: readonly BaselinePlan[];
  /** Scopes REPLACE retires in (ignored by other policies). */
  replace?: readonly ReplaceScope[];
  /** Apply the bundle's control statuses to existing controls (recorded in their history). */
  applyControlStatus?: boolean;
  /** Extra writes after the bundle and baselines, in the same transaction. */
  steps?: readonly ImportStep[];
  /** Rejections already made before loading (by the format handler). */
  priorRejections?: number;
  /** Called as items are processed. */
  onProgress?: (done: number, total: number) => void;
  /** The import's requirement cache, shared with its format handler (a new one when omitted). */
  requirements?: FrameworkRequirementCache;
}

/** Links are inserted in multi-row statements of at most this many rows. */
const LINK_BATCH = 500;

export interface CatalogLoadReport {
  frameworks: LoadCounts;
  requirements: LoadCounts;
  controls: LoadCounts;
  mappings: LoadCounts;
  links: LoadCounts;
  threats: LoadCounts;
  threatLinks: LoadCounts;
  baselines: LoadCounts;
  baselineMembers: LoadCounts;
  /** Tallies of kinds written by extra steps (e.g. the native bundle's AI systems). */
  other: Record<string, LoadCounts>;
  /** Items that could not be loaded, each with where it is in the bundle and why. */
  rejected: ImportRejection[];
  warnings: ImportWarning[];
  unresolved: UnresolvedIds[];
}

export function emptyLoadReport(): CatalogLoadReport {
  return {
    frameworks: zeroCounts(),
    requirements: zeroCounts(),
    controls: zeroCounts(),
    mappings: zeroCounts(),
    links: zeroCounts(),
    threats: zeroCounts(),
    threatLinks: zeroCounts(),
    baselines: zeroCounts(),
    baselineMembers: zeroCounts(),
    other: {},
    rejected: [],
    warnings: [],
    unresolved: [],
  };
}

/** Thrown inside a dry run's transaction to roll it back while keeping the operation's result. */
class DryRunRollback<T> extends Error {
  constructor(readonly result: Result<T>) {
    super('dry run: rolled back');
  }
}

export class CatalogLoader {
  constructor(
    private readonly runner: MutationRunner,
    private readonly store?: Store,
    private readonly clock: () => Date = systemClock,
  ) {}

  /** Loads a bundle in one transaction (ADD_ONLY unless `options.policy` says otherwise). */
  load(actor: Actor, bundle: CatalogBundle, options: LoadOptions = {}): Promise<Result<CatalogLoadReport>> {
    return this.transaction(actor, false, async ({ repos, now }) =>
      ok(await this.write(repos, bundle, actorLabel(actor), now, options)),
    );
  }

  /**
   * Runs `operation` in one write transaction with CATALOG_EDIT. A real run goes through the
   * mutation runner (audited; rolled back when the operation fails). A dry run computes the same
   * result on the same kind of transaction and then rolls everything back, whatever the result;
   * the attempt is then recorded in the audit trail like any mutation (SUCCESS with what the
   * operation recorded and `dryRun: true`, or REJECTED/DENIED), and nothing else is written.
   */
  async transaction<T>(actor: Actor, dryRun: boolean, operation: (ctx: OperationContext) => Promise<Result<T>>): Promise<Result<T>> {
    if (!dryRun) return this.runner.run(actor, 'CATALOG_EDIT', operation);
    if (!this.store) throw new Error('CatalogLoader needs the store for dry runs');
    // Refused like any mutation (audited as DENIED) before anything runs.
    if (!isAllowed(actor, 'CATALOG_EDIT')) return this.runner.run(actor, 'CATALOG_EDIT', async () => fail([]));
    const recorded: { targets: [NodeType, number][]; before?: { value: unknown }; after?: { value: unknown } } = { targets: [] };
    const audit: AuditRecorder = {
      target: (type, id) => void recorded.targets.push([type, id]),
      before: (value) => void (recorded.before = { value }),
      after: (value) => void (recorded.after = { value }),
    };
    let result: Result<T>;
    try {
      await this.store.transaction(async (tx) => {
        throw new DryRunRollback(await operation({ repos: createRepositories(tx), actor, now: this.clock(), audit }));
      });
      throw new Error('unreachable: a dry run always rolls back');
    } catch (error) {
      if (!(error instanceof DryRunRollback)) {
        await this.runner.auditError(actor, [], error);
        throw error;
      }
      result = error.result as Result<T>;
    }
    // Only the audit entry of the attempt is written.
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ audit: real }) => {
      if (!result.ok) return result;
      for (const [type, id] of recorded.targets) real.target(type, id);
      if (recorded.before) real.before(recorded.before.value);
      const after = recorded.after ? recorded.after.value : result.value;
      real.after(typeof after === 'object' && after !== null && !Array.isArray(after) ? { dryRun: true, ...after } : { dryRun: true, result: after });
      return result;
    });
  }

  /** Writes the bundle with the repositories of the current transaction. */
  async write(repos: Repositories, bundle: CatalogBundle, by: string, now: Date, options: LoadOptions = {}): Promise<CatalogLoadReport> {
    return new LoadRun(repos, bundle, by, now, options).run();
  }
}

/** One load: its state (indexes, touched rows, the report) lives here. */
class LoadRun {
  private readonly repo: CatalogRepository;
  private readonly policy: LoadPolicy;
  private readonly report = emptyLoadReport();
  private readonly index: RequirementIndex;
  private readonly cache: FrameworkRequirementCache;
  private readonly pacer = new Pacer();
  private readonly unresolvedRequirements = new Map<string, Set<string>>();
  private readonly unresolvedControls = new Set<string>();
  private readonly touched = {
    requirements: new Map<string, Set<number>>(),
    mappings: new Set<string>(),
    links: new Set<string>(),
    baselineMembers: new Map<string, Set<number>>(),
  };
  private done = 0;
  private readonly total: number;

  constructor(
    private readonly repos: Repositories,
    private readonly bundle: CatalogBundle,
    private readonly by: string,
    private readonly now: Date,
    private readonly options: LoadOptions,
  ) {
    this.repo = repos.catalog;
    this.policy = options.policy ?? 'ADD_ONLY';
    this.cache = options.requirements ?? new FrameworkRequirementCache(this.repo);
    this.index = new RequirementIndex(this.cache);
    this.total =
      bundle.frameworks.reduce((n, f) => n + f.requirements.length + f.threats.length, 0) +
      bundle.controls.length +
      bundle.mappings.length +
      bundle.links.length +
      (options.baselines ?? []).reduce((n, b) => n + b.members.length, 0) +
      (options.steps ?? []).reduce((n, s) => n + s.size, 0);
  }

  private get importing(): boolean {
    return this.policy !== 'ADD_ONLY';
  }

  private progress(n = 1): void {
    this.done += n;
    this.options.onProgress?.(this.done, this.total);
  }

  /** `progress`, then a pause when this slice of work has run long enough (see Pacer). */
  private async tick(n = 1): Promise<void> {
    this.progress(n);
    await this.pacer.pace();
  }

  private reject(location: string, reason: string): void {
    this.report.rejected.push({ location, reason });
  }

  private warn(location: string, message: string): void {
    this.report.warnings.push({ location, message });
  }

  private where(kind: keyof BundleLocations, i: number, fallback: string): string {
    const list = this.options.locations?.[kind] as string[] | undefined;
    return list?.[i] ?? fallback;
  }

  private noteUnresolvedRequirement(ref: RequirementRef): void {
    const set = this.unresolvedRequirements.get(ref.frameworkRefId) ?? new Set<string>();
    set.add(ref.refId);
    this.unresolvedRequirements.set(ref.frameworkRefId, set);
  }

  async run(): Promise<CatalogLoadReport> {
    for (const [i, entry] of this.bundle.frameworks.entries()) {
      const frameworkId = await this.writeFramework(entry);
      await this.writeRequirements(frameworkId, entry, i);
    }
    const controls = await this.writeControls();
    await this.writeMappings(controls);
    await this.writeLinks();
    for (const [i, entry] of this.bundle.frameworks.entries()) {
      if (entry.threats.length === 0) continue;
      await this.writeThreats(entry, `frameworks[${i}]`);
    }
    for (const baseline of this.options.baselines ?? []) await this.writeBaseline(baseline);
    if (this.policy === 'REPLACE') await this.retireOutsideFile();
    for (const step of this.options.steps ?? []) await this.runStep(step);

    this.report.unresolved = [
      ...[...this.unresolvedRequirements].map(([frameworkRefId, ids]) => ({
        kind: 'REQUIREMENT' as const,
        frameworkRefId,
        ids: [...ids].sort(),
      })),
      ...(this.unresolvedControls.size ? [{ kind: 'CONTROL' as const, frameworkRefId: null, ids: [...this.unresolvedControls].sort() }] : []),
    ];
    return this.report;
  }

  private async writeFramework(entry: CatalogFrameworkEntry): Promise<number> {
    const f = entry.framework;
    const source = entry.source;
    const fields = {
      ...frameworkFields(f),
      ...(source ? { sourceUuid: source.uuid, sourceTitle: source.title, sourceSha256: source.sha256, sourceMd5: source.md5 } : {}),
    };
    const current = await this.repo.frameworkByRefId(f.refId);
    if (!current) {
      const row = await this.repo.insertFramework({ refId: f.refId, ...fields, createdAt: this.now, updatedAt: this.now });
      this.report.frameworks.created++;
      return row.id;
    }
    const patch = changedFields(current, fields);
    if (isEmpty(patch)) this.report.frameworks.unchanged++;
    else {
      await this.repo.updateFramework(current.id, { ...patch, updatedAt: this.now });
      this.report.frameworks.updated++;
    }
    return current.id;
  }

  private async writeRequirements(frameworkId: number, entry: CatalogFrameworkEntry, fi: number): Promise<void> {
    const known = await this.cache.get(entry.framework.refId);
    const existing = new Map(known.rows.map((r) => [r.refId, r]));
    const touched = new Set<number>();
    const locations = this.options.locations?.requirements?.[fi];
    const seen = new Set<string>();
    for (const [i, r] of entry.requirements.entries()) {
      await this.tick();
      const location = locations?.[i] ?? `frameworks[${fi}].requirements[${i}]`;
      if (this.importing && seen.has(r.refId)) {
        this.reject(location, `"${r.refId}" appears more than once in the file`);
        continue;
      }
      seen.add(r.refId);
      const parentId = r.parentRefId === null ? null : (existing.get(r.parentRefId)?.id ?? undefined);
      if (parentId === undefined) {
        this.reject(location, `parent "${r.parentRefId}" of "${r.refId}" is not defined before it`);
        continue;
      }
      const fields = { parentId, ...requirementFields(r) };
      const current = existing.get(r.refId);
      if (!current) {
        const row = await this.repo.insertRequirement({ frameworkId, refId: r.refId, ...fields, createdAt: this.now, updatedAt: this.now });
        existing.set(row.refId, row);
        touched.add(row.id);
        this.report.requirements.created++;
        continue;
      }
      touched.add(current.id);
      const patch = changedFields(current, fields);
      if (isEmpty(patch)) this.report.requirements.unchanged++;
      else {
        await this.repo.updateRequirement(current.id, { ...patch, updatedAt: this.now });
        existing.set(r.refId, { ...current, ...patch });
        this.report.requirements.updated++;
      }
    }
    this.touched.requirements.set(entry.framework.refId, touched);
    const framework = known.framework ?? (await this.repo.frameworkByRefId(entry.framework.refId));
    if (framework?.id !== frameworkId) throw new Error(`framework ${entry.framework.refId} changed during the import`);
    this.cache.replace(entry.framework.refId, framework, existing.values());
  }

  private async writeControls(): Promise<Map<string, ControlRow>> {
    const referenced = new Set([...this.bundle.controls.map((c) => c.refId), ...this.bundle.mappings.map((m) => m.controlRefId)]);
    const rows = new Map((await this.repo.controlsByRefIds([...referenced])).map((c) => [c.refId, c]));
    for (const [i, c] of this.bundle.controls.entries()) {
      await this.tick();
      const fields = { title: c.title, description: c.description, domain: c.domain, type: c.type, owner: c.owner };
      const current = rows.get(c.refId);
      if (!current) {
        const row = await this.repo.insertControl(
          { refId: c.refId, ...fields, implementationStatus: c.implementationStatus, createdAt: this.now, updatedAt: this.now },
          this.by,
        );
        rows.set(row.refId, row);
        this.report.controls.created++;
        continue;
      }
      const patch = changedFields(current, fields);
      const statusChanges = this.options.applyControlStatus === true && current.implementationStatus !== c.implementationStatus;
      if (isEmpty(patch) && !statusChanges) {
        this.report.controls.unchanged++;
        continue;
      }
      if (!isEmpty(patch)) await this.repo.updateControl(current.id, { ...patch, updatedAt: this.now });
      if (statusChanges) {
        await this.repo.setControlStatus(current, c.implementationStatus, this.now, this.by);
        this.warn(this.where('controls', i, `controls[${i}]`), `status of control "${c.refId}" changed from ${current.implementationStatus} to ${c.implementationStatus} (recorded in its status history)`);
      }
      rows.set(c.refId, { ...current, ...patch });
      this.report.controls.updated++;
    }
    return rows;
  }

  private async writeMappings(controls: Map<string, ControlRow>): Promise<void> {
    const controlIds = [...controls.values()].map((c) => c.id);
    const history = pairHistory(await this.repos.mappings.byControls(controlIds), (m) => `${m.requirementId}:${m.controlId}`);
    for (const [i, m] of this.bundle.mappings.entries()) {
      await this.tick();
      const location = this.where('mappings', i, `mappings[${i}]`);
      const requirement = await this.index.resolve(m.requirement);
      const control = controls.get(m.controlRefId);
      if (!requirement || !control) {
        if (!requirement) this.noteUnresolvedRequirement(m.requirement);
        if (!control) this.unresolvedControls.add(m.controlRefId);
        const reasons = [
          !requirement ? await this.missingRequirement(m.requirement) : null,
          !control ? `control "${m.controlRefId}" not found` : null,
        ].filter((r): r is string => r !== null);
        this.reject(location, reasons.join('; '));
        continue;
      }
      if (this.importing && requirement.withdrawn) {
        this.reject(location, `requirement ${refText(m.requirement)} is withdrawn and cannot be mapped`);
        continue;
      }
      const key = `${requirement.id}:${control.id}`;
      this.touched.mappings.add(key);
      const values = { relationship: m.relationship, strength: m.strength, rationale: m.rationale };
      const outcome = await this.upsert(key, history, location, `mapping of ${refText(m.requirement)} to control "${m.controlRefId}"`, {
        same: (live: MappingRow) => live.relationship === values.relationship && live.strength === values.strength && live.rationale === values.rationale,
        update: (live: MappingRow) => this.repo.reviseMapping(live.id, values, this.now, this.by),
        insert: async () => {
          await this.repo.insertMapping({
            requirementId: requirement.id,
            controlId: control.id,
            ...values,
            createdAt: this.now,
            createdBy: this.by,
            updatedAt: this.now,
          });
        },
      });
      this.report.mappings[outcome]++;
    }
  }

  /**
   * Crosswalk links: each endpoint resolved through the index (one read per framework), the
   * existing links of every endpoint read in one query, new links inserted in batches.
   */
  private async writeLinks(): Promise<void> {
    if (this.bundle.links.length === 0) return;
    const ends: (readonly [RequirementRow | undefined, RequirementRow | undefined])[] = [];
    for (const link of this.bundle.links) {
      await this.pacer.pace();
      ends.push([await this.index.resolve(link.source), await this.index.resolve(link.target)]);
    }
    const endpointIds = new Set(ends.flatMap(([s, t]) => [s?.id, t?.id].filter((id): id is number => id !== undefined)));
    // Keyed source:target; the reverse key of a pair finds a live link stated the other way round.
    const history = pairHistory(await this.repo.linksFrom([...endpointIds]), (l) => `${l.sourceRequirementId}:${l.targetRequirementId}`);
    const liveInLoad = new Set<string>();
    let pending: RequirementLinkInsert[] = [];
    const flush = async () => {
      if (pending.length) await this.repos.requirementLinks.insertMany(pending);
      pending = [];
    };
    for (const [i, link] of this.bundle.links.entries()) {
      await this.tick();
      const location = this.where('links', i, `links[${i}]`);
      const [source, target] = ends[i]!;
      if (!source || !target) {
        const reasons: string[] = [];
        if (!source) {
          this.noteUnresolvedRequirement(link.source);
          reasons.push(await this.missingRequirement(link.source));
        }
        if (!target) {
          this.noteUnresolvedRequirement(link.target);
          reasons.push(await this.missingRequirement(link.target));
        }
        this.reject(location, reasons.join('; '));
        continue;
      }
      if (this.importing) {
        const problem =
          source.frameworkId === target.frameworkId
            ? 'source and target are in the same framework; crosswalk links join two frameworks'
            : source.withdrawn || target.withdrawn
              ? `requirement ${refText(source.withdrawn ? link.source : link.target)} is withdrawn and cannot be linked`
              : null;
        if (problem) {
          this.reject(location, problem);
          continue;
        }
      }
      const key = `${source.id}:${target.id}`;
      const reverseKey = `${target.id}:${source.id}`;
      // One live link per unordered pair: the oldest live one states it (as findLiveBetween answers).
      const forward = history.get(key)?.live;
      const reverse = history.get(reverseKey)?.live;
      if ((reverse && (!forward || reverse.id < forward.id)) || (liveInLoad.has(reverseKey) && !liveInLoad.has(key))) {
        this.reject(location, `link from ${refText(link.source)} to ${refText(link.target)}: ${duplicateLinkMessage(false)}`);
        continue;
      }
      this.touched.links.add(key);
      const values = { relationship: link.relationship, strength: link.strength, rationale: link.rationale, provenance: link.provenance };
      const insert = async () => {
        pending.push({
          sourceRequirementId: source.id,
          targetRequirementId: target.id,
          ...values,
          createdAt: this.now,
          createdBy: this.by,
          updatedAt: this.now,
        });
        if (pending.length >= LINK_BATCH) await flush();
      };
      const outcome = await this.upsert(key, history, location, `link from ${refText(link.source)} to ${refText(link.target)}`, {
        same: (live: RequirementLinkRow) =>
          live.relationship === values.relationship &&
          live.strength === values.strength &&
          live.rationale === values.rationale &&
          live.provenance === values.provenance,
        // Links keep no revisions: the old link is retired and a new one created.
        update: async (live: RequirementLinkRow) => {
          await this.repos.requirementLinks.retire(live.id, this.now, this.by);
          await insert();
        },
        insert,
      });
      if (outcome !== 'unchanged' || forward) liveInLoad.add(key);
      this.report.links[outcome]++;
    }
    await flush();
  }

  /** The shared rules for mappings and links (see the policies at the top of the file). */
  private async upsert<T>(
    key: string,
    history: Map<string, PairState<T>>,
    location: string,
    what: string,
    actions: { same(live: T): boolean; update(live: T): Promise<void>; insert(): Promise<void> },
  ): Promise<CountOutcome> {
    const state = history.get(key) ?? { live: undefined, retired: false, written: false };
    history.set(key, state);
    if (state.written) return 'unchanged'; // the same pair again in this load
    state.written = true;
    if (state.live !== undefined) {
      if (!this.importing || actions.same(state.live)) return 'unchanged';
      await actions.update(state.live);
      return 'updated';
    }
    if (state.retired && this.policy !== 'REPLACE') {
      if (this.importing) this.warn(location, `the ${what} was retired here; MERGE does not bring it back (REPLACE does)`);
      return 'unchanged';
    }
    await actions.insert();
    return 'created';
  }

  private async missingRequirement(ref: RequirementRef): Promise<string> {
    if (!(await this.index.hasFramework(ref.frameworkRefId))) {
      return `framework "${ref.frameworkRefId}" does not exist (requirement "${ref.refId}")`;
    }
    return `requirement ${refText(ref)} not found`;
  }

  private async writeThreats(entry: CatalogFrameworkEntry, location: string): Promise<void> {
    const framework = await this.repo.frameworkByRefId(entry.framework.refId);
    if (!framework) return;
    const existing = new Map((await this.repo.threatsOf(framework.id)).map((t) => [t.refId, t]));
    const pairs = await this.repo.threatRequirementPairs([...existing.values()].map((t) => t.id));
    for (const [i, t] of entry.threats.entries()) {
      await this.tick();
      const parentId = t.parentRefId === null ? null : (existing.get(t.parentRefId)?.id ?? undefined);
      if (parentId === undefined) {
        this.reject(`${location}.threats[${i}]`, `parent threat "${t.parentRefId}" not defined before "${t.refId}"`);
        continue;
      }
      const fields = { parentId, name: t.name, description: t.description };
      let row = existing.get(t.refId);
      if (!row) {
        row = await this.repo.insertThreat({ frameworkId: framework.id, refId: t.refId, ...fields, createdAt: this.now, updatedAt: this.now });
        existing.set(row.refId, row);
        this.report.threats.created++;
      } else {
        const patch = changedFields(row, fields);
        if (isEmpty(patch)) this.report.threats.unchanged++;
        else {
          await this.repo.updateThreat(row.id, { ...patch, updatedAt: this.now });
          this.report.threats.updated++;
        }
      }
      for (const [j, ref] of t.addressedBy.entries()) {
        const requirement = await this.index.resolve(ref);
        if (!requirement) {
          this.noteUnresolvedRequirement(ref);
          this.reject(`${location}.threats[${i}].addressedBy[${j}]`, `requirement ${refText(ref)} not found`);
          continue;
        }
        const key = `${row.id}:${requirement.id}`;
        if (pairs.has(key)) {
          this.report.threatLinks.unchanged++;
          continue;
        }
        pairs.add(key);
        await this.repo.insertThreatRequirement({ threatId: row.id, requirementId: requirement.id, createdAt: this.now, createdBy: this.by });
        this.report.threatLinks.created++;
      }
    }
  }

  private async writeBaseline(plan: BaselinePlan): Promise<void> {
    const framework = await this.repo.frameworkByRefId(plan.frameworkRefId);
    if (!framework) {
      this.progress(plan.members.length);
      this.reject(plan.location, `framework "${plan.frameworkRefId}" does not exist: import its catalog first`);
      return;
    }
    const baselines = this.repos.baselines;
    let baseline: BaselineRow | undefined = await baselines.findByRefId(plan.refId);
    const fields = { name: plan.name, description: plan.description, sourceNote: plan.sourceNote, ...(plan.profileRefId !== undefined ? { profileRefId: plan.profileRefId } : {}) };
    if (baseline && baseline.frameworkId !== framework.id) {
      this.progress(plan.members.length);
      this.reject(plan.location, `baseline "${plan.refId}" already exists for another framework; choose another baselineRefId`);
      return;
    }
    if (!baseline) {
      baseline = await baselines.insert({ refId: plan.refId, frameworkId: framework.id, ...fields, createdAt: this.now, updatedAt: this.now });
      this.report.baselines.created++;
    } else {
      const patch = changedFields(baseline, fields);
      if (isEmpty(patch)) this.report.baselines.unchanged++;
      else {
        await baselines.update(baseline.id, { ...patch, updatedAt: this.now });
        this.report.baselines.updated++;
      }
    }
    const live = new Map((await baselines.liveMembers(baseline.id)).map((m) => [m.requirementId, m]));
    const touched = this.touched.baselineMembers.get(plan.refId) ?? new Set<number>();
    for (const member of plan.members) {
      await this.tick();
      const ref = { frameworkRefId: plan.frameworkRefId, refId: member.refId };
      const requirement = await this.index.resolve(ref);
      if (!requirement) {
        this.noteUnresolvedRequirement(ref);
        this.reject(member.location, `requirement ${refText(ref)} not found`);
        continue;
      }
      if (touched.has(requirement.id)) continue;
      touched.add(requirement.id);
      if (live.has(requirement.id)) {
        this.report.baselineMembers.unchanged++;
        continue;
      }
      await baselines.addMember(baseline.id, requirement.id, this.now, this.by);
      this.report.baselineMembers.created++;
    }
    this.touched.baselineMembers.set(plan.refId, touched);
  }

  private async retireOutsideFile(): Promise<void> {
    const scopes = this.options.replace ?? [];
    if (scopes.length === 0) return;
    const rejected = this.report.rejected.length + (this.options.priorRejections ?? 0);
    if (rejected > 0) {
      this.warn('', `REPLACE retired nothing because ${rejected} item(s) of the file were rejected; fix them and import again`);
      return;
    }
    for (const scope of scopes) {
      switch (scope.kind) {
        case 'requirements': {
          const framework = await this.repo.frameworkByRefId(scope.frameworkRefId);
          if (!framework) break;
          const kept = this.touched.requirements.get(scope.frameworkRefId) ?? new Set<number>();
          for (const r of (await this.cache.get(scope.frameworkRefId)).rows) {
            await this.pacer.pace();
            if (kept.has(r.id) || r.withdrawn) continue;
            await this.repo.updateRequirement(r.id, { withdrawn: true, updatedAt: this.now });
            this.report.requirements.retired++;
          }
          break;
        }
        case 'mappings': {
          const frameworks = await this.repo.frameworksByRefIds(scope.frameworkRefIds);
          for (const m of await this.repo.liveMappingsOfFrameworks(frameworks.map((f) => f.id))) {
            if (this.touched.mappings.has(`${m.requirementId}:${m.controlId}`)) continue;
            await this.repos.mappings.update(m.id, { retiredAt: this.now, retiredBy: this.by, updatedAt: this.now });
            this.report.mappings.retired++;
          }
          break;
        }
        case 'links': {
          const source = await this.repo.frameworkByRefId(scope.sourceFrameworkRefId);
          const target = await this.repo.frameworkByRefId(scope.targetFrameworkRefId);
          if (!source || !target) break;
          for (const l of await this.repo.liveLinksBetween(source.id, target.id)) {
            if (this.touched.links.has(`${l.sourceRequirementId}:${l.targetRequirementId}`)) continue;
            await this.repos.requirementLinks.retire(l.id, this.now, this.by);
            this.report.links.retired++;
          }
          break;
        }
        case 'baselineMembers': {
          const baseline = await this.repos.baselines.findByRefId(scope.baselineRefId);
          if (!baseline) break;
          const kept = this.touched.baselineMembers.get(scope.baselineRefId) ?? new Set<number>();
          for (const m of await this.repos.baselines.liveMembers(baseline.id)) {
            if (kept.has(m.requirementId)) continue;
            await this.repos.baselines.removeMember(m.id, this.now, this.by);
            this.report.baselineMembers.retired++;
          }
          break;
        }
      }
    }
  }

  private async runStep(step: ImportStep): Promise<void> {
    const report = this.report;
    await step.apply({
      repos: this.repos,
      by: this.by,
      now: this.now,
      mode: this.policy === 'REPLACE' ? 'REPLACE' : 'MERGE',
      count: (kind, outcome, n = 1) => {
        const counts = (report.other[kind] ??= zeroCounts());
        counts[outcome] += n;
      },
      reject: (location, reason) => this.reject(location, reason),
      warn: (location, message) => this.warn(location, message),
      progress: (n = 1) => this.progress(n),
    });
  }
}

/** A (requirement, control) or (source, target) pair: its live row, whether a retired row exists, whether this load wrote it. */
interface PairState<T> {
  live: T | undefined;
  retired: boolean;
  written: boolean;
}

function pairHistory<T extends { retiredAt: Date | null }>(rows: readonly T[], keyOf: (row: T) => string): Map<string, PairState<T>> {
  const history = new Map<string, PairState<T>>();
  for (const row of rows) {
    const state = history.get(keyOf(row)) ?? { live: undefined, retired: false, written: false };
    if (row.retiredAt === null) state.live = row;
    else state.retired = true;
    history.set(keyOf(row), state);
  }
  return history;
}

/**
 * Resolves (frameworkRefId, refId) to requirement rows through the import's requirement cache
 * (each framework read once). A refId that names no requirement is tried as a sourceId (the
 * source document's own id, e.g. the OSCAL `ac-2.1` of `AC-2(1)`) when exactly one requirement
 * has it.
 */
class RequirementIndex {
  constructor(private readonly cache: FrameworkRequirementCache) {}

  async hasFramework(frameworkRefId: string): Promise<boolean> {
    return (await this.cache.get(frameworkRefId)).exists;
  }

  async resolve(ref: RequirementRef): Promise<RequirementRow | undefined> {
    const entry = await this.cache.get(ref.frameworkRefId);
    return entry.byRefId.get(ref.refId) ?? entry.bySourceId.get(ref.refId) ?? undefined;
  }
}

const refText = (ref: RequirementRef) => `"${ref.refId}" in framework "${ref.frameworkRefId}"`;
