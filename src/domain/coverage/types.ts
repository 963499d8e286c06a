/**
 * Input snapshot and results of the coverage engine. The snapshot is a plain, table-shaped copy of
 * the compliance graph: ids are row ids (positive integers), instants are epoch milliseconds and
 * every optional instant is `null` when the column is NULL. Each array is one table (or a
 * projection of it), so building the snapshot is a row-by-row translation. The engine never
 * mutates the snapshot; treat it as immutable once handed over. The engine works on the same
 * tables as columns (ColumnarCoverageGraph in columns.ts, what the repository reads); a graph of
 * row objects is converted to columns before it is prepared.
 */
import type { EvidenceStatus, ImplementationStatus, Relationship } from '../vocabulary.js';

/**
 * Rule 10: the structure (frameworks, requirements, AI-system framework assignments, threats and
 * threat links) is kept as history. A row is live from `createdAt` (absent: always) until
 * `retiredAt` (absent or null: still live), like mappings; the engine evaluates T with the rows
 * live at T only.
 */
export interface Lifespan {
  createdAt?: number;
  retiredAt?: number | null;
}

/** `frameworks`: every framework that can be in scope (threat catalogs may be left out). */
export interface FrameworkInput extends Lifespan {
  id: number;
}

/**
 * `requirement_versions`: one row per version of a requirement's structure, live from
 * `validFrom` (absent: always) until `validTo` (absent or null: still live). Versions of one
 * requirement do not overlap.
 */
export interface RequirementInput {
  id: number;
  frameworkId: number;
  parentId: number | null;
  withdrawn: boolean;
  validFrom?: number;
  validTo?: number | null;
}

/**
 * `control_status_changes`, all rows. `aiSystemId` null: the control's own status (the first row,
 * written when the control is created, is what makes the control exist); otherwise a per-system
 * override, `toStatus` null meaning the override was cleared. `id` breaks ties of `changedAt`.
 */
export interface ControlStatusChangeInput {
  id: number;
  controlId: number;
  aiSystemId: number | null;
  toStatus: ImplementationStatus | null;
  changedAt: number;
}

/** `mappings`, live and retired (the relationship comes from the revisions). */
export interface MappingInput {
  id: number;
  requirementId: number;
  controlId: number;
  createdAt: number;
  retiredAt: number | null;
}

/** `mapping_revisions`, all rows. `id` breaks ties of `validFrom`. */
export interface MappingRevisionInput {
  id: number;
  mappingId: number;
  relationship: Relationship;
  validFrom: number;
}

/**
 * `requirement_links`, live and retired: "the source is ⟨relationship⟩ the target" (which also
 * states the inverse, "the target is ⟨inverse⟩ the source": see crosswalk.ts).
 */
export interface RequirementLinkInput {
  id: number;
  sourceRequirementId: number;
  targetRequirementId: number;
  relationship: Relationship;
  createdAt: number;
  retiredAt: number | null;
}

/** `evidence` (the review columns are not needed: the history is in `evidenceReviews`). */
export interface EvidenceInput {
  id: number;
  createdAt: number;
  collectedAt: number;
  validUntil: number | null;
  aiSystemId: number | null;
}

/** `evidence_controls`. */
export interface EvidenceControlInput {
  evidenceId: number;
  controlId: number;
}

/** `evidence_reviews`, all rows. `id` breaks ties of `reviewedAt`. */
export interface EvidenceReviewInput {
  id: number;
  evidenceId: number;
  status: EvidenceStatus;
  reviewedAt: number;
}

/** `not_applicable_marks`, live and retired. */
export interface NotApplicableMarkInput {
  requirementId: number;
  aiSystemId: number | null;
  createdAt: number;
  retiredAt: number | null;
}

/** `ai_system_frameworks`, live and retired. */
export interface AiSystemFrameworkInput extends Lifespan {
  aiSystemId: number;
  frameworkId: number;
}

/** `threats`, live and retired. */
export interface ThreatInput extends Lifespan {
  id: number;
  frameworkId: number;
}

/** `threat_requirements`, live and retired. */
export interface ThreatRequirementInput extends Lifespan {
  threatId: number;
  requirementId: number;
}

