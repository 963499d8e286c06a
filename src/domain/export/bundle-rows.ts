/**
 * The rows the native bundle is written from, as the bundle writer needs them (the repository's
 * rows have these fields and may have more): every live row of the graph, each table ordered by
 * id unless said otherwise. Instants are Dates; references are row ids.
 */
import type { ControlFields, FrameworkFields, RequirementFields } from '../catalog/item-fields.js';
import type { EvidenceContent } from './evidence-content.js';
import type { AiSystemRole, EvidenceStatus, ImplementationStatus, Relationship, RiskLevel } from '../vocabulary.js';

interface Timestamps {
  createdAt: Date;
  updatedAt: Date;
}

/** A link or assignment retired by a later change (rule 10). */
interface Retirement {
  retiredAt: Date | null;
  retiredBy: string | null;
}

export interface BundleFrameworkRow extends FrameworkFields, Timestamps {
  id: number;
  refId: string;
  /** The document its requirements were last imported from (all null: never imported). */
  sourceUuid: string | null;
  sourceTitle: string | null;
  sourceSha256: string | null;
  sourceMd5: string | null;
}

export interface BundleRequirementRow extends RequirementFields, Timestamps {
  id: number;
  frameworkId: number;
  parentId: number | null;
  refId: string;
}

export interface BundleRequirementVersionRow {
  requirementId: number;
  parentId: number | null;
  withdrawn: boolean;
  validFrom: Date;
  validTo: Date | null;
}

export interface BundleThreatRow extends Timestamps {
  id: number;
  frameworkId: number;
  parentId: number | null;
  refId: string;
  name: string;
  description: string;
}

export interface BundleThreatRequirementRow extends Retirement {
  threatId: number;
  requirementId: number;
  createdAt: Date;
  createdBy: string;
}

export interface BundleControlRow extends ControlFields, Timestamps {
  id: number;
  refId: string;
}

export interface BundleControlStatusChangeRow {
  controlId: number;
  aiSystemId: number | null;
  fromStatus: ImplementationStatus | null;
  toStatus: ImplementationStatus | null;
  comment: string | null;
  changedAt: Date;
  changedBy: string;
}

export interface BundleAiSystemRow extends Timestamps {
  id: number;
  name: string;
  description: string;
  purpose: string;
  riskLevel: RiskLevel;
  role: AiSystemRole;
  owner: string | null;
}

export interface BundleAiSystemFrameworkRow extends Retirement {
  aiSystemId: number;
  frameworkId: number;
  createdAt: Date;
  createdBy: string;
}

export interface BundleAiSystemControlStatusRow {
  controlId: number;
  aiSystemId: number;
  status: ImplementationStatus;
  comment: string | null;
  updatedAt: Date;
  updatedBy: string;
}

export interface BundleMappingRow extends Timestamps, Retirement {
  id: number;
  requirementId: number;
  controlId: number;
  relationship: Relationship;
  strength: number | null;
  rationale: string;
  createdBy: string;
}

export interface BundleMappingRevisionRow {
  mappingId: number;
  relationship: Relationship;
  strength: number | null;
  rationale: string;
  validFrom: Date;
  changedBy: string;
}

export interface BundleRequirementLinkRow extends Timestamps, Retirement {
  sourceRequirementId: number;
  targetRequirementId: number;
  relationship: Relationship;
  strength: number | null;
  rationale: string;
  provenance: string;
  createdBy: string;
}

export interface BundleNotApplicableRow extends Retirement {
  requirementId: number;
  aiSystemId: number | null;
  justification: string;
  createdAt: Date;
  createdBy: string;
}

export interface BundleEvidenceRow extends EvidenceContent, Timestamps {
  id: number;
  collectedAt: Date;
  validUntil: Date | null;
  status: EvidenceStatus;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
  aiSystemId: number | null;
  idempotencyKey: string | null;
  createdBy: string;
}

export interface BundleEvidenceControlRow {
  evidenceId: number;
  controlId: number;
}

export interface BundleEvidenceReviewRow {
  evidenceId: number;
  status: EvidenceStatus;
  comment: string;
  reviewedAt: Date;
  reviewedBy: string;
}

export interface BundleBaselineRow extends Timestamps {
  id: number;
  refId: string;
  frameworkId: number;
  name: string;
  description: string;
  sourceNote: string;
  /** The profile it was imported from (its baselineRefId); null: none. */
  profileRefId: string | null;
}

export interface BundleBaselineMemberRow {
  baselineId: number;
  requirementId: number;
  addedAt: Date;
  addedBy: string;
  removedAt: Date | null;
  removedBy: string | null;
}

export interface BundleBaselineApplicationRow extends Retirement {
  baselineId: number;
  aiSystemId: number | null;
  createdAt: Date;
  createdBy: string;
}

export interface BundleCoverageSnapshotRow {
  frameworkId: number;
  aiSystemId: number | null;
  at: Date;
  viaCrosswalks: boolean;
  total: number;
  covered: number;
  partial: number;
  uncovered: number;
  notApplicable: number;
  createdBy: string;
}

/** A page of the bundle's evidence: items by id, with their control links (by evidence, control) and reviews (by id). */
export interface BundleEvidencePage {
  evidence: BundleEvidenceRow[];
  evidenceControls: BundleEvidenceControlRow[];
  evidenceReviews: BundleEvidenceReviewRow[];
}

/** Every row of the graph the native bundle carries. */
export interface BundleRows {
  frameworks: BundleFrameworkRow[];
  requirements: BundleRequirementRow[];
  /** The structure versions of the requirements (rule 10), by (requirement, validFrom, id). */
  requirementVersions: BundleRequirementVersionRow[];
  threats: BundleThreatRow[];
  /** By (threat, id). */
  threatRequirements: BundleThreatRequirementRow[];
  controls: BundleControlRow[];
  controlStatusChanges: BundleControlStatusChangeRow[];
  aiSystems: BundleAiSystemRow[];
  /** By (AI system, id). */
  aiSystemFrameworks: BundleAiSystemFrameworkRow[];
  /** By (control, AI system). */
  aiSystemControlStatuses: BundleAiSystemControlStatusRow[];
  mappings: BundleMappingRow[];
  mappingRevisions: BundleMappingRevisionRow[];
  requirementLinks: BundleRequirementLinkRow[];
  notApplicableMarks: BundleNotApplicableRow[];
  evidence: BundleEvidenceRow[];
  /** By (evidence, control). */
  evidenceControls: BundleEvidenceControlRow[];
  evidenceReviews: BundleEvidenceReviewRow[];
  baselines: BundleBaselineRow[];
  baselineRequirements: BundleBaselineMemberRow[];
  baselineApplications: BundleBaselineApplicationRow[];
  coverageSnapshots: BundleCoverageSnapshotRow[];
}
