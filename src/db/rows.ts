/** Row types of every table, as repositories return them. */
import type { InferSelectModel } from 'drizzle-orm';
import type * as s from './schema/index.js';

export type FrameworkRow = InferSelectModel<typeof s.frameworks>;
export type RequirementRow = InferSelectModel<typeof s.requirements>;
export type ControlRow = InferSelectModel<typeof s.controls>;
export type ControlStatusChangeRow = InferSelectModel<typeof s.controlStatusChanges>;
export type AiSystemControlStatusRow = InferSelectModel<typeof s.aiSystemControlStatuses>;
export type MappingRow = InferSelectModel<typeof s.mappings>;
export type MappingRevisionRow = InferSelectModel<typeof s.mappingRevisions>;
export type RequirementLinkRow = InferSelectModel<typeof s.requirementLinks>;
export type EvidenceRow = InferSelectModel<typeof s.evidence>;
export type EvidenceReviewRow = InferSelectModel<typeof s.evidenceReviews>;
export type AiSystemRow = InferSelectModel<typeof s.aiSystems>;
export type AiSystemFrameworkRow = InferSelectModel<typeof s.aiSystemFrameworks>;
export type NotApplicableMarkRow = InferSelectModel<typeof s.notApplicableMarks>;
export type ThreatRow = InferSelectModel<typeof s.threats>;
export type BaselineRow = InferSelectModel<typeof s.baselines>;
export type BaselineRequirementRow = InferSelectModel<typeof s.baselineRequirements>;
export type BaselineApplicationRow = InferSelectModel<typeof s.baselineApplications>;