/** Everything the engine reads. Rows referring to ids absent from the snapshot are ignored. */
export interface CoverageGraph {
  frameworks: readonly FrameworkInput[];
  requirements: readonly RequirementInput[];
  controlStatusChanges: readonly ControlStatusChangeInput[];
  mappings: readonly MappingInput[];
  mappingRevisions: readonly MappingRevisionInput[];
  requirementLinks: readonly RequirementLinkInput[];
  evidence: readonly EvidenceInput[];
  evidenceControls: readonly EvidenceControlInput[];
  evidenceReviews: readonly EvidenceReviewInput[];
  notApplicableMarks: readonly NotApplicableMarkInput[];
  /**
   * Requirements outside the applied baselines (OSCAL profiles), shaped like not-applicable marks
   * and live the same way, but they narrow the scope instead (see applicability.ts). Optional.
   */
  baselineExclusions?: readonly NotApplicableMarkInput[];
  aiSystemFrameworks: readonly AiSystemFrameworkInput[];
  threats: readonly ThreatInput[];
  threatRequirements: readonly ThreatRequirementInput[];
}

/** What to evaluate: scope (organisation when `aiSystemId` is null) and instant. */
export interface CoverageQuery {
  /** The instant T, epoch milliseconds. */
  at: number;
  /** null: the whole organisation; otherwise one AI system. */
  aiSystemId: number | null;
  /** Infer mappings through crosswalk links (default true). */
  viaCrosswalks?: boolean;
  /** Longest crosswalk chain, in links (default {@link DEFAULT_MAX_DEPTH}). */
  maxDepth?: number;
}

export const DEFAULT_MAX_DEPTH = 3;

export const CONTROL_STATES = [
  'EFFECTIVE',
  'NOT_IMPLEMENTED',
  'NOT_APPLICABLE',
  'EVIDENCE_MISSING',
  'EVIDENCE_EXPIRED',
  'EVIDENCE_PENDING_REVIEW',
] as const;
export type ControlState = (typeof CONTROL_STATES)[number];

