/**
 * The order of every list the API pages, as the sort key of one item (a cursor is the encoding of
 * the last key seen, domain/paging.ts), and the options that decide which items a nested list
 * holds. Each key ends in the row id, so the order is total; the repository that reads a list
 * orders it the same way (ascending by the key, so newest-first lists negate theirs).
 */
import type { SortKey } from './paging.js';
import type { EvidenceStatus } from './vocabulary.js';

type Id = { id: number };

/** Frameworks, controls and baselines: (refId, id). */
export const byRefId = (row: { refId: string } & Id): SortKey => [row.refId, row.id];
export const frameworkSortKey = byRefId;
export const controlSortKey = byRefId;
export const baselineSortKey = byRefId;

/** AI systems: (name, id). */
export const aiSystemSortKey = (row: { name: string } & Id): SortKey => [row.name, row.id];

/** Requirements and threats in root lists: (frameworkId, id). */
export const byFramework = (row: { frameworkId: number } & Id): SortKey => [row.frameworkId, row.id];
export const requirementSortKey = byFramework;
export const threatSortKey = byFramework;

/** Creation order: evidence, mappings, crosswalk links, marks, applications, tokens, threats within a framework. */
export const byId = (row: Id): SortKey => [row.id];
export const evidenceSortKey = byId;
export const mappingSortKey = byId;
export const requirementLinkSortKey = byId;
export const notApplicableMarkSortKey = byId;
export const baselineApplicationSortKey = byId;
export const baselineMemberSortKey = byId;
export const tokenSortKey = byId;
export const threatIdKey = byId;

/** Audit entries: by sequence number. */
export const auditSortKey = (row: { seq: number }): SortKey => [row.seq];

/** Siblings under one parent requirement: (sortOrder, id). */
export const requirementSiblingKey = (row: { sortOrder: number } & Id): SortKey => [row.sortOrder, row.id];

/** Which requirements `Framework.requirements` lists (its order depends on it). */
export interface FrameworkRequirementOptions {
  topLevelOnly: boolean;
  includeWithdrawn: boolean;
}

/** Which threats `Framework.threats` lists (by id). */
export interface FrameworkThreatOptions {
  topLevelOnly: boolean;
}

/** Which evidence of a control `Control.evidence` lists (by id). */
export interface ControlEvidenceOptions {
  /** Only these review statuses; all when null or empty. */
  statuses: readonly EvidenceStatus[] | null;
}

/** Which mappings `Requirement.mappings` and `Control.mappings` list (by id). */
export interface MappingListOptions {
  includeRetired: boolean;
}

/** Which crosswalk links `Requirement.links` lists (by id): where the requirement is the source, the target, or either. */
export interface RequirementLinkListOptions {
  direction: 'OUTGOING' | 'INCOMING' | 'BOTH';
  includeRetired: boolean;
}

/** Which applications `Baseline.applications` lists (by id). */
export interface BaselineApplicationOptions {
  includeRetired: boolean;
}

/** Whose status changes `Control.statusHistory` lists: the control's own (null), or its override of one AI system. */
export interface ControlStatusHistoryOptions {
  /** 0 for an id that names no AI system: nothing is listed. */
  aiSystemId: number | null;
}

/** Which override changes `AISystem.controlStatusHistory` lists: of every control (null), or of one. */
export interface SystemStatusHistoryOptions {
  /** 0 for an id that names no control: nothing is listed. */
  controlId: number | null;
}

/** Which children `Requirement.children` lists (by sortOrder, id). */
export interface RequirementChildOptions {
  includeWithdrawn: boolean;
}

/** Which marks `Requirement.notApplicable` lists (by id): organisation-wide ones, and the AI system's. */
export interface NotApplicableMarkOptions {
  /** The AI system whose marks are listed too; null: organisation-wide marks only. */
  aiSystemId: number | null;
  includeRetired: boolean;
}

/** Order of `Framework.requirements`: (sortOrder, id) for the top level, id for all. */
export const frameworkRequirementKey =
  (options: FrameworkRequirementOptions) =>
  (row: { sortOrder: number } & Id): SortKey =>
    options.topLevelOnly ? requirementSiblingKey(row) : byId(row);

/** Status history is listed newest first; the key grows along that order. */
export const statusChangeSortKey = (row: { changedAt: Date } & Id): SortKey => [-row.changedAt.getTime(), -row.id];

/** Coverage snapshots: (at, id). */
export const coverageSnapshotSortKey = (row: { at: Date } & Id): SortKey => [row.at.getTime(), row.id];

/** Requirements of a control: framework refId, requirement refId, id. */
export const mappedRequirementSortKey = (row: { frameworkRefId: string; refId: string } & Id): SortKey => [
  row.frameworkRefId,
  row.refId,
  row.id,
];
