/**
 * Every root field declares the permission it needs. `buildSchema` refuses to start when a root
 * field has no rule (so a new field cannot ship unprotected), and wraps each root resolver so
 * the rule is checked before the resolver runs. Services check again (defence in depth).
 */
import type { Permission } from '../domain/authorization.js';

export const ROOT_FIELD_RULES: Readonly<Record<string, Permission>> = {
  // Reads: every role.
  'Query.viewer': 'READ',
  'Query.node': 'READ',
  'Query.nodes': 'READ',
  'Query.frameworks': 'READ',
  'Query.framework': 'READ',
  'Query.requirements': 'READ',
  'Query.requirement': 'READ',
  'Query.requirementLinks': 'READ',
  'Query.controls': 'READ',
  'Query.control': 'READ',
  'Query.controlDomains': 'READ',
  'Query.evidence': 'READ',
  'Query.aiSystems': 'READ',
  'Query.aiSystem': 'READ',
  'Query.threats': 'READ',
  'Query.threat': 'READ',
  // Administration.
  'Query.tokens': 'ADMIN',
  'Query.auditLog': 'ADMIN',
  'Query.auditVerify': 'ADMIN',
  'Mutation.tokenCreate': 'ADMIN',
  'Mutation.tokenRevoke': 'ADMIN',
  // Evidence.
  'Mutation.evidenceCreate': 'EVIDENCE_CONTRIBUTE',
  'Mutation.evidenceReview': 'EVIDENCE_REVIEW',
  // The catalog graph.
  'Mutation._ping': 'READ',
  'Mutation.frameworkCreate': 'CATALOG_EDIT',
  'Mutation.frameworkUpdate': 'CATALOG_EDIT',
  'Mutation.frameworkDelete': 'CATALOG_EDIT',
  'Mutation.requirementCreate': 'CATALOG_EDIT',
  'Mutation.requirementUpdate': 'CATALOG_EDIT',
  'Mutation.requirementDelete': 'CATALOG_EDIT',
  'Mutation.requirementLinkCreate': 'CATALOG_EDIT',
  'Mutation.requirementLinkRetire': 'CATALOG_EDIT',
  'Mutation.applicabilitySet': 'CATALOG_EDIT',
  'Mutation.controlCreate': 'CATALOG_EDIT',
  'Mutation.controlUpdate': 'CATALOG_EDIT',
  'Mutation.controlStatusSet': 'CATALOG_EDIT',
  'Mutation.controlDelete': 'CATALOG_EDIT',
  'Mutation.mappingCreate': 'CATALOG_EDIT',
  'Mutation.mappingUpdate': 'CATALOG_EDIT',
  'Mutation.mappingRetire': 'CATALOG_EDIT',
  'Mutation.aiSystemCreate': 'CATALOG_EDIT',
  'Mutation.aiSystemUpdate': 'CATALOG_EDIT',
  'Mutation.aiSystemDelete': 'CATALOG_EDIT',
  'Mutation.aiSystemFrameworkSet': 'CATALOG_EDIT',
  'Mutation.aiSystemControlStatusSet': 'CATALOG_EDIT',
  'Mutation.threatCreate': 'CATALOG_EDIT',
  'Mutation.threatUpdate': 'CATALOG_EDIT',
  'Mutation.threatDelete': 'CATALOG_EDIT',
  'Mutation.threatRequirementLink': 'CATALOG_EDIT',
};