export const COVERAGE_STATUSES = ['COVERED', 'PARTIAL', 'UNCOVERED', 'NOT_APPLICABLE'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

export const MAPPING_KINDS = ['FULL', 'PARTIAL'] as const;
export type MappingKind = (typeof MAPPING_KINDS)[number];

/** Gap reason codes, in the order reasons are listed. */
export const GAP_REASON_CODES = [
  'NO_MAPPING',
  'ONLY_PARTIAL',
  'CONTROL_NOT_IMPLEMENTED',
  'EVIDENCE_MISSING',
  'EVIDENCE_EXPIRED',
  'EVIDENCE_PENDING_REVIEW',
] as const;
export type GapReasonCode = (typeof GAP_REASON_CODES)[number];

export const THREAT_EXPOSURES = ['ADDRESSED', 'PARTIALLY_ADDRESSED', 'EXPOSED'] as const;
export type ThreatExposureLevel = (typeof THREAT_EXPOSURES)[number];

/** Rule-5 counts over the leaves of a framework or subtree. */
export interface CoverageSummary {
  total: number;
  covered: number;
  partial: number;
  uncovered: number;
  notApplicable: number;
  /** covered / (total − notApplicable); null when that is 0. */
  coverageRatio: number | null;
}

export const LINK_DIRECTIONS = ['FORWARD', 'INVERSE'] as const;
/** How a crosswalk step reads its link: from source to target (FORWARD) or from target to source (INVERSE). */
export type LinkDirection = (typeof LINK_DIRECTIONS)[number];

/** One crosswalk link of a way, read from the requirement before it towards `requirementId`. */
export interface CrosswalkStep {
  /** The requirement the step reaches. */
  requirementId: number;
  /** The link: one of the requirement before's or of one of its ancestors (either end of it). */
  linkId: number;
  direction: LinkDirection;
  /** The relationship as read in that direction ("before ⟨relationship⟩ requirementId"). */
  relationship: Relationship;
}

/** A control reaching a requirement, through the best of the ways it does (see crosswalk.ts). */
export interface Contribution {
  controlId: number;
  /** The control's state in the scope at T. */
  state: ControlState;
  kind: MappingKind;
  /** True when reached through at least one crosswalk link. */
  inferred: boolean;
  /**
   * Requirement ids from the evaluated requirement to the one whose (own or inherited) mapping
   * applies: `[R]` for a direct mapping, `[R, B, …]` through crosswalk links.
   */
  path: readonly number[];
  /** The crosswalk steps of the way, one per link (`path` without its first element is their requirements); empty for a direct mapping. */
  steps: readonly CrosswalkStep[];
  /** The requirement holding the mapping row: the last of `path` or one of its ancestors. */
  mappedRequirementId: number;
  mappingId: number;
}

/** A control named by a gap reason. */
export interface ReasonControl {
  controlId: number;
  state: ControlState;
  kind: MappingKind;
  inferred: boolean;
  path: readonly number[];
  steps: readonly CrosswalkStep[];
}

/** Why an applicable leaf is not COVERED; one entry per code, controls sorted by id. */
export interface GapReason {
  code: GapReasonCode;
  controlIds: readonly number[];
  controls: readonly ReasonControl[];
}

/** Coverage of one requirement in the scope at T. */
export interface RequirementCoverage {
  requirementId: number;
  frameworkId: number;
  parentId: number | null;
  leaf: boolean;
  status: CoverageStatus;
  /** COVERED or PARTIAL only thanks to crosswalk inference (leaves; false for non-leaves). */
  inferred: boolean;
  /** The contribution that makes a leaf COVERED or PARTIAL (best by number of links, link ids, control id). */
  via: Contribution | null;
  /** Every control reaching the requirement (own, inherited, inferred), sorted by control id. */
  contributions: readonly Contribution[];
  /** Gap reasons of an applicable leaf that is not COVERED; empty otherwise. */
  reasons: readonly GapReason[];
  /** Rule-5 counts of the leaves under it (itself for a leaf). */
  summary: CoverageSummary;
}

export interface FrameworkCoverage {
  frameworkId: number;
  /** Rolled-up status of all its leaves; null when it has none. */
  status: CoverageStatus | null;
  summary: CoverageSummary;
}

export interface ThreatExposure {
  threatId: number;
  frameworkId: number;
  exposure: ThreatExposureLevel;
  /** Linked requirements evaluated in the scope (in-scope framework, not withdrawn), by id. */
  requirementIds: readonly number[];
  coveredRequirementIds: readonly number[];
  partialRequirementIds: readonly number[];
}

/** A forced control state for {@link simulate}. */
export interface ControlStateOverride {
  controlId: number;
  state: ControlState;
}

export interface RequirementStatusChange {
  requirementId: number;
  frameworkId: number;
  leaf: boolean;
  before: CoverageStatus;
  after: CoverageStatus;
}

export interface ThreatExposureChange {
  threatId: number;
  /** The threat's catalog. */
  frameworkId: number;
  before: ThreatExposureLevel;
  after: ThreatExposureLevel;
}

/** A framework's counts before and after a what-if change. */
export interface FrameworkSummaryChange {
  frameworkId: number;
  before: CoverageSummary;
  after: CoverageSummary;
  /** True when the covered, partial or uncovered count differs. */
  changed: boolean;
}

/** What changes between a scope's coverage as it is and a what-if evaluation of it (same scope, same T). */
export interface CoverageComparison {
  /** Requirements (leaves and rolled-up parents) whose status changes, by (framework id, requirement id). */
  requirements: RequirementStatusChange[];
  /** Threats whose exposure changes, by (framework id, threat id). */
  threats: ThreatExposureChange[];
  /** Frameworks in scope with both summaries, by id (see each what-if for which are listed). */
  frameworks: FrameworkSummaryChange[];
}

/** What changes when one control stops being EFFECTIVE; only the frameworks whose counts change are listed. */
export interface CoverageImpact extends CoverageComparison {
  controlId: number;
  /** The control's state in the scope at T; null when it did not exist. */
  stateBefore: ControlState | null;
  /** The state assumed (NOT_IMPLEMENTED unless another is given); null when the control did not exist. */
  stateAfter: ControlState | null;
}

/** Coverage with some control states forced, compared with coverage as it is; every framework in scope is listed. */
export interface CoverageSimulation extends CoverageComparison {
  /** The forced controls (last override of a control wins), by id, with their state before. */
  controls: { controlId: number; before: ControlState | null; after: ControlState }[];
}

/** What drops when one item of evidence expires; only the frameworks whose counts change are listed. */
export interface EvidenceExpiry extends CoverageComparison {
  evidenceId: number;
  /** The controls whose state would change, by id. */
  controls: { controlId: number; before: ControlState; after: ControlState }[];
}
