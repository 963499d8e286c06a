/**
 * Every ID-typed argument and input field of the schema declares the type of object its ids must
 * name, and every human key that stands in for an id declares the id it replaces. `checkIds`
 * (check-ids.ts) refuses to build a schema with an ID argument or input field missing here, or
 * with an entry naming nothing, so a new id cannot ship unchecked.
 *
 * Coordinates: `Type.field.argument` for arguments, `InputType.field` for input fields (an input
 * field's rule holds wherever its input type is used).
 */
import type { NodeType } from '../domain/global-id.js';

export interface IdArgument {
  /** The type of object the id must name; 'Node' takes an id of any type. */
  type: NodeType | 'Node';
  /**
   * 'lookup': the field fetches the object itself, so an unknown id gives null (`node`,
   * `framework(id:)`…). 'reference' (the rest): a scope, filter or target; in a query a
   * well-formed id that names nothing is NOT_FOUND (mutations' services answer NOT_FOUND).
   */
  role: 'lookup' | 'reference';
  /** The resolver reports a bad item itself (null in its place plus an error at its path). */
  itemErrors?: true;
}

const lookup = (type: NodeType | 'Node'): IdArgument => ({ type, role: 'lookup' });
const ref = (type: NodeType): IdArgument => ({ type, role: 'reference' });

export const ID_ARGUMENTS: Readonly<Record<string, IdArgument>> = {
  // Fetching one object.
  'Query.node.id': lookup('Node'),
  'Query.nodes.ids': { ...lookup('Node'), itemErrors: true },
  'Query.framework.id': lookup('Framework'),
  'Query.requirement.id': lookup('Requirement'),
  'Query.control.id': lookup('Control'),
  'Query.aiSystem.id': lookup('AISystem'),
  'Query.threat.id': lookup('Threat'),
  'Query.baseline.id': lookup('Baseline'),
  // Coverage scopes and filters.
  'CoverageScope.aiSystemId': ref('AISystem'),
  'GapFilter.frameworkId': ref('Framework'),
  'GapFilter.aiSystemId': ref('AISystem'),
  'GapFilter.controlId': ref('Control'),
  'Query.controlImpact.controlId': ref('Control'),
  'ControlStateChangeInput.controlId': ref('Control'),
  'Query.coverageHistory.frameworkId': ref('Framework'),
  'Query.coverageReport.frameworkIds': ref('Framework'),
  'Query.assessmentResults.frameworkIds': ref('Framework'),
  'Query.mappingsExport.frameworkIds': ref('Framework'),
  'Query.linksExport.frameworkIds': ref('Framework'),
  // List filters and scoped fields.
  'Query.baselines.frameworkId': ref('Framework'),
  'RequirementFilter.frameworkId': ref('Framework'),
  'RequirementFilter.parentId': ref('Requirement'),
  'ThreatFilter.frameworkId': ref('Framework'),
  'EvidenceFilter.controlId': ref('Control'),
  'EvidenceFilter.aiSystemId': ref('AISystem'),
  'RequirementLinkFilter.sourceFrameworkId': ref('Framework'),
  'RequirementLinkFilter.targetFrameworkId': ref('Framework'),
  'AISystem.controlStatusHistory.controlId': ref('Control'),
  'Control.statusHistory.aiSystemId': ref('AISystem'),
  'Requirement.notApplicable.aiSystemId': ref('AISystem'),
  'Requirement.applicable.aiSystemId': ref('AISystem'),
  // Mutation inputs.
  'TokenCreateInput.aiSystemIds': ref('AISystem'),
  'TokenCreateInput.controlIds': ref('Control'),
  'TokenRevokeInput.id': ref('ApiToken'),
  'AISystemCreateInput.frameworkIds': ref('Framework'),
  'AISystemUpdateInput.id': ref('AISystem'),
  'AISystemDeleteInput.id': ref('AISystem'),
  'AISystemFrameworkSetInput.aiSystemId': ref('AISystem'),
  'AISystemFrameworkSetInput.frameworkIds': ref('Framework'),
  'AISystemControlStatusSetInput.aiSystemId': ref('AISystem'),
  'AISystemControlStatusSetInput.controlId': ref('Control'),
  'ApplicabilitySetInput.requirementId': ref('Requirement'),
  'ApplicabilitySetInput.aiSystemId': ref('AISystem'),
  'ControlUpdateInput.id': ref('Control'),
  'ControlStatusSetInput.controlId': ref('Control'),
  'ControlDeleteInput.id': ref('Control'),
  'CoverageSnapshotRecordInput.frameworkIds': ref('Framework'),
  'RequirementLinkCreateInput.sourceRequirementId': ref('Requirement'),
  'RequirementLinkCreateInput.targetRequirementId': ref('Requirement'),
  'RequirementLinkRetireInput.id': ref('RequirementLink'),
  'EvidenceAttachInput.controlIds': ref('Control'),
  'EvidenceAttachInput.aiSystemId': ref('AISystem'),
  'EvidenceVerifyInput.evidenceId': ref('Evidence'),
  'EvidenceCreateInput.controlIds': ref('Control'),
  'EvidenceCreateInput.aiSystemId': ref('AISystem'),
  'EvidenceReviewInput.evidenceId': ref('Evidence'),
  'FrameworkUpdateInput.id': ref('Framework'),
  'FrameworkDeleteInput.id': ref('Framework'),
  'BaselineApplyInput.baselineId': ref('Baseline'),
  'BaselineApplyInput.aiSystemId': ref('AISystem'),
  'MappingCreateInput.requirementId': ref('Requirement'),
  'MappingCreateInput.controlId': ref('Control'),
  'MappingUpdateInput.id': ref('Mapping'),
  'MappingRetireInput.id': ref('Mapping'),
  'RequirementCreateInput.frameworkId': ref('Framework'),
  'RequirementCreateInput.parentId': ref('Requirement'),
  'RequirementUpdateInput.id': ref('Requirement'),
  'RequirementUpdateInput.parentId': ref('Requirement'),
  'RequirementDeleteInput.id': ref('Requirement'),
  'ThreatCreateInput.frameworkId': ref('Framework'),
  'ThreatCreateInput.parentId': ref('Threat'),
  'ThreatUpdateInput.id': ref('Threat'),
  'ThreatDeleteInput.id': ref('Threat'),
  'ThreatRequirementLinkInput.threatId': ref('Threat'),
  'ThreatRequirementLinkInput.requirementId': ref('Requirement'),
};

