/**
 * The closed vocabularies of the compliance graph. The GraphQL enums in `schema/` use the same
 * values, so a value read from the database can be returned as-is.
 */

export const FRAMEWORK_KINDS = [
  'REGULATION',
  'STANDARD',
  'INTERNAL_POLICY',
  'CONTROL_CATALOG',
  'THREAT_CATALOG',
] as const;
export type FrameworkKind = (typeof FRAMEWORK_KINDS)[number];

/**
 * NIST IR 8477 set-theory relationships, read "the requirement (source) is <relationship> the
 * control (target)".
 */
export const RELATIONSHIPS = ['EQUAL', 'SUBSET_OF', 'SUPERSET_OF', 'INTERSECTS_WITH'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const CONTROL_TYPES = ['PREVENTIVE', 'DETECTIVE', 'CORRECTIVE'] as const;
export type ControlType = (typeof CONTROL_TYPES)[number];

export const IMPLEMENTATION_STATUSES = [
  'NOT_IMPLEMENTED',
  'PLANNED',
  'IN_PROGRESS',
  'IMPLEMENTED',
  'NOT_APPLICABLE',
] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];

export const EVIDENCE_KINDS = ['FILE', 'LINK', 'ATTESTATION'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_STATUSES = ['PENDING_REVIEW', 'ACCEPTED', 'REJECTED'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

/** EU AI Act risk classes. */
export const RISK_LEVELS = ['PROHIBITED', 'HIGH', 'LIMITED', 'MINIMAL'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** EU AI Act operator roles. */
export const AI_SYSTEM_ROLES = ['PROVIDER', 'DEPLOYER', 'IMPORTER', 'DISTRIBUTOR'] as const;
export type AiSystemRole = (typeof AI_SYSTEM_ROLES)[number];
