/**
 * The import dispatcher's vocabulary. Every import format is one `ImportFormatHandler`: it says
 * whether a document looks like its format (auto-detection) and reads the document into an
 * `ImportPlan`, which the import service then writes in one transaction through the catalog
 * loader. A format is added by listing its handler in `formats.ts` (one line).
 */
import type { ControlWriter } from '../catalog/control-rows.js';
import type { MappingWriter } from '../catalog/mapping-rows.js';
import type { CatalogBundle } from '../catalog/types.js';
import type { CsvTable } from './csv.js';

export { ImportDocumentError } from './import-document-error.js';

/** Every format the import entry point knows (BUNDLE: the native JSON bundle, see bundle-format.ts). */
export const IMPORT_FORMATS = [
  'OSCAL_CATALOG',
  'OSCAL_PROFILE',
  'OSCAL_MAPPING_COLLECTION',
  'CSV_MAPPINGS',
  'CSV_CONTROLS',
  'CSV_LINKS',
  'BUNDLE',
  'CISO_ASSISTANT_LIBRARY',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * MERGE: create what is new, update what changed, leave everything else alone.
 * REPLACE: the same, then retire (never delete) what the file's scope holds but the file no
 * longer contains; see docs/import-export.md, "Importing", for the scope of each format.
 */
export const IMPORT_MODES = ['MERGE', 'REPLACE'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** An item that was not imported: where it is in the file (JSON path or `line N`) and why. */
export interface ImportRejection {
  location: string;
  reason: string;
}

/** Something imported with a caveat (a tolerated defect, a dropped detail). */
export interface ImportWarning {
  location: string;
  message: string;
}

/** Identifiers that named nothing known, reported together (never silently dropped). */
export interface UnresolvedIds {
  kind: 'REQUIREMENT' | 'CONTROL';
  /** The framework searched for REQUIREMENT ids; null when it could not be determined. */
  frameworkRefId: string | null;
  ids: string[];
}

/** What the caller asked for, besides the content. */
export interface ImportRequest {
  /** null: detect from the content. */
  format: ImportFormat | null;
  /** Catalog: the framework to write; profile: the framework it selects from; mapping-collection: the source framework; CSV mappings: the default framework; CSV links: the default source framework. */
  frameworkRefId: string | null;
  /** Mapping-collection: the target framework (inferred from the ids when null); CSV links: the default target framework. */
  targetFrameworkRefId: string | null;
  /** Profile: the baseline's refId (derived from the profile's title when null). */
  baselineRefId: string | null;
  mode: ImportMode;
  /** A name for the source (file name), used in provenance; null when unknown. */
  sourceName: string | null;
  /** SHA-256 (hex) of the file's text: the document's identity when it has no uuid (a restored bundle names it). */
  sourceSha256: string;
  /** MD5 (hex) of the file's text, recorded with a catalog (profiles' back-matter may name a catalog by it). */
  sourceMd5: string;
  /** Catalog or CISO Assistant framework library: import into a framework whose recorded source is another document (title or identity differ; framework-source.ts). */
  replaceSource: boolean;
}

/** The content after its syntax was read (before the format handler interprets it). */
export type ImportDocument =
  /** `encoding`: how the JSON-model value was written (absent: JSON; see encodings.ts). */
  | { syntax: 'json'; value: unknown; encoding?: 'xml' | 'yaml' }
  | { syntax: 'csv'; table: CsvTable };

export interface LookupFramework {
  refId: string;
  name: string;
  version: string;
  kind: string;
  description: string;
  sourceNote: string;
  licenseNote: string;
  sourceUuid: string | null;
  sourceTitle: string | null;
  sourceSha256: string | null;
  sourceMd5: string | null;
}

export interface LookupRequirement {
  refId: string;
  sourceId: string | null;
  parentRefId: string | null;
  kind: string | null;
  withdrawn: boolean;
}

export interface LookupControl {
  refId: string;
  title: string;
  description: string;
  domain: string;
  type: string;
  implementationStatus: string;
  owner: string | null;
}

/** Read access to the graph inside the import's transaction. */
export interface CatalogLookup {
  framework(refId: string): Promise<LookupFramework | undefined>;
  /** The framework's requirements, parents first; empty when the framework does not exist. */
  requirements(frameworkRefId: string): Promise<LookupRequirement[]>;
  /** For each id found in some framework (refId or sourceId): the frameworks holding it, and whether it is withdrawn there. */
  holdersOfIds(ids: readonly string[]): Promise<Map<string, { frameworkRefId: string; withdrawn: boolean }[]>>;
  /** Every live framework (profiles match their imports against the recorded sources). */
  frameworks(): Promise<LookupFramework[]>;
  /** Frameworks holding requirements whose refId or sourceId is one of `ids`, with how many, most first. */
  frameworksHoldingIds(ids: readonly string[], options?: { ignoreCase?: boolean }): Promise<{ frameworkRefId: string; matched: number }[]>;
  controls(refIds: readonly string[]): Promise<LookupControl[]>;
  /** Call between items of a long read: lets other requests be answered (returns at once most of the time). */
  pause(): Promise<void>;
}

/** Where each item of a plan's bundle came from in the file; parallel to the bundle's arrays. */
export interface BundleLocations {
  frameworks?: string[];
  /** [framework entry][requirement]. */
  requirements?: string[][];
  controls?: string[];
  mappings?: string[];
  links?: string[];
}

/** A baseline to write: a selection of one framework's requirements (refIds). */
export interface BaselinePlan {
  refId: string;
  name: string;
  description: string;
  sourceNote: string;
  frameworkRefId: string;
  /** The profile the baseline comes from (its baselineRefId), grouping the baselines of one profile; null when not from a profile. */
  profileRefId?: string | null;
  location: string;
  members: { refId: string; location: string }[];
}

/** What REPLACE may retire, per format. */
export type ReplaceScope =
  /** Requirements of the framework that the file no longer contains are marked withdrawn. */
  | { kind: 'requirements'; frameworkRefId: string }
  /** Live mappings of these frameworks' requirements that the file no longer contains are retired. */
  | { kind: 'mappings'; frameworkRefIds: string[] }
  /** Live links from the source framework to the target framework that the file no longer contains are retired. */
  | { kind: 'links'; sourceFrameworkRefId: string; targetFrameworkRefId: string }
  /** Live members of the baseline that the file no longer selects are removed. */
  | { kind: 'baselineMembers'; baselineRefId: string };

export type CountOutcome = 'created' | 'updated' | 'unchanged' | 'retired';

/**
 * What a step may write through, bound to the import's transaction (rolled back by a dry run).
 * Controls and mappings are written by the same methods the API and the catalog loader use, so
 * their rules (control-rows.ts, mapping-rows.ts) hold on every path. A format whose step needs
 * more declares it here (module augmentation; the native bundle: bundle-restore-port.ts).
 */
export interface StepWriters {
  controls: ControlWriter;
  mappings: MappingWriter;
}

/** What an extra step gets inside the import's transaction. */
export interface ImportStepContext {
  writers: StepWriters;
  /** Actor label for createdBy/changedBy columns. */
  by: string;
  now: Date;
  mode: ImportMode;
  /** Tallies in the report under `kind` (e.g. `aiSystems`). */
  count(kind: string, outcome: CountOutcome, n?: number): void;
  reject(location: string, reason: string): void;
  warn(location: string, message: string): void;
  /** Reports `n` more items processed (progress bars). */
  progress(n?: number): void;
}

/**
 * Extra writes of a format beyond the catalog graph (e.g. the native bundle's AI systems,
 * evidence metadata, applicability). Steps run in order after the bundle and baselines are
 * written, in the same transaction; a thrown error rolls the whole import back.
 */
export interface ImportStep {
  label: string;
  /** Items the step processes, for progress. */
  size: number;
  apply(ctx: ImportStepContext): Promise<void>;
}

/** Everything a format handler read from one document. */
export interface ImportPlan {
  bundle: CatalogBundle;
  locations: BundleLocations;
  baselines: BaselinePlan[];
  /** Applied in REPLACE mode only. */
  replace: ReplaceScope[];
  warnings: ImportWarning[];
  /** Items the handler already refused (the loader adds those it cannot resolve). */
  rejected: ImportRejection[];
  unresolved: UnresolvedIds[];
  /** When true, a control's implementation status in the bundle is applied to existing controls (recorded in its status history). */
  applyControlStatus: boolean;
  steps: ImportStep[];
}

export interface ImportFormatHandler {
  readonly format: ImportFormat;
  /** How the content is read before `detect`/`read` see it. */
  readonly syntax: 'json' | 'csv';
  /** One line for help texts. */
  readonly description: string;
  /** True when the document looks like this format (used when no format is given). */
  detect(document: ImportDocument): boolean;
  /**
   * Reads the document into a plan. Runs inside the import's transaction (the lookup sees the
   * graph as the import will change it). Throws `ImportDocumentError` when the document as a
   * whole cannot be imported.
   */
  read(document: ImportDocument, request: ImportRequest, lookup: CatalogLookup): Promise<ImportPlan>;
}

/** An empty plan to fill in. */
export function emptyPlan(): ImportPlan {
  return {
    bundle: { frameworks: [], controls: [], mappings: [], links: [] },
    locations: {},
    baselines: [],
    replace: [],
    warnings: [],
    rejected: [],
    unresolved: [],
    applyControlStatus: false,
    steps: [],
  };
}

/**
 * Collects repeated tolerated defects into one warning each ("`id_ref` used for `id-ref` at 4
 * places, first $.…"), so a large messy file gives a readable report.
 */
export class WarningTally {
  private readonly tallies = new Map<string, { first: string; count: number }>();

  note(message: string, location: string): void {
    const tally = this.tallies.get(message);
    if (tally) tally.count++;
    else this.tallies.set(message, { first: location, count: 1 });
  }

  warnings(): ImportWarning[] {
    return [...this.tallies].map(([message, { first, count }]) => ({
      location: first,
      message: count === 1 ? message : `${message} (${count} places; the first is given)`,
    }));
  }
}
