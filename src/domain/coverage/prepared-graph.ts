/**
 * The prepared graph: the typed-array indexes every evaluation reads (built by prepare.ts, one
 * per structure epoch). Requirements, controls and threats are indexed in ascending id order, so
 * comparing indices compares ids; "live" and "leaf" follow the rules in prepare.ts.
 */
import type { ColumnarCoverageGraph } from './columns.js';
import type { Csr, IdIndex } from './indexing.js';
import type { StructureEpoch } from './structure.js';
import type { CoverageGraph } from './types.js';

/** The not-applicable marks are its PreparedMarks fields (reqMarks, markAiSystem, markCreated, markRetired). */
export interface PreparedCoverageGraph extends PreparedMarks {
  readonly prepared: true;

  /** The whole graph, history included, this epoch was cut from. */
  readonly source: ColumnarCoverageGraph;
  /** The structure epoch prepared: every T in [from, to) has this structure. */
  readonly epoch: StructureEpoch;
  /** Every instant at which the source's structure changes, ascending (see structure.ts). */
  readonly structureTimes: Float64Array;

  readonly frameworkIds: Float64Array;
  readonly frameworkIndex: IdIndex;

  /** Requirements, ascending id. */
  readonly reqIds: Float64Array;
  readonly reqIndex: IdIndex;
  readonly reqFramework: Int32Array;
  readonly reqParent: Int32Array;
  readonly reqLive: Uint8Array;
  readonly reqLeaf: Uint8Array;
  /** Live requirements, parents before children. */
  readonly reqOrder: Int32Array;
  /** Live children of each requirement. */
  readonly reqChildren: Csr;

  /** Controls (every control with a status history), ascending id. */
  readonly controlIds: Float64Array;
  readonly controlIndex: IdIndex;
  /** Own status changes per control, by (changedAt, id). */
  readonly ownChanges: Csr;
  readonly changeTime: Float64Array;
  readonly changeStatus: Uint8Array;
  readonly changeControl: Int32Array;
  /** Override changes per AI system id, by (changedAt, id). */
  readonly overrideChanges: ReadonlyMap<number, Int32Array>;

  /** Mappings (any order). */
  readonly mappingIds: Float64Array;
  readonly mapReq: Int32Array;
  readonly mapControl: Int32Array;
  readonly mapCreated: Float64Array;
  readonly mapRetired: Float64Array;
  /** Revisions per mapping, by (validFrom, id). */
  readonly mapRevisions: Csr;
  readonly revTime: Float64Array;
  readonly revKind: Uint8Array;
  /** Mappings held by each live requirement (with a known control). */
  readonly reqMappings: Csr;

  /** Crosswalk links, ascending id; source and target −1 when not live. */
  readonly linkIds: Float64Array;
  readonly linkSource: Int32Array;
  readonly linkTarget: Int32Array;
  /** Index in RELATIONSHIPS; RELATIONSHIPS.length for an unknown one (read as INTERSECTS_WITH). */
  readonly linkRelationship: Uint8Array;
  readonly linkCreated: Float64Array;
  readonly linkRetired: Float64Array;
  /** Links between two distinct live requirements, by source requirement. */
  readonly reqLinks: Csr;
  /** The same links by target requirement (for inverse readings). */
  readonly reqLinksIn: Csr;

  /** Evidence (any order): ids, by evidence index. */
  readonly evIds: Float64Array;
  readonly evCreated: Float64Array;
  readonly evCollected: Float64Array;
  readonly evValidUntil: Float64Array;
  /** AI system id, −1 for none. */
  readonly evAiSystem: Float64Array;
  /** Reviews per evidence, by (reviewedAt, id). */
  readonly evReviews: Csr;
  readonly reviewTime: Float64Array;
  /** Index in EVIDENCE_STATUSES. */
  readonly reviewStatus: Uint8Array;
  /** Evidence indices per control. */
  readonly controlEvidence: Csr;

  /** Baseline exclusions, indexed like the marks; null when there are none. */
  readonly exclusions: PreparedMarks | null;

  /** Framework applicability flags (by framework index) per AI system id. */
  readonly systemFrameworks: ReadonlyMap<number, Uint8Array>;

  /** Threats, ascending id. */
  readonly threatIds: Float64Array;
  readonly threatFrameworkIds: Float64Array;
  /** Linked live requirements per threat, ascending, without duplicates. */
  readonly threatRequirements: Csr;
}

export const isPrepared = (graph: CoverageGraph | ColumnarCoverageGraph | PreparedCoverageGraph): graph is PreparedCoverageGraph =>
  (graph as PreparedCoverageGraph).prepared === true;

/** Marks of one kind (not-applicable marks or baseline exclusions), by live requirement. */
export interface PreparedMarks {
  /** Marks per live requirement. */
  readonly reqMarks: Csr;
  /** AI system id, −1 for an organisation-wide mark. */
  readonly markAiSystem: Float64Array;
  readonly markCreated: Float64Array;
  readonly markRetired: Float64Array;
}