/** Object types with a human key, and how to name it in a hint. */
export type KeyedType = 'Framework' | 'Control' | 'AISystem';

/**
 * Human keys that stand in for an id (the filters and scopes dashboards use first): the key's
 * coordinate → the id argument or field it replaces. Giving both is BAD_USER_INPUT; a key that
 * names nothing is NOT_FOUND.
 */
export const KEY_ARGUMENTS: Readonly<Record<string, { id: string; type: KeyedType }>> = {
  'GapFilter.frameworkRefId': { id: 'frameworkId', type: 'Framework' },
  'CoverageScope.aiSystemName': { id: 'aiSystemId', type: 'AISystem' },
  'Query.controlImpact.controlRefId': { id: 'controlId', type: 'Control' },
};

/** The query that finds an object's id by its human key, per type (named in error hints). */
export const LOOKUP_BY_KEY: Partial<Record<NodeType, { key: 'refId' | 'name'; query: string }>> = {
  Framework: { key: 'refId', query: 'framework(refId:)' },
  Requirement: { key: 'refId', query: 'requirement(frameworkRefId:, refId:)' },
  Control: { key: 'refId', query: 'control(refId:)' },
  AISystem: { key: 'name', query: 'aiSystem(name:)' },
  Threat: { key: 'refId', query: 'threat(frameworkRefId:, refId:)' },
  Baseline: { key: 'refId', query: 'baseline(refId:)' },
};
