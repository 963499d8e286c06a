/**
 * The state of one catalog load (see catalog-loader.ts for the rules): its options, the report it
 * fills in, what it touched (REPLACE retires the rest), the import's requirement index, progress
 * and pacing. The writers (write-*.ts, replace.ts) share it.
 */
import type { Repositories } from '../../db/repositories/index.js';
import type { RequirementRow } from '../../db/rows.js';
import { CaseOnlyMatches } from '../../domain/catalog/case-only-ids.js';
import { zeroCounts, type LoadCounts } from '../../domain/catalog/changes.js';
import type { CatalogBundle, RequirementRef } from '../../domain/catalog/types.js';
import type {
  BaselinePlan,
  BundleLocations,
  ImportMode,
  ImportRejection,
  ImportStep,
  ImportWarning,
  ReplaceScope,
  UnresolvedIds,
} from '../../domain/import/types.js';
import { FrameworkRequirementCache } from '../framework-requirements.js';
import { Pacer } from '../pacer.js';

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

export class LoadState {
  readonly policy: LoadPolicy;
  readonly report = emptyLoadReport();
  readonly cache: FrameworkRequirementCache;
  readonly index: RequirementIndex;
  readonly pacer = new Pacer();
  /** What this load wrote or confirmed: REPLACE retires what its scopes hold beyond these. */
  readonly touched = {
    /** framework refId → requirement ids. */
    requirements: new Map<string, Set<number>>(),
    /** `requirementId:controlId`. */
    mappings: new Set<string>(),
    /** `sourceId:targetId`. */
    links: new Set<string>(),
    /** baseline refId → requirement ids. */
    baselineMembers: new Map<string, Set<number>>(),
  };
  private readonly unresolvedRequirements = new Map<string, Set<string>>();
  private readonly unresolvedControls = new Set<string>();
  /** framework refId → the ids read only when case is ignored. */
  private readonly caseOnly = new Map<string, CaseOnlyMatches>();
  private done = 0;
  private readonly total: number;

  constructor(
    readonly repos: Repositories,
    readonly bundle: CatalogBundle,
    readonly by: string,
    readonly now: Date,
    readonly options: LoadOptions,
  ) {
    this.policy = options.policy ?? 'ADD_ONLY';
    this.cache = options.requirements ?? new FrameworkRequirementCache(repos.catalog);
    this.index = new RequirementIndex(this.cache, (ref, row, location) => {
      const matches = this.caseOnly.get(ref.frameworkRefId) ?? new CaseOnlyMatches();
      matches.note(ref.refId, row, location);
      this.caseOnly.set(ref.frameworkRefId, matches);
    });
    this.total =
      bundle.frameworks.reduce((n, f) => n + f.requirements.length + f.threats.length, 0) +
      bundle.controls.length +
      bundle.mappings.length +
      bundle.links.length +
      (options.baselines ?? []).reduce((n, b) => n + b.members.length, 0) +
      (options.steps ?? []).reduce((n, s) => n + s.size, 0);
  }

  /** MERGE or REPLACE (an import), not ADD_ONLY (seeding). */
  get importing(): boolean {
    return this.policy !== 'ADD_ONLY';
  }

  progress(n = 1): void {
    this.done += n;
    this.options.onProgress?.(this.done, this.total);
  }

  /** `progress`, then a pause when this slice of work has run long enough (see Pacer). */
  async tick(n = 1): Promise<void> {
    this.progress(n);
    await this.pacer.pace();
  }

  reject(location: string, reason: string): void {
    this.report.rejected.push({ location, reason });
  }

  warn(location: string, message: string): void {
    this.report.warnings.push({ location, message });
  }

  /** Where the i-th item of `kind` is in the source file. */
  where(kind: keyof BundleLocations, i: number, fallback: string): string {
    const list = this.options.locations?.[kind] as string[] | undefined;
    return list?.[i] ?? fallback;
  }

  noteUnresolvedRequirement(ref: RequirementRef): void {
    const set = this.unresolvedRequirements.get(ref.frameworkRefId) ?? new Set<string>();
    set.add(ref.refId);
    this.unresolvedRequirements.set(ref.frameworkRefId, set);
  }

  noteUnresolvedControl(refId: string): void {
    this.unresolvedControls.add(refId);
  }

  /** Why a requirement reference resolved to nothing. */
  async missingRequirement(ref: RequirementRef): Promise<string> {
    if (!(await this.index.hasFramework(ref.frameworkRefId))) {
      return `framework "${ref.frameworkRefId}" does not exist (requirement "${ref.refId}")`;
    }
    return `requirement ${refText(ref)} not found`;
  }

  /** The report, with the unresolved ids and the ids read ignoring case gathered during the load. */
  finish(): CatalogLoadReport {
    for (const [frameworkRefId, matches] of this.caseOnly) {
      const warning = matches.warning(frameworkRefId);
      if (warning) this.report.warnings.push(warning);
    }
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
}

/**
 * Resolves (frameworkRefId, refId) to requirement rows through the import's requirement cache
 * (each framework read once). A refId that names no requirement is tried as a sourceId (the
 * source document's own id, e.g. the OSCAL `ac-2.1` of `AC-2(1)`) when exactly one requirement
 * has it; then, for an item of the file (`location` given), ignoring case (case-only-ids.ts: the
 * load reports those in one warning per framework).
 */
export class RequirementIndex {
  constructor(
    private readonly cache: FrameworkRequirementCache,
    private readonly onCaseOnly: (ref: RequirementRef, row: RequirementRow, location: string) => void = () => {},
  ) {}

  async hasFramework(frameworkRefId: string): Promise<boolean> {
    return (await this.cache.get(frameworkRefId)).exists;
  }

  async resolve(ref: RequirementRef, location?: string): Promise<RequirementRow | undefined> {
    const entry = await this.cache.get(ref.frameworkRefId);
    const exact = entry.byRefId.get(ref.refId) ?? entry.bySourceId.get(ref.refId);
    if (exact || location === undefined) return exact ?? undefined;
    const folded = entry.byIdIgnoringCase.get(ref.refId.toLowerCase());
    if (folded) this.onCaseOnly(ref, folded, location);
    return folded ?? undefined;
  }
}

export const refText = (ref: RequirementRef) => `"${ref.refId}" in framework "${ref.frameworkRefId}"`;
