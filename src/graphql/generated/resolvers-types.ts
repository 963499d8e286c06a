import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { FrameworkRow as FrameworkRowModel, FrameworkConnectionModel as FrameworkConnectionModelModel, RequirementRow as RequirementRowModel, RequirementConnectionModel as RequirementConnectionModelModel, ControlRow as ControlRowModel, ControlConnectionModel as ControlConnectionModelModel, ControlStatusChangeRow as ControlStatusChangeRowModel, ControlStatusChangeConnectionModel as ControlStatusChangeConnectionModelModel, MappingRow as MappingRowModel, MappingConnectionModel as MappingConnectionModelModel, RequirementLinkRow as RequirementLinkRowModel, RequirementLinkConnectionModel as RequirementLinkConnectionModelModel, EvidenceRow as EvidenceRowModel, EvidenceConnectionModel as EvidenceConnectionModelModel, EvidenceReviewRow as EvidenceReviewRowModel, AiSystemRow as AiSystemRowModel, AISystemConnectionModel as AISystemConnectionModelModel, AiSystemControlStatusRow as AiSystemControlStatusRowModel, AISystemControlStatusConnectionModel as AISystemControlStatusConnectionModelModel, NotApplicableMarkRow as NotApplicableMarkRowModel, NotApplicableMarkConnectionModel as NotApplicableMarkConnectionModelModel, ThreatRow as ThreatRowModel, ThreatConnectionModel as ThreatConnectionModelModel, ApiTokenRow as ApiTokenRowModel, ApiTokenConnectionModel as ApiTokenConnectionModelModel, AuditRow as AuditRowModel, AuditEntryConnectionModel as AuditEntryConnectionModelModel, BaselineRow as BaselineRowModel, BaselineConnectionModel as BaselineConnectionModelModel, BaselineApplicationRow as BaselineApplicationRowModel, BaselineApplicationConnectionModel as BaselineApplicationConnectionModelModel, ViewerModel as ViewerModelModel, PageInfoModel as PageInfoModelModel, UserErrorModel as UserErrorModelModel } from '../models.js';
import type { CoverageReportModel as CoverageReportModelModel, FrameworkCoverageModel as FrameworkCoverageModelModel, RequirementCoverageModel as RequirementCoverageModelModel, CoverageContributionModel as CoverageContributionModelModel, CrosswalkStepModel as CrosswalkStepModelModel, GapReasonModel as GapReasonModelModel, CoverageGapConnectionModel as CoverageGapConnectionModelModel, ThreatExposureModel as ThreatExposureModelModel, ThreatExposureConnectionModel as ThreatExposureConnectionModelModel, RequirementStatusChangeModel as RequirementStatusChangeModelModel, ThreatExposureChangeModel as ThreatExposureChangeModelModel, FrameworkCoverageChangeModel as FrameworkCoverageChangeModelModel, ControlImpactModel as ControlImpactModelModel, SimulatedControlStateModel as SimulatedControlStateModelModel, CoverageSimulationModel as CoverageSimulationModelModel, CoverageSnapshotModel as CoverageSnapshotModelModel, ExpiringEvidenceModel as ExpiringEvidenceModelModel, ExpiringEvidenceControlModel as ExpiringEvidenceControlModelModel, ExpiringEvidenceConnectionModel as ExpiringEvidenceConnectionModelModel, CoverageSnapshotConnectionModel as CoverageSnapshotConnectionModelModel } from '../coverage/models.js';
import type { ImportReport as ImportReportModel } from '../../services/import-service.js';
import type { StoredExport as StoredExportModel } from '../../services/export-service.js';
import type { GraphQLContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in UTC, written as an ISO 8601 string (e.g. `2026-01-31T12:00:00.000Z`). */
  DateTime: { input: Date; output: Date; }
  /** Any JSON value. */
  JSON: { input: unknown; output: unknown; }
};

/** An AI system in scope of governance: the frameworks that apply to it and how controls are implemented for it. */
export type AiSystem = Node & {
  __typename?: 'AISystem';
  /**
   * History of this system's status overrides, newest first (ties by newest record). A change with
   * a null `toStatus` cleared the override. The control's own status changes are not included.
   */
  controlStatusHistory: ControlStatusChangeConnection;
  /**
   * The controls whose implementation status is overridden for this system, ordered by control
   * refId. Controls not listed here have, for this system, the control's own implementationStatus.
   */
  controlStatuses: AiSystemControlStatusConnection;
  /** When the AI system was created here. */
  createdAt: Scalars['DateTime']['output'];
  /** What the system is. */
  description: Scalars['String']['output'];
  /** The frameworks that apply to this system, ordered by refId. Set them with `aiSystemFrameworkSet`. */
  frameworks: FrameworkConnection;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Unique display name. */
  name: Scalars['String']['output'];
  /** Person or team accountable for the system; null when not recorded. */
  owner: Maybe<Scalars['String']['output']>;
  /** What the system is used for (its intended purpose). */
  purpose: Scalars['String']['output'];
  /**
   * When the AI system was deleted (retired, rule 10); null while it is live. A retired AI system still
   * resolves by id (`node`, past coverage answers) but is absent from lists, and its key is free.
   */
  retiredAt: Maybe<Scalars['DateTime']['output']>;
  /** EU AI Act risk class. */
  riskLevel: RiskLevel;
  /** The organisation's EU AI Act role for this system. */
  role: AiSystemRole;
  /** When the AI system's own fields were last changed. */
  updatedAt: Scalars['DateTime']['output'];
};


/** An AI system in scope of governance: the frameworks that apply to it and how controls are implemented for it. */
export type AiSystemControlStatusHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  controlId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** An AI system in scope of governance: the frameworks that apply to it and how controls are implemented for it. */
export type AiSystemControlStatusesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** An AI system in scope of governance: the frameworks that apply to it and how controls are implemented for it. */
export type AiSystemFrameworksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of AI systems. */
export type AiSystemConnection = {
  __typename?: 'AISystemConnection';
  /** The AI systems of this page with their cursors. */
  edges: Array<AiSystemEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of AI systems in the whole list, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/**
 * The implementation status of a control for one AI system, overriding the control's own
 * implementationStatus for that system. Set or clear it with `aiSystemControlStatusSet`.
 */
export type AiSystemControlStatus = {
  __typename?: 'AISystemControlStatus';
  /** The AI system the override is for. */
  aiSystem: AiSystem;
  /** Why the status is what it is, as given with the latest change; null when none was given. */
  comment: Maybe<Scalars['String']['output']>;
  /** The control whose status is overridden. */
  control: Control;
  /** The control's implementation status for this AI system. */
  status: ImplementationStatus;
  /** When the override was last set. */
  updatedAt: Scalars['DateTime']['output'];
  /** Who last set the override (actor id, e.g. `token:12`). */
  updatedBy: Scalars['String']['output'];
};

/** A page of per-AI-system control status overrides. */
export type AiSystemControlStatusConnection = {
  __typename?: 'AISystemControlStatusConnection';
  /** The overrides of this page with their cursors. */
  edges: Array<AiSystemControlStatusEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of overrides in the whole list, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A per-AI-system control status override in a connection. */
export type AiSystemControlStatusEdge = {
  __typename?: 'AISystemControlStatusEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The override. */
  node: AiSystemControlStatus;
};

/** A new implementation status of a control for one AI system. */
export type AiSystemControlStatusSetInput = {
  /** The AI system. */
  aiSystemId: Scalars['ID']['input'];
  /** Why; recorded with the change (at most 5,000 characters). */
  comment?: InputMaybe<Scalars['String']['input']>;
  /** The control. */
  controlId: Scalars['ID']['input'];
  /** The status for this system; null clears the override, so the control's own status applies again. */
  status?: InputMaybe<ImplementationStatus>;
};

/** Result of setting or clearing a control's status for an AI system. */
export type AiSystemControlStatusSetPayload = {
  __typename?: 'AISystemControlStatusSetPayload';
  /** The AI system; null when userErrors is not empty. */
  aiSystem: Maybe<AiSystem>;
  /** The history row this change appended; null when nothing changed or when userErrors is not empty. */
  change: Maybe<ControlStatusChange>;
  /** The control; null when userErrors is not empty. */
  control: Maybe<Control>;
  /** The override after the change; null when it was cleared (or none existed) or when userErrors is not empty. */
  controlStatus: Maybe<AiSystemControlStatus>;
  /** Why the change was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** Fields of a new AI system. */
export type AiSystemCreateInput = {
  /** What the system is. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Frameworks that apply to the system from the start (no THREAT_CATALOG); duplicates are ignored. */
  frameworkIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Unique display name, 1–200 characters, no surrounding spaces. */
  name: Scalars['String']['input'];
  /** Person or team accountable for the system, at most 200 characters. */
  owner?: InputMaybe<Scalars['String']['input']>;
  /** What the system is used for (its intended purpose). */
  purpose?: InputMaybe<Scalars['String']['input']>;
  /** EU AI Act risk class. */
  riskLevel: RiskLevel;
  /** The organisation's EU AI Act role for this system. */
  role: AiSystemRole;
};

/** Which AI system to delete. */
export type AiSystemDeleteInput = {
  /** The AI system to delete. */
  id: Scalars['ID']['input'];
};

/** Result of deleting an AI system. */
export type AiSystemDeletePayload = {
  __typename?: 'AISystemDeletePayload';
  /** Global id of the deleted AI system; null when userErrors is not empty. */
  deletedId: Maybe<Scalars['ID']['output']>;
  /** Why the deletion was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** An AI system in a connection. */
export type AiSystemEdge = {
  __typename?: 'AISystemEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The AI system. */
  node: AiSystem;
};

/** Filters for `aiSystems`; all given conditions must hold. */
export type AiSystemFilter = {
  /** Only systems in these risk classes. */
  riskLevels?: InputMaybe<Array<RiskLevel>>;
  /** Only systems for which the organisation has one of these roles. */
  roles?: InputMaybe<Array<AiSystemRole>>;
  /** Case-insensitive substring of name, description or purpose. */
  search?: InputMaybe<Scalars['String']['input']>;
};

/** The complete set of frameworks that apply to an AI system. */
export type AiSystemFrameworkSetInput = {
  /** The AI system. */
  aiSystemId: Scalars['ID']['input'];
  /**
   * Every framework that applies, replacing the current set (an empty list removes all). At most
   * 500; duplicates are ignored; THREAT_CATALOG frameworks are refused.
   */
  frameworkIds: Array<Scalars['ID']['input']>;
};

/** Result of creating, updating an AI system or setting its frameworks. */
export type AiSystemPayload = {
  __typename?: 'AISystemPayload';
  /** The AI system after the change; null when userErrors is not empty. */
  aiSystem: Maybe<AiSystem>;
  /** Why the change was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** The organisation's role for an AI system, as defined by the EU AI Act (Article 3). */
export type AiSystemRole =
  /** Uses the AI system under its authority in a professional activity. */
  | 'DEPLOYER'
  /** Makes the AI system available on the EU market without being its provider or importer. */
  | 'DISTRIBUTOR'
  /** Places on the EU market an AI system bearing the name of a provider established outside the EU. */
  | 'IMPORTER'
  /** Develops the AI system, or has it developed, and places it on the market or puts it into service under its own name. */
  | 'PROVIDER';

/** Changes to an AI system; omitted or null fields stay as they are. */
export type AiSystemUpdateInput = {
  /** New description. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The AI system to change. */
  id: Scalars['ID']['input'];
  /** New unique display name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New owner; an empty string clears it. */
  owner?: InputMaybe<Scalars['String']['input']>;
  /** New intended purpose. */
  purpose?: InputMaybe<Scalars['String']['input']>;
  /** New EU AI Act risk class. */
  riskLevel?: InputMaybe<RiskLevel>;
  /** New EU AI Act role. */
  role?: InputMaybe<AiSystemRole>;
};

/** An API bearer token. Its secret is shown once, at creation; only a hash is stored. */
export type ApiToken = Node & {
  __typename?: 'ApiToken';
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Who created it. */
  createdBy: Scalars['String']['output'];
  /** When the token stops working; null when it never expires. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  /** True for the token given in CROSSWALK_ADMIN_TOKEN. */
  fromEnvironment: Scalars['Boolean']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** When the token was last used (updated at most once a minute). */
  lastUsedAt: Maybe<Scalars['DateTime']['output']>;
  /** What the token is for, e.g. `ci-uploader`. */
  name: Scalars['String']['output'];
  /** The first characters of the secret, to recognise it. */
  prefix: Scalars['String']['output'];
  /** When the token was revoked; null while it is valid. */
  revokedAt: Maybe<Scalars['DateTime']['output']>;
  /** Who revoked it. */
  revokedBy: Maybe<Scalars['String']['output']>;
  /** What the token may do. */
  role: Role;
  /** AI systems the token may attach evidence to; null when not restricted. */
  scopeAISystems: Maybe<Array<AiSystem>>;
  /** Controls the token may attach evidence to; null when not restricted. */
  scopeControls: Maybe<Array<Control>>;
};

/** A page of tokens. */
export type ApiTokenConnection = {
  __typename?: 'ApiTokenConnection';
  /** The tokens of this page. */
  edges: Array<ApiTokenEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of tokens matching, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A token in a connection. */
export type ApiTokenEdge = {
  __typename?: 'ApiTokenEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The token. */
  node: ApiToken;
};

/** Whether a requirement applies, organisation-wide or to one AI system. */
export type ApplicabilitySetInput = {
  /** The AI system the statement is about; omit or null for the whole organisation. */
  aiSystemId?: InputMaybe<Scalars['ID']['input']>;
  /**
   * False marks the requirement not applicable in that scope, replacing (retiring) any live mark of
   * the same scope. True retires the live mark of that scope; when there is none nothing changes and
   * no error is returned. An organisation-wide mark is not retired by marking one AI system applicable.
   */
  applicable: Scalars['Boolean']['input'];
  /** Why the requirement does not apply: required and not blank when `applicable` is false (INVALID); ignored when true. */
  justification?: InputMaybe<Scalars['String']['input']>;
  /** The requirement. */
  requirementId: Scalars['ID']['input'];
};

/** Result of `applicabilitySet`. */
export type ApplicabilitySetPayload = {
  __typename?: 'ApplicabilitySetPayload';
  /** The new live mark when `applicable` was false; null otherwise. */
  notApplicableMark: Maybe<NotApplicableMark>;
  /** The requirement after the change; null when userErrors is not empty. */
  requirement: Maybe<Requirement>;
  /** Why the change was refused; empty on success. */
  userErrors: Array<UserError>;
};

/**
 * One entry of the append-only audit trail. `hash` is SHA-256 of `prevHash` followed by the
 * entry's canonical JSON (RFC 8785) over seq, at, actor, action, targetIds, before, after,
 * requestId and outcome, so any change, removal or reordering breaks the chain.
 */
export type AuditEntry = Node & {
  __typename?: 'AuditEntry';
  /** What was attempted: the mutation name (e.g. `controlCreate`) or operation. */
  action: Scalars['String']['output'];
  /** Who: actor id, e.g. `token:3`. */
  actorId: Scalars['String']['output'];
  /** Who: token name. */
  actorName: Scalars['String']['output'];
  /** Who: role at the time. */
  actorRole: Scalars['String']['output'];
  /** The result after the change, or the user errors of a refused attempt. */
  after: Maybe<Scalars['JSON']['output']>;
  /** When it happened (UTC). */
  at: Scalars['DateTime']['output'];
  /** The object before the change, when recorded. */
  before: Maybe<Scalars['JSON']['output']>;
  /** This entry's hash. */
  hash: Scalars['String']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** How the attempt ended. */
  outcome: AuditOutcome;
  /** Hash of the previous entry (64 zeros for the first). */
  prevHash: Scalars['String']['output'];
  /** Request id (also in the X-Request-Id response header). */
  requestId: Maybe<Scalars['String']['output']>;
  /** Position in the trail, from 1, without gaps. */
  seq: Scalars['Int']['output'];
  /** Global ids of the objects concerned. */
  targetIds: Array<Scalars['String']['output']>;
};

/** A page of audit entries. */
export type AuditEntryConnection = {
  __typename?: 'AuditEntryConnection';
  /** The entries of this page. */
  edges: Array<AuditEntryEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of entries matching, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An audit entry in a connection. */
export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The entry. */
  node: AuditEntry;
};

/** Filters for `auditLog`; all given conditions must hold. */
export type AuditFilter = {
  /** Only these actions. */
  actions?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only this actor id. */
  actorId?: InputMaybe<Scalars['String']['input']>;
  /** Only entries at or after this instant. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only these outcomes. */
  outcomes?: InputMaybe<Array<AuditOutcome>>;
  /** Only entries naming this global id. */
  targetId?: InputMaybe<Scalars['String']['input']>;
  /** Only entries at or before this instant. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How an audited attempt ended. */
export type AuditOutcome =
  /** The caller was not allowed; nothing changed. */
  | 'DENIED'
  /** The attempt failed with an internal error (details in the server log under the request id); nothing changed. */
  | 'ERROR'
  /** The change was refused with user errors; nothing changed. */
  | 'REJECTED'
  /** The change was made. */
  | 'SUCCESS';

/** Result of checking the whole chain. */
export type AuditVerification = {
  __typename?: 'AuditVerification';
  /** Number of entries checked. */
  entries: Scalars['Int']['output'];
  /** Sequence number of the first entry that breaks the chain; null when intact. */
  firstBrokenSeq: Maybe<Scalars['Int']['output']>;
  /** Hash of the last intact entry. Keep it outside the database: a later head that does not descend from it reveals a cut-off tail. */
  headHash: Scalars['String']['output'];
  /** True when every entry links to the one before and its hash matches its content. */
  intact: Scalars['Boolean']['output'];
};

/**
 * A named selection of one framework's requirements (e.g. \"800-53 MODERATE\", from an OSCAL
 * profile). Applied to the organisation or an AI system, the applied baselines are the framework's
 * scope there: requirements outside them (other than their members' ancestors) get no coverage
 * status and are not counted, and a selected requirement whose children are all outside counts as a
 * leaf. Membership changes are kept as history.
 */
export type Baseline = Node & {
  __typename?: 'Baseline';
  /** Where the baseline applies (organisation-wide or per AI system), by creation. */
  applications: BaselineApplicationConnection;
  /** When the baseline was created. */
  createdAt: Scalars['DateTime']['output'];
  /** What the baseline is. */
  description: Scalars['String']['output'];
  /** The framework whose requirements it selects. */
  framework: Framework;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Display name (the profile's title). */
  name: Scalars['String']['output'];
  /** The profile it was imported from (the profile's baselineRefId): the baselines of one profile, one per framework, share it; null when not imported from a profile. */
  profileRefId: Maybe<Scalars['String']['output']>;
  /** Unique human key. */
  refId: Scalars['String']['output'];
  /** Number of live members. */
  requirementCount: Scalars['Int']['output'];
  /** Live members in framework order. */
  requirements: RequirementConnection;
  /** Where the selection came from (profile title, version, uuid). */
  sourceNote: Scalars['String']['output'];
  /** When its fields last changed. */
  updatedAt: Scalars['DateTime']['output'];
};


/**
 * A named selection of one framework's requirements (e.g. \"800-53 MODERATE\", from an OSCAL
 * profile). Applied to the organisation or an AI system, the applied baselines are the framework's
 * scope there: requirements outside them (other than their members' ancestors) get no coverage
 * status and are not counted, and a selected requirement whose children are all outside counts as a
 * leaf. Membership changes are kept as history.
 */
export type BaselineApplicationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeRetired?: InputMaybe<Scalars['Boolean']['input']>;
};


/**
 * A named selection of one framework's requirements (e.g. \"800-53 MODERATE\", from an OSCAL
 * profile). Applied to the organisation or an AI system, the applied baselines are the framework's
 * scope there: requirements outside them (other than their members' ancestors) get no coverage
 * status and are not counted, and a selected requirement whose children are all outside counts as a
 * leaf. Membership changes are kept as history.
 */
export type BaselineRequirementsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A baseline applied organisation-wide or to one AI system. */
export type BaselineApplication = {
  __typename?: 'BaselineApplication';
  /** The AI system; null for the organisation. */
  aiSystem: Maybe<AiSystem>;
  /** Global id of the AI system; null for the organisation. */
  aiSystemId: Maybe<Scalars['ID']['output']>;
  /** When it was applied. */
  createdAt: Scalars['DateTime']['output'];
  /** Who applied it. */
  createdBy: Scalars['String']['output'];
  /** When it stopped applying; null while live. */
  retiredAt: Maybe<Scalars['DateTime']['output']>;
  /** Who stopped it; null while live. */
  retiredBy: Maybe<Scalars['String']['output']>;
};

/** A page of a baseline's applications. */
export type BaselineApplicationConnection = {
  __typename?: 'BaselineApplicationConnection';
  /** The applications of this page. */
  edges: Array<BaselineApplicationEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of applications matching, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An application of a baseline in a connection. */
export type BaselineApplicationEdge = {
  __typename?: 'BaselineApplicationEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The application. */
  node: BaselineApplication;
};

/** Apply a baseline in a scope, or stop applying it. */
export type BaselineApplyInput = {
  /** The AI system; omit or null for the whole organisation. */
  aiSystemId?: InputMaybe<Scalars['ID']['input']>;
  /**
   * True applies it (nothing changes when it already applies there); false retires the live
   * application (nothing changes when there is none). An organisation-wide baseline also restricts
   * every AI system, and a system's own baselines of a framework narrow that system further (its
   * applicable set is the intersection).
   */
  applied: Scalars['Boolean']['input'];
  /** The baseline. */
  baselineId: Scalars['ID']['input'];
};

/** Result of `baselineApply`. */
export type BaselineApplyPayload = {
  __typename?: 'BaselineApplyPayload';
  /** The baseline; null when userErrors is not empty. */
  baseline: Maybe<Baseline>;
  /** Why the change was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A page of baselines. */
export type BaselineConnection = {
  __typename?: 'BaselineConnection';
  /** The baselines of this page. */
  edges: Array<BaselineEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of baselines matching, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A baseline in a connection. */
export type BaselineEdge = {
  __typename?: 'BaselineEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The baseline. */
  node: Baseline;
};

/** One integrity failure of a stored file, or its recovery (e.g. a re-upload that repaired it). */
export type BlobIntegrityEvent = {
  __typename?: 'BlobIntegrityEvent';
  /** Who triggered the check (actor id). */
  actorId: Scalars['String']['output'];
  /** When the check was recorded. */
  at: Scalars['DateTime']['output'];
  /** What was found, e.g. the size read and the SHA-256 it hashed to; empty when nothing to add. */
  detail: Scalars['String']['output'];
  /** How the file was checked. */
  source: IntegrityCheckSource;
  /** What the check found. */
  status: BlobIntegrityStatus;
};

/** What the latest check of a stored evidence file found. */
export type BlobIntegrityStatus =
  /** The stored bytes no longer hash to the file's SHA-256. */
  | 'CORRUPT'
  /** The stored bytes hash to the file's SHA-256. */
  | 'INTACT'
  /** The stored file does not exist (or no file was ever stored for this SHA-256). */
  | 'MISSING';

/** A stored file whose check failed. */
export type BlobProblem = {
  __typename?: 'BlobProblem';
  /** For CORRUPT: the SHA-256 the stored bytes hash to now; null otherwise. */
  actualSha256: Maybe<Scalars['String']['output']>;
  /** How many evidence items hold the file. */
  evidenceCount: Scalars['Int']['output'];
  /** The file's SHA-256. */
  sha256: Scalars['String']['output'];
  /** Its recorded size in bytes. */
  sizeBytes: Scalars['Int']['output'];
  /** MISSING or CORRUPT. */
  status: BlobIntegrityStatus;
};

/** What to import. Give exactly one of `content` and `sha256`. */
export type CatalogImportInput = {
  /**
   * OSCAL_PROFILE: the baseline's refId (derived from the profile's title when omitted); with several
   * frameworks, each baseline's refId is this followed by `--` and the framework's refId.
   * CISO_ASSISTANT_LIBRARY: the refId of a framework library's baseline of assessable requirements
   * (default: `<framework>-assessable`).
   */
  baselineRefId?: InputMaybe<Scalars['String']['input']>;
  /** The file's text (a GraphQL request body is limited; upload large files and give `sha256`). */
  content?: InputMaybe<Scalars['String']['input']>;
  /** Compute the full report, then write nothing. */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  /** The format; omitted, it is detected from the content (JSON or YAML top-level key, XML root element, CSV header). */
  format?: InputMaybe<ImportFormat>;
  /**
   * OSCAL_CATALOG: the framework the catalog is imported as (required; created if new).
   * OSCAL_PROFILE: the framework the profile selects from, for a profile importing one catalog (omitted: each import is matched to its own framework).
   * OSCAL_MAPPING_COLLECTION: the source framework (inferred when omitted).
   * CSV_MAPPINGS: the framework of rows without a framework column.
   * CSV_LINKS: the source framework of rows without a source_framework column.
   * CISO_ASSISTANT_LIBRARY: a framework library's refId (default: its URN's last segment); a
   * mapping library's first source framework (default: found by URN).
   */
  frameworkRefId?: InputMaybe<Scalars['String']['input']>;
  /** MERGE (default) or REPLACE. */
  mode?: InputMaybe<ImportMode>;
  /** OSCAL_CATALOG and CISO_ASSISTANT_LIBRARY (framework library): update a framework imported from another document (its title or identity — catalog uuid, framework URN — differ from the recorded ones); refused otherwise. */
  replaceSource?: InputMaybe<Scalars['Boolean']['input']>;
  /** SHA-256 of a file uploaded with `PUT /v1/blobs`. */
  sha256?: InputMaybe<Scalars['String']['input']>;
  /** A name for the source (e.g. the file name), kept in the audit trail only: an import's identity is its content (document uuid, else SHA-256). */
  sourceName?: InputMaybe<Scalars['String']['input']>;
  /** Refuse the whole import (INVALID, nothing written) when any item is rejected. */
  strict?: InputMaybe<Scalars['Boolean']['input']>;
  /**
   * OSCAL_MAPPING_COLLECTION: the target framework (inferred from the ids when omitted).
   * CSV_LINKS: the target framework of rows without a target_framework column.
   * CISO_ASSISTANT_LIBRARY: a mapping library's first target framework (default: found by URN).
   */
  targetFrameworkRefId?: InputMaybe<Scalars['String']['input']>;
};

/** Result of `catalogImport`. */
export type CatalogImportPayload = {
  __typename?: 'CatalogImportPayload';
  /**
   * The report; null when the import was refused as a whole, except for a strict import refused
   * because of rejections (then `applied` is false and the report says why).
   */
  report: Maybe<ImportReport>;
  /** Why the import was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** One of the organisation's own security controls; requirements are mapped to controls. */
export type Control = Node & {
  __typename?: 'Control';
  /** This control's status overrides for individual AI systems, ordered by AI system name. */
  aiSystemStatuses: AiSystemControlStatusConnection;
  /** When the control was created. */
  createdAt: Scalars['DateTime']['output'];
  /** What the control does and how; empty when not given. */
  description: Scalars['String']['output'];
  /** Free-form grouping, e.g. `Access control`; empty when not given. See `controlDomains`. */
  domain: Scalars['String']['output'];
  /** Evidence attached to this control, oldest first (by id). */
  evidence: EvidenceConnection;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** The control's own current implementation status (AI systems may override it). */
  implementationStatus: ImplementationStatus;
  /** Mappings of requirements to this control, oldest first (by creation). */
  mappings: MappingConnection;
  /** Who is responsible for the control (a person, team or mailbox); null when nobody is named. */
  owner: Maybe<Scalars['String']['output']>;
  /** Unique human key, e.g. `AC-01`. */
  refId: Scalars['String']['output'];
  /**
   * The requirements mapped to this control by a live mapping, ordered by their framework's refId,
   * then by requirement refId, then id.
   */
  requirements: RequirementConnection;
  /**
   * When the control was deleted (retired, rule 10); null while it is live. A retired control still
   * resolves by id (`node`, past coverage answers) but is absent from lists, and its key is free.
   */
  retiredAt: Maybe<Scalars['DateTime']['output']>;
  /**
   * Changes of the implementation status, newest first (by `changedAt`, then most recent change
   * first). Without `aiSystemId`: the control's own status, starting with the row written at
   * creation (`fromStatus` null). With `aiSystemId`: the history of that AI system's override of
   * this control's status, where `toStatus` null means the override was cleared (NOT_FOUND for an
   * unknown AI system).
   */
  statusHistory: ControlStatusChangeConnection;
  /** Short name of the control. */
  title: Scalars['String']['output'];
  /** Whether the control prevents, detects or corrects. */
  type: ControlType;
  /** When the control's fields or status last changed. */
  updatedAt: Scalars['DateTime']['output'];
};


/** One of the organisation's own security controls; requirements are mapped to controls. */
export type ControlAiSystemStatusesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** One of the organisation's own security controls; requirements are mapped to controls. */
export type ControlEvidenceArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  statuses?: InputMaybe<Array<EvidenceStatus>>;
};


/** One of the organisation's own security controls; requirements are mapped to controls. */
export type ControlMappingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeRetired?: InputMaybe<Scalars['Boolean']['input']>;
};


/** One of the organisation's own security controls; requirements are mapped to controls. */
export type ControlRequirementsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** One of the organisation's own security controls; requirements are mapped to controls. */
export type ControlStatusHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  aiSystemId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of controls. */
export type ControlConnection = {
  __typename?: 'ControlConnection';
  /** The controls of this page with their cursors. */
  edges: Array<ControlEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of controls in the whole list, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** Fields of a new control. */
export type ControlCreateInput = {
  /** What the control does and how (at most 20,000 characters). */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Free-form grouping, e.g. `Access control` (at most 200 characters, no surrounding spaces). */
  domain?: InputMaybe<Scalars['String']['input']>;
  /** Initial implementation status; NOT_IMPLEMENTED when omitted. Recorded as the first history row. */
  implementationStatus?: InputMaybe<ImplementationStatus>;
  /** Who is responsible (at most 200 characters). */
  owner?: InputMaybe<Scalars['String']['input']>;
  /** Unique human key, e.g. `AC-01`. 1–100 characters, no surrounding spaces. */
  refId: Scalars['String']['input'];
  /** Short name, 1–300 characters, not blank. */
  title: Scalars['String']['input'];
  /** Whether the control prevents, detects or corrects. */
  type: ControlType;
};

/** Which control to delete. */
export type ControlDeleteInput = {
  /** The control to delete. */
  id: Scalars['ID']['input'];
};

/** Result of deleting a control. */
export type ControlDeletePayload = {
  __typename?: 'ControlDeletePayload';
  /** Global id of the deleted control; null when userErrors is not empty. */
  deletedId: Maybe<Scalars['ID']['output']>;
  /** Why the deletion was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A control in a connection. */
export type ControlEdge = {
  __typename?: 'ControlEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The control. */
  node: Control;
};

/** Filters for `controls`; all given conditions must hold. */
export type ControlFilter = {
  /** Only controls of exactly this domain (case-sensitive). */
  domain?: InputMaybe<Scalars['String']['input']>;
  /** Only controls whose domain is one of these (case-sensitive). */
  domains?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Case-insensitive substring of refId, title or description. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Only controls whose own implementation status is one of these. */
  statuses?: InputMaybe<Array<ImplementationStatus>>;
  /** Only controls of these types. */
  types?: InputMaybe<Array<ControlType>>;
};

/**
 * The blast radius of a control: what drops if it stopped being EFFECTIVE (as if it were
 * NOT_IMPLEMENTED). Empty lists when it is not EFFECTIVE to begin with.
 */
export type ControlImpact = {
  __typename?: 'ControlImpact';
  /** The instant evaluated. */
  asOf: Scalars['DateTime']['output'];
  /** The control. */
  control: Control;
  /** The frameworks whose counts would change, with their counts before and after, ordered by framework id. */
  frameworks: Array<FrameworkCoverageChange>;
  /** Every requirement, of every framework in scope, whose status would drop (leaves and parents), ordered by framework id, then requirement id. */
  requirements: Array<RequirementStatusChange>;
  /** NOT_IMPLEMENTED; null when the control did not exist at the instant. */
  stateAfter: Maybe<ControlState>;
  /** The control's state as it is; null when it did not exist at the instant. */
  stateBefore: Maybe<ControlState>;
  /** Every threat whose exposure would drop, ordered by threat catalog id, then threat id. */
  threats: Array<ThreatExposureChange>;
};

/** Result of creating or changing a control. */
export type ControlPayload = {
  __typename?: 'ControlPayload';
  /** The control after the change; null when userErrors is not empty. */
  control: Maybe<Control>;
  /** Why the change was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** The state of a control in a scope at an instant (rule 2). */
export type ControlState =
  /** IMPLEMENTED with at least one current item of evidence: accepted, collected and reviewed by the instant, not past its validUntil. */
  | 'EFFECTIVE'
  /** IMPLEMENTED, no evidence is current or awaits review, and accepted evidence reached its validUntil at or before the instant. */
  | 'EVIDENCE_EXPIRED'
  /** IMPLEMENTED, but no evidence is current, awaiting review or expired. */
  | 'EVIDENCE_MISSING'
  /** IMPLEMENTED, no evidence is current, and evidence awaits review (whatever its validUntil): the next action is a reviewer's. */
  | 'EVIDENCE_PENDING_REVIEW'
  /** Its status is NOT_APPLICABLE. */
  | 'NOT_APPLICABLE'
  /** Its status is NOT_IMPLEMENTED, PLANNED or IN_PROGRESS. */
  | 'NOT_IMPLEMENTED';

/** A control state to assume in `coverageSimulation`. */
export type ControlStateChangeInput = {
  /** The control. */
  controlId: Scalars['ID']['input'];
  /** The state to assume in the scope at the instant, whatever its status and evidence. */
  state: ControlState;
};

/** One change of a control's implementation status. Kept forever; never edited. */
export type ControlStatusChange = Node & {
  __typename?: 'ControlStatusChange';
  /** The AI system whose override changed; null for a change of the control's own status. */
  aiSystem: Maybe<AiSystem>;
  /** When the change was made. */
  changedAt: Scalars['DateTime']['output'];
  /** Who made the change (actor id, e.g. `token:12`). */
  changedBy: Scalars['String']['output'];
  /** Why the status changed; null when no comment was given. */
  comment: Maybe<Scalars['String']['output']>;
  /** The status before the change; null for the first status of a control or of an AI-system override. */
  fromStatus: Maybe<ImplementationStatus>;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** The status after the change; null when an AI-system override was cleared or the control was deleted. */
  toStatus: Maybe<ImplementationStatus>;
};

/** A page of status changes. */
export type ControlStatusChangeConnection = {
  __typename?: 'ControlStatusChangeConnection';
  /** The status changes of this page with their cursors. */
  edges: Array<ControlStatusChangeEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of status changes in the whole list, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A status change in a connection. */
export type ControlStatusChangeEdge = {
  __typename?: 'ControlStatusChangeEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The status change. */
  node: ControlStatusChange;
};

/** A new implementation status for a control. */
export type ControlStatusSetInput = {
  /** Why the status changes (at most 5,000 characters); kept in the history. */
  comment?: InputMaybe<Scalars['String']['input']>;
  /** The control whose own status changes. */
  controlId: Scalars['ID']['input'];
  /** The new status. */
  status: ImplementationStatus;
};

/** The nature of a control: what it does about a risk. */
export type ControlType =
  /** Limits the damage or restores the normal state after an event (e.g. rollback, incident response). */
  | 'CORRECTIVE'
  /** Notices an unwanted event while or after it happens (e.g. monitoring, audit logging). */
  | 'DETECTIVE'
  /** Stops an unwanted event from happening (e.g. access control, input validation). */
  | 'PREVENTIVE';

/**
 * Changes to a control; omitted or null fields stay as they are. The implementation status is
 * changed with `controlStatusSet`, which keeps its history.
 */
export type ControlUpdateInput = {
  /** New description. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** New domain; an empty string clears it. */
  domain?: InputMaybe<Scalars['String']['input']>;
  /** The control to change. */
  id: Scalars['ID']['input'];
  /** New owner; an empty string clears it. */
  owner?: InputMaybe<Scalars['String']['input']>;
  /** New unique human key. */
  refId?: InputMaybe<Scalars['String']['input']>;
  /** New title. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** New type. */
  type?: InputMaybe<ControlType>;
};

/**
 * A control reaching a requirement, through the best of the ways it does (FULL before PARTIAL, then
 * the fewest crosswalk links, then the smallest link ids): a mapping of the requirement itself or of
 * an ancestor, or, through crosswalk links read in either direction (rule 7), of another requirement.
 */
export type CoverageContribution = {
  __typename?: 'CoverageContribution';
  /** The control. */
  control: Control;
  /** True when the control is reached through at least one crosswalk link. */
  inferred: Scalars['Boolean']['output'];
  /** FULL or PARTIAL, after inheritance and the weakest crosswalk link of the path. */
  kind: MappingKind;
  /** The requirement holding the mapping: the last of `path` or one of its ancestors. */
  mappedRequirement: Requirement;
  /** The mapping that applies. */
  mapping: Mapping;
  /**
   * The requirements from the evaluated one to the one whose (own or inherited) mapping applies:
   * just the requirement itself for a direct mapping, `[A, B, …]` for A → B → … through crosswalk
   * links (each read in either direction, see `steps`). The control comes last: A → B → control.
   */
  path: Array<Requirement>;
  /** The control's state in the scope at the instant. */
  state: ControlState;
  /** The crosswalk links of the way, one step per link in `path` order; empty for a direct mapping. */
  steps: Array<CrosswalkStep>;
};

/** A page of gaps. */
export type CoverageGapConnection = {
  __typename?: 'CoverageGapConnection';
  /** The gaps of this page with their cursors. */
  edges: Array<CoverageGapEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of gaps matching the filter, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A gap in a connection. */
export type CoverageGapEdge = {
  __typename?: 'CoverageGapEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The gap: an applicable leaf that is not COVERED, with its reasons. */
  node: RequirementCoverage;
};

/**
 * Coverage of frameworks in one scope at one instant. Every coverage field given the same scope,
 * instant and crosswalk options reads the same evaluation, so summaries, gaps, requirement statuses
 * and threat exposure agree.
 */
export type CoverageReport = {
  __typename?: 'CoverageReport';
  /** The scope's AI system; null for the organisation. */
  aiSystem: Maybe<AiSystem>;
  /** The instant evaluated. */
  asOf: Scalars['DateTime']['output'];
  /** Every framework in scope (threat catalogs excepted), ordered by framework id. */
  frameworks: Array<FrameworkCoverage>;
  /** Longest crosswalk chain followed, in links. */
  maxCrosswalkDepth: Scalars['Int']['output'];
  /** The sum of the framework summaries. */
  totals: CoverageSummary;
  /** Whether crosswalk inference was used. */
  viaCrosswalks: Scalars['Boolean']['output'];
};

/**
 * Where coverage is computed: the whole organisation (no `aiSystemId`) or one AI system. In an AI
 * system's scope only the frameworks that apply to it are evaluated, its control status overrides
 * win over the controls' own statuses, its not-applicable marks count beside the
 * organisation-wide ones, and evidence counts when it is for no AI system or for that system. (In
 * the organisation's scope only evidence for no AI system counts.)
 *
 * Name the AI system by `aiSystemId` or by `aiSystemName`, not both (BAD_USER_INPUT). A malformed
 * id or another type's id is BAD_USER_INPUT; an AI system that does not exist is NOT_FOUND from
 * every coverage field (a NOT_FOUND user error from `coverageSnapshotRecord`).
 */
export type CoverageScope = {
  /** The AI system; omit or null for the whole organisation. */
  aiSystemId?: InputMaybe<Scalars['ID']['input']>;
  /** The AI system by its name, instead of `aiSystemId`. */
  aiSystemName?: InputMaybe<Scalars['String']['input']>;
};

/** The outcome of `coverageSimulation`. Nothing is written. */
export type CoverageSimulation = {
  __typename?: 'CoverageSimulation';
  /** The instant evaluated. */
  asOf: Scalars['DateTime']['output'];
  /** The assumed control states, ordered by control id (the last change given for a control wins). */
  controls: Array<SimulatedControlState>;
  /** Every framework in scope with its counts as they are and as they would be, ordered by framework id. */
  frameworks: Array<FrameworkCoverageChange>;
  /** Every requirement whose status would change, ordered by framework id, then requirement id. */
  requirements: Array<RequirementStatusChange>;
  /** Every threat whose exposure would change, ordered by threat catalog id, then threat id. */
  threats: Array<ThreatExposureChange>;
};

/** Recorded coverage of a framework in a scope at an instant (see `coverageSnapshotRecord`). */
export type CoverageSnapshot = {
  __typename?: 'CoverageSnapshot';
  /** The scope's AI system; null for the organisation. */
  aiSystem: Maybe<AiSystem>;
  /** The instant the coverage was computed for (when it was recorded). */
  at: Scalars['DateTime']['output'];
  /** Who recorded it, e.g. `token:12` or `system:cli`. */
  createdBy: Scalars['String']['output'];
  /** The framework. */
  framework: Framework;
  /** The framework's leaf counts at that instant. */
  summary: CoverageSummary;
  /** Whether crosswalk inference was used. */
  viaCrosswalks: Scalars['Boolean']['output'];
};

/** A page of coverage snapshots. */
export type CoverageSnapshotConnection = {
  __typename?: 'CoverageSnapshotConnection';
  /** The snapshots of this page with their cursors. */
  edges: Array<CoverageSnapshotEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of snapshots matching, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A coverage snapshot in a connection. */
export type CoverageSnapshotEdge = {
  __typename?: 'CoverageSnapshotEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The snapshot. */
  node: CoverageSnapshot;
};

/** What `coverageSnapshotRecord` records. */
export type CoverageSnapshotRecordInput = {
  /**
   * The frameworks to record; omit for every framework in scope. NOT_FOUND for an unknown one,
   * INVALID for one not in scope (a threat catalog, or one that does not apply to the AI system).
   */
  frameworkIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** The scope; omit for the organisation. An unknown AI system is NOT_FOUND. */
  scope?: InputMaybe<CoverageScope>;
  /** Use crosswalk inference (default true). */
  viaCrosswalks?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Result of `coverageSnapshotRecord`. */
export type CoverageSnapshotRecordPayload = {
  __typename?: 'CoverageSnapshotRecordPayload';
  /** The recorded snapshots, ordered by framework id; null when userErrors is not empty. */
  snapshots: Maybe<Array<CoverageSnapshot>>;
  /** Why nothing was recorded; empty on success. */
  userErrors: Array<UserError>;
};

/** Coverage status of a requirement (rule 4 for leaves, rule 5 for requirements with children). */
export type CoverageStatus =
  /** A leaf reached by a FULL mapping to an EFFECTIVE control; a parent whose applicable leaves are all COVERED. */
  | 'COVERED'
  /** Marked not applicable (organisation-wide or for the scope's AI system), itself or an ancestor; a parent all of whose leaves are. */
  | 'NOT_APPLICABLE'
  /** A leaf reached only by PARTIAL mappings to EFFECTIVE controls; a parent with some, not all, leaves COVERED or PARTIAL. */
  | 'PARTIAL'
  /** No EFFECTIVE control reaches the leaf; a parent none of whose applicable leaves is COVERED or PARTIAL. */
  | 'UNCOVERED';

/** Leaf counts of a framework or a subtree (rule 5). */
export type CoverageSummary = {
  __typename?: 'CoverageSummary';
  /** covered / (total − notApplicable); null when every leaf is not applicable or there is none. */
  coverageRatio: Maybe<Scalars['Float']['output']>;
  /** COVERED leaves. */
  covered: Scalars['Int']['output'];
  /** NOT_APPLICABLE leaves. */
  notApplicable: Scalars['Int']['output'];
  /** PARTIAL leaves. */
  partial: Scalars['Int']['output'];
  /** Leaf requirements (withdrawn ones and those under a withdrawn parent are not counted). */
  total: Scalars['Int']['output'];
  /** UNCOVERED leaves. */
  uncovered: Scalars['Int']['output'];
};

/**
 * One crosswalk link of a contribution's way, read from the requirement before it (the evaluated
 * one for the first step) towards `requirement`: "before ⟨relationship⟩ requirement". A step reading
 * SUPERSET_OF or INTERSECTS_WITH makes the contribution PARTIAL.
 */
export type CrosswalkStep = {
  __typename?: 'CrosswalkStep';
  /** FORWARD when the requirement before (or its ancestor) is the link's source, INVERSE when it is the target. */
  direction: LinkDirection;
  /** The link: of the requirement before or of one of its ancestors (links apply to descendants). */
  link: RequirementLink;
  /** The relationship as read in that direction. */
  relationship: Relationship;
  /** The requirement the step reaches. */
  requirement: Requirement;
};

/** An item of evidence that one or more controls operate, optionally for one AI system. */
export type Evidence = Node & {
  __typename?: 'Evidence';
  /** The AI system the evidence is about; null when it is about the controls in general. */
  aiSystem: Maybe<AiSystem>;
  /** When the evidence was collected (its point in time). */
  collectedAt: Scalars['DateTime']['output'];
  /** The controls this evidence supports, ordered by refId, then id. */
  controls: ControlConnection;
  /** When the evidence was recorded. */
  createdAt: Scalars['DateTime']['output'];
  /** Who recorded the evidence (actor id). */
  createdBy: Scalars['String']['output'];
  /** What the evidence shows; for an ATTESTATION, the statement itself. Empty when not given. */
  description: Scalars['String']['output'];
  /** Original name of the file; set for FILE evidence only. */
  filename: Maybe<Scalars['String']['output']>;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** For FILE evidence: the integrity of the stored file (checked on upload, download, verify and scan). Null for other kinds. */
  integrity: Maybe<EvidenceIntegrity>;
  /** What form the evidence takes. */
  kind: EvidenceKind;
  /** Media type of the file, e.g. `application/pdf`; set for FILE evidence only. */
  mediaType: Maybe<Scalars['String']['output']>;
  /**
   * Set when the evidence was restored from a bundle rather than recorded here: then `createdBy`,
   * `createdAt`, `collectedAt` and the latest review's fields are what the bundle claims. Null for
   * evidence recorded on this instance.
   */
  provenance: Maybe<Provenance>;
  /** The latest review's comment; null before the first review. */
  reviewComment: Maybe<Scalars['String']['output']>;
  /** When the latest review was made; null before the first review. */
  reviewedAt: Maybe<Scalars['DateTime']['output']>;
  /** Who made the latest review (actor id); null before the first review. */
  reviewedBy: Maybe<Scalars['String']['output']>;
  /** Every review of this evidence, oldest first; the last one is the current status. */
  reviews: Array<EvidenceReview>;
  /** Lowercase hex SHA-256 of the file; set for FILE evidence only. */
  sha256: Maybe<Scalars['String']['output']>;
  /** Size of the file in bytes; set for FILE evidence only. */
  sizeBytes: Maybe<Scalars['Int']['output']>;
  /** The latest review decision, or PENDING_REVIEW before the first review. */
  status: EvidenceStatus;
  /** Short name of the evidence. */
  title: Scalars['String']['output'];
  /** When the evidence was last changed (e.g. reviewed). */
  updatedAt: Scalars['DateTime']['output'];
  /** Where the evidence is; always set for LINK, optional otherwise. */
  url: Maybe<Scalars['String']['output']>;
  /** Until when the evidence counts; null when it does not expire. */
  validUntil: Maybe<Scalars['DateTime']['output']>;
};


/** An item of evidence that one or more controls operate, optionally for one AI system. */
export type EvidenceControlsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Up to 1,000 attaches in one call. */
export type EvidenceAttachBulkInput = {
  /** The items, 1 to 1,000. Each succeeds or fails on its own. */
  items: Array<EvidenceAttachInput>;
};

/** Result of `evidenceAttachBulk`. */
export type EvidenceAttachBulkPayload = {
  __typename?: 'EvidenceAttachBulkPayload';
  /** Items that created evidence; null when the call was refused. */
  createdCount: Maybe<Scalars['Int']['output']>;
  /** Items that failed; null when the call was refused. */
  failedCount: Maybe<Scalars['Int']['output']>;
  /** Items whose idempotency key returned existing evidence; null when the call was refused. */
  replayedCount: Maybe<Scalars['Int']['output']>;
  /** One result per item, in input order; null when the whole call was refused (see userErrors). */
  results: Maybe<Array<EvidenceAttachResult>>;
  /** Why the whole call was refused (e.g. more than 1,000 items, or not allowed); items' own errors are in results. */
  userErrors: Array<UserError>;
};

/** A stored file, uploaded with `PUT /v1/blobs`, attached to controls as FILE evidence. */
export type EvidenceAttachInput = {
  /** The AI system the evidence is about; omit when it is about the controls in general. */
  aiSystemId?: InputMaybe<Scalars['ID']['input']>;
  /** When the evidence was collected; now when omitted. Must not be in the future (5 minutes of clock skew are tolerated). */
  collectedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The controls the evidence supports: 1 to 100 global ids (repeats are ignored). */
  controlIds: Array<Scalars['ID']['input']>;
  /** What the evidence shows (at most 20,000 characters). */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The file's name, shown to people and used for downloads. Metadata only, never a path: 1–255 characters without `/`, `\`, control characters, or invisible and text-direction characters (such as U+202E RIGHT-TO-LEFT OVERRIDE, which can make a name show a false extension). */
  filename: Scalars['String']['input'];
  /**
   * Makes retries safe (1–200 characters, unique across all evidence): a second attach with the
   * same key creates nothing and returns the item created by the first (`created: false`) — its
   * other fields are not compared and not changed. The same key with a different file, set of
   * controls or AI system is a CONFLICT.
   */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Media type, e.g. `application/pdf`; `application/octet-stream` when omitted. */
  mediaType?: InputMaybe<Scalars['String']['input']>;
  /** Lowercase hex SHA-256 of an uploaded file (as answered by `PUT /v1/blobs`). BLOB_NOT_FOUND when no such file is stored. */
  sha256: Scalars['String']['input'];
  /** Short name, 1–300 characters; the file name when omitted. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** Until when the evidence counts; must be later than collectedAt. Omit when it does not expire. */
  validUntil?: InputMaybe<Scalars['DateTime']['input']>;
};

/** Result of attaching a file. */
export type EvidenceAttachPayload = {
  __typename?: 'EvidenceAttachPayload';
  /** True when this call created the evidence, false when the idempotency key returned an existing item; null when userErrors is not empty. */
  created: Maybe<Scalars['Boolean']['output']>;
  /** The FILE evidence (new, or the one the idempotency key created before); null when userErrors is not empty. */
  evidence: Maybe<Evidence>;
  /** Why the attach was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** The outcome of one item of `evidenceAttachBulk`. */
export type EvidenceAttachResult = {
  __typename?: 'EvidenceAttachResult';
  /** True when this call created the evidence. */
  created: Scalars['Boolean']['output'];
  /** The FILE evidence, or null when the item failed. */
  evidence: Maybe<Evidence>;
  /** Position of the item in `input.items` (from 0). */
  index: Scalars['Int']['output'];
  /** Why the item failed (fields are paths like ["input", "items", "3", "sha256"]); empty on success. */
  userErrors: Array<UserError>;
};

/** A page of evidence. */
export type EvidenceConnection = {
  __typename?: 'EvidenceConnection';
  /** The evidence of this page with their cursors. */
  edges: Array<EvidenceEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of evidence items in the whole list, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A new LINK or ATTESTATION item of evidence (FILE evidence is created by file upload). */
export type EvidenceCreateInput = {
  /** The AI system the evidence is about; omit when it is about the controls in general. */
  aiSystemId?: InputMaybe<Scalars['ID']['input']>;
  /** When the evidence was collected; now when omitted. Must not be in the future (5 minutes of clock skew are tolerated). */
  collectedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The controls the evidence supports: 1 to 100 global ids (repeats are ignored). */
  controlIds: Array<Scalars['ID']['input']>;
  /** What the evidence shows; for an ATTESTATION, the statement itself (at most 20,000 characters). */
  description?: InputMaybe<Scalars['String']['input']>;
  /** LINK or ATTESTATION; FILE is refused (INVALID): upload the file instead. */
  kind: EvidenceKind;
  /** Short name, 1–300 characters, not blank. */
  title: Scalars['String']['input'];
  /** Absolute http or https URL (at most 2,000 characters); required for LINK, optional for ATTESTATION. */
  url?: InputMaybe<Scalars['String']['input']>;
  /** Until when the evidence counts; must be later than collectedAt. Omit when it does not expire. */
  validUntil?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A reviewer's decision about an item of evidence. */
export type EvidenceDecision =
  /** The evidence supports its controls. */
  | 'ACCEPTED'
  /** The evidence does not support its controls. */
  | 'REJECTED';

/** An item of evidence in a connection. */
export type EvidenceEdge = {
  __typename?: 'EvidenceEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The evidence. */
  node: Evidence;
};

/** Filters for `evidence`; all given conditions must hold. */
export type EvidenceFilter = {
  /** Only evidence about this AI system (NOT_FOUND for an unknown AI system). */
  aiSystemId?: InputMaybe<Scalars['ID']['input']>;
  /** Only evidence attached to this control (NOT_FOUND for an unknown control). */
  controlId?: InputMaybe<Scalars['ID']['input']>;
  /** Only evidence no longer valid at this instant: `validUntil` is set and not later than it (pass now for everything expired). */
  expiredBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only evidence that expires: `validUntil` is set and earlier than this instant (already expired items included; add `validAt` to leave them out). */
  expiringBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only evidence of these kinds. */
  kinds?: InputMaybe<Array<EvidenceKind>>;
  /** Case-insensitive substring of title, description, url or filename. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Only evidence in these review statuses. */
  statuses?: InputMaybe<Array<EvidenceStatus>>;
  /** Only evidence valid at this instant: collected at or before it and `validUntil` unset or later. `{validAt: <now>, expiringBefore: <end of next month>}` lists what expires by then. */
  validAt?: InputMaybe<Scalars['DateTime']['input']>;
};

/** Whether the stored file behind FILE evidence is still exactly what was uploaded. */
export type EvidenceIntegrity = {
  __typename?: 'EvidenceIntegrity';
  /** When the latest check was made (the upload counts as the first); null when no file is stored. */
  checkedAt: Maybe<Scalars['DateTime']['output']>;
  /** How the latest check was made; null when no file is stored. */
  checkedBy: Maybe<IntegrityCheckSource>;
  /** Failures and recoveries, newest first (at most 20). */
  events: Array<BlobIntegrityEvent>;
  /** Lowercase hex SHA-256 of the file. */
  sha256: Scalars['String']['output'];
  /** What the latest check found. MISSING when no file was ever stored for the hash. */
  status: BlobIntegrityStatus;
};

/** What to scan. */
export type EvidenceIntegrityScanInput = {
  /** Only these files (lowercase hex SHA-256); every stored file when omitted. */
  sha256s?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Result of an integrity scan. Every field but userErrors is null when the scan was refused. */
export type EvidenceIntegrityScanPayload = {
  __typename?: 'EvidenceIntegrityScanPayload';
  /** Files checked. */
  checked: Maybe<Scalars['Int']['output']>;
  /** When the results were recorded. */
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  /** Files found intact. */
  intact: Maybe<Scalars['Int']['output']>;
  /** Files found missing or corrupt, by SHA-256. */
  problems: Maybe<Array<BlobProblem>>;
  /** When the scan started. */
  startedAt: Maybe<Scalars['DateTime']['output']>;
  /** Stored files without a record (left by a crash before the upload was acknowledged); removed by `npm run cli -- blobs gc`. 0 when sha256s was given. */
  unrecordedFiles: Maybe<Scalars['Int']['output']>;
  /** Why nothing was scanned; empty on success. */
  userErrors: Array<UserError>;
};

/** What form an item of evidence takes. */
export type EvidenceKind =
  /** A signed statement by a person that the control operates, written in the description. */
  | 'ATTESTATION'
  /** An uploaded file, identified by its SHA-256 (created by file upload, not by `evidenceCreate`). */
  | 'FILE'
  /** A link to a document or record held elsewhere (an absolute http(s) URL). */
  | 'LINK';

/** Result of creating or reviewing evidence. */
export type EvidencePayload = {
  __typename?: 'EvidencePayload';
  /** The evidence after the change; null when userErrors is not empty. */
  evidence: Maybe<Evidence>;
  /** Why the change was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** One review decision about an item of evidence. Kept forever; never edited. */
export type EvidenceReview = Node & {
  __typename?: 'EvidenceReview';
  /** The reviewer's comment; empty when not given. */
  comment: Scalars['String']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Set when the review was restored from a bundle; null for a review made on this instance. */
  provenance: Maybe<Provenance>;
  /** When the review was made. */
  reviewedAt: Scalars['DateTime']['output'];
  /** Who made the review (actor id); for a restored review (`provenance` set), who the bundle says made it. */
  reviewedBy: Scalars['String']['output'];
  /** The decision. */
  status: EvidenceStatus;
};

/** A review decision about an item of evidence. */
export type EvidenceReviewInput = {
  /** Why (at most 5,000 characters). */
  comment?: InputMaybe<Scalars['String']['input']>;
  /** ACCEPTED or REJECTED. */
  decision: EvidenceDecision;
  /** The evidence to review. */
  evidenceId: Scalars['ID']['input'];
};

/** Where an item of evidence stands in review. */
export type EvidenceStatus =
  /** A reviewer accepted the evidence. */
  | 'ACCEPTED'
  /** Not reviewed yet. Every new item starts here. */
  | 'PENDING_REVIEW'
  /** A reviewer rejected the evidence. */
  | 'REJECTED';

/** Which FILE evidence to re-hash. */
export type EvidenceVerifyInput = {
  /** The FILE evidence item. */
  evidenceId: Scalars['ID']['input'];
};

/** Result of `evidenceVerify`. */
export type EvidenceVerifyPayload = {
  __typename?: 'EvidenceVerifyPayload';
  /** The evidence item; null when userErrors is not empty. */
  evidence: Maybe<Evidence>;
  /** The integrity after this check; null when userErrors is not empty. */
  integrity: Maybe<EvidenceIntegrity>;
  /** Why nothing was verified; empty on success. */
  userErrors: Array<UserError>;
};

/**
 * An item of evidence that is current now and whose `validUntil` falls in the window asked for, with
 * what would drop when it expires: the scope evaluated now with this one item expired and everything
 * else as it is (the same what-if as `controlImpact`).
 */
export type ExpiringEvidence = {
  __typename?: 'ExpiringEvidence';
  /** The controls whose state would change (usually EFFECTIVE → EVIDENCE_EXPIRED), ordered by control id; empty when other evidence keeps them EFFECTIVE. */
  controls: Array<ExpiringEvidenceControl>;
  /** The evidence. */
  evidence: Evidence;
  /** The frameworks whose counts would change, with their counts before and after, ordered by framework id. */
  frameworks: Array<FrameworkCoverageChange>;
  /** Every requirement whose status would drop (leaves and parents), ordered by framework id, then requirement id. */
  requirements: Array<RequirementStatusChange>;
  /** Every threat whose exposure would drop, ordered by threat catalog id, then threat id. */
  threats: Array<ThreatExposureChange>;
  /** When it stops counting. */
  validUntil: Scalars['DateTime']['output'];
};

/** A page of expiring evidence. */
export type ExpiringEvidenceConnection = {
  __typename?: 'ExpiringEvidenceConnection';
  /** The items of this page with their cursors. */
  edges: Array<ExpiringEvidenceEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of items expiring in the window, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A control whose state would change when an item of evidence expires. */
export type ExpiringEvidenceControl = {
  __typename?: 'ExpiringEvidenceControl';
  /** Its state once the item has expired (everything else as it is). */
  after: ControlState;
  /** Its state as it is. */
  before: ControlState;
  /** The control. */
  control: Control;
};

/** An expiring item of evidence in a connection. */
export type ExpiringEvidenceEdge = {
  __typename?: 'ExpiringEvidenceEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: ExpiringEvidence;
};

/**
 * A generated file, written on the server: download it from `downloadUrl` (GET with the same
 * token, until `expiresAt`) and save it under `filename`; `sha256` lets the receiver check the copy.
 * See docs/export-downloads.md.
 */
export type ExportDocument = {
  __typename?: 'ExportDocument';
  /** Size of the content in UTF-8 bytes. */
  byteLength: Scalars['Int']['output'];
  /**
   * The file's text, only for documents of at most 1 MiB (1,048,576 bytes); a larger one is the
   * error EXPORT_CONTENT_TOO_LARGE: select `downloadUrl` instead.
   * @deprecated Select downloadUrl and download the file: content carries documents of at most 1 MiB (larger ones fail with EXPORT_CONTENT_TOO_LARGE).
   */
  content: Scalars['String']['output'];
  /**
   * Where to download the file: a path on this server (`/v1/exports/<id>`), to GET with the same
   * token that asked for the export, until `expiresAt`. The file is streamed, with `Content-Length`
   * and `X-Content-SHA256`.
   */
  downloadUrl: Scalars['String']['output'];
  /** Until when `downloadUrl` serves the file (then it is removed; ask for the export again). */
  expiresAt: Scalars['DateTime']['output'];
  /** A suggested file name, e.g. `coverage-organisation-20260131T120000Z.csv`. */
  filename: Scalars['String']['output'];
  /** The media type, e.g. `text/csv; charset=utf-8`, `application/json`, `application/oscal+json`. */
  mediaType: Scalars['String']['output'];
  /** SHA-256 of the content's UTF-8 bytes, lowercase hex. */
  sha256: Scalars['String']['output'];
};

/** The file format of a tabular export. */
export type ExportFormat =
  /** Comma-separated values (RFC 4180, UTF-8, LF line ends), one header line. */
  | 'CSV'
  /** JSON (two-space indentation). */
  | 'JSON';

/** A body of requirements: a regulation, standard, internal policy, control or threat catalog. */
export type Framework = Node & {
  __typename?: 'Framework';
  /** The AI systems this framework applies to, ordered by name. */
  aiSystems: AiSystemConnection;
  /** Baselines selecting from this framework, by refId. */
  baselines: BaselineConnection;
  /** This framework's coverage; null when it is not in scope (a threat catalog, or not applying to the AI system). NOT_FOUND for an unknown AI system. */
  coverage: Maybe<FrameworkCoverage>;
  /** When the framework was created here. */
  createdAt: Scalars['DateTime']['output'];
  /** What the framework covers. */
  description: Scalars['String']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** What kind of framework this is. */
  kind: FrameworkKind;
  /** Licence under which the content is used. */
  licenseNote: Scalars['String']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** Unique human key, e.g. `nist-ai-rmf-1.0`. */
  refId: Scalars['String']['output'];
  /**
   * The framework's requirements. With `topLevelOnly` only the requirements without a parent,
   * ordered by sortOrder, then id. Otherwise every requirement at every depth, ordered by id,
   * i.e. creation order; for imported catalogs that is document order, parents before children.
   */
  requirements: RequirementConnection;
  /**
   * When the framework was deleted (retired, rule 10); null while it is live. A retired framework still
   * resolves by id (`node`, past coverage answers) but is absent from lists, and its key is free.
   */
  retiredAt: Maybe<Scalars['DateTime']['output']>;
  /** Where the content came from (publisher, repository, commit). */
  sourceNote: Scalars['String']['output'];
  /** The threats of a THREAT_CATALOG framework (always empty for other kinds), ordered by id (creation order, i.e. document order for imported catalogs). */
  threats: ThreatConnection;
  /** When the framework was last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Version of the framework text. */
  version: Scalars['String']['output'];
};


/** A body of requirements: a regulation, standard, internal policy, control or threat catalog. */
export type FrameworkAiSystemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A body of requirements: a regulation, standard, internal policy, control or threat catalog. */
export type FrameworkBaselinesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A body of requirements: a regulation, standard, internal policy, control or threat catalog. */
export type FrameworkCoverageArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  maxCrosswalkDepth?: InputMaybe<Scalars['Int']['input']>;
  scope?: InputMaybe<CoverageScope>;
  viaCrosswalks?: InputMaybe<Scalars['Boolean']['input']>;
};


/** A body of requirements: a regulation, standard, internal policy, control or threat catalog. */
export type FrameworkRequirementsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeWithdrawn?: InputMaybe<Scalars['Boolean']['input']>;
  topLevelOnly?: InputMaybe<Scalars['Boolean']['input']>;
};


/** A body of requirements: a regulation, standard, internal policy, control or threat catalog. */
export type FrameworkThreatsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  topLevelOnly?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A page of frameworks. */
export type FrameworkConnection = {
  __typename?: 'FrameworkConnection';
  /** The frameworks of this page with their cursors. */
  edges: Array<FrameworkEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of frameworks matching the filter, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** Coverage of one framework in a scope at an instant: its rolled-up status and leaf counts. */
export type FrameworkCoverage = {
  __typename?: 'FrameworkCoverage';
  /** covered / (total − notApplicable); null when that is 0. */
  coverageRatio: Maybe<Scalars['Float']['output']>;
  /** COVERED leaves. */
  covered: Scalars['Int']['output'];
  /** The framework. */
  framework: Framework;
  /** NOT_APPLICABLE leaves. */
  notApplicable: Scalars['Int']['output'];
  /** PARTIAL leaves. */
  partial: Scalars['Int']['output'];
  /** Rolled-up status of all its leaves; null when it has none. */
  status: Maybe<CoverageStatus>;
  /** The same counts as one object. */
  summary: CoverageSummary;
  /** Leaf requirements. */
  total: Scalars['Int']['output'];
  /** UNCOVERED leaves. */
  uncovered: Scalars['Int']['output'];
};

/** A framework's leaf counts before and after a change. */
export type FrameworkCoverageChange = {
  __typename?: 'FrameworkCoverageChange';
  /** Its counts after the change. */
  after: CoverageSummary;
  /** Its counts as they are. */
  before: CoverageSummary;
  /** True when covered, partial or uncovered differ. */
  changed: Scalars['Boolean']['output'];
  /** The framework. */
  framework: Framework;
};

/** Fields of a new framework. */
export type FrameworkCreateInput = {
  /** What the framework covers. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** What kind of framework this is. */
  kind: FrameworkKind;
  /** Licence under which the content is used. */
  licenseNote?: InputMaybe<Scalars['String']['input']>;
  /** Display name. */
  name: Scalars['String']['input'];
  /** Unique human key, e.g. `iso-42001`. 1–100 characters, no surrounding spaces. */
  refId: Scalars['String']['input'];
  /** Where the content came from. */
  sourceNote?: InputMaybe<Scalars['String']['input']>;
  /** Version of the framework text. */
  version?: InputMaybe<Scalars['String']['input']>;
};

/** Which framework to delete. */
export type FrameworkDeleteInput = {
  /** The framework to delete. */
  id: Scalars['ID']['input'];
};

/** Result of deleting a framework. */
export type FrameworkDeletePayload = {
  __typename?: 'FrameworkDeletePayload';
  /** Global id of the deleted framework; null when userErrors is not empty. */
  deletedId: Maybe<Scalars['ID']['output']>;
  /** Why the deletion was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A framework in a connection. */
export type FrameworkEdge = {
  __typename?: 'FrameworkEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The framework. */
  node: Framework;
};

/** Filters for `frameworks`; all given conditions must hold. */
export type FrameworkFilter = {
  /** Only frameworks of these kinds. */
  kinds?: InputMaybe<Array<FrameworkKind>>;
  /** Case-insensitive substring of refId, name or description. */
  search?: InputMaybe<Scalars['String']['input']>;
};

/** What kind of body of requirements a framework is. */
export type FrameworkKind =
  /** A catalog of controls or mitigations, e.g. MITRE ATLAS mitigations. */
  | 'CONTROL_CATALOG'
  /** The organisation's own policy. */
  | 'INTERNAL_POLICY'
  /** A law or regulation, e.g. the EU AI Act. */
  | 'REGULATION'
  /** A published standard or framework, e.g. NIST AI RMF. */
  | 'STANDARD'
  /** A catalog of threats, e.g. MITRE ATLAS techniques. Holds threats rather than requirements. */
  | 'THREAT_CATALOG';

/** Result of creating or updating a framework. */
export type FrameworkPayload = {
  __typename?: 'FrameworkPayload';
  /** The framework after the change; null when userErrors is not empty. */
  framework: Maybe<Framework>;
  /** Why the change was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** Changes to a framework; omitted fields stay as they are. */
export type FrameworkUpdateInput = {
  /** New description. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The framework to change. */
  id: Scalars['ID']['input'];
  /** New kind. */
  kind?: InputMaybe<FrameworkKind>;
  /** New licence note. */
  licenseNote?: InputMaybe<Scalars['String']['input']>;
  /** New display name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New unique human key. */
  refId?: InputMaybe<Scalars['String']['input']>;
  /** New source note. */
  sourceNote?: InputMaybe<Scalars['String']['input']>;
  /** New version. */
  version?: InputMaybe<Scalars['String']['input']>;
};

/** Filters for `gaps`; all given conditions must hold. */
export type GapFilter = {
  /** The AI system whose scope is evaluated; omit for the organisation. */
  aiSystemId?: InputMaybe<Scalars['ID']['input']>;
  /** Only gaps with a reason naming this control. */
  controlId?: InputMaybe<Scalars['ID']['input']>;
  /** Only gaps with a reason naming a control of exactly this domain (case-sensitive). */
  domain?: InputMaybe<Scalars['String']['input']>;
  /** Only leaves of this framework. */
  frameworkId?: InputMaybe<Scalars['ID']['input']>;
  /** Only leaves of the framework with this refId, instead of `frameworkId`. */
  frameworkRefId?: InputMaybe<Scalars['String']['input']>;
  /** Only gaps with at least one of these reasons. */
  reasons?: InputMaybe<Array<GapReasonCode>>;
};

/** Why an applicable leaf is not COVERED, naming the controls concerned (none for NO_MAPPING). */
export type GapReason = {
  __typename?: 'GapReason';
  /** The reason. */
  code: GapReasonCode;
  /** The controls concerned, ordered by control id. */
  controls: Array<CoverageContribution>;
};

/** Why an applicable leaf is not COVERED (rule 6). Reasons are listed in this order. */
export type GapReasonCode =
  /** FULL-mapped controls whose state is NOT_IMPLEMENTED or NOT_APPLICABLE. */
  | 'CONTROL_NOT_IMPLEMENTED'
  /** FULL-mapped controls in state EVIDENCE_EXPIRED. */
  | 'EVIDENCE_EXPIRED'
  /** FULL-mapped controls in state EVIDENCE_MISSING. */
  | 'EVIDENCE_MISSING'
  /** FULL-mapped controls in state EVIDENCE_PENDING_REVIEW. */
  | 'EVIDENCE_PENDING_REVIEW'
  /** No control is mapped to it, by its own, an inherited or an inferred mapping. */
  | 'NO_MAPPING'
  /** Controls are mapped, but none FULL: the reason names every mapped control. */
  | 'ONLY_PARTIAL';

/** How far a control is put into practice. */
export type ImplementationStatus =
  /** In place and operating. */
  | 'IMPLEMENTED'
  /** Being put in place. */
  | 'IN_PROGRESS'
  /** Deliberately not used, because it does not apply. */
  | 'NOT_APPLICABLE'
  /** Not in place and not planned. */
  | 'NOT_IMPLEMENTED'
  /** Decided and scheduled, but work has not started. */
  | 'PLANNED';

/** Tallies of one kind of object in an import report. */
export type ImportCount = {
  __typename?: 'ImportCount';
  /** Created (a dry run: would be). */
  created: Scalars['Int']['output'];
  /**
   * frameworks, requirements, controls, mappings, links, threats, threatLinks, baselines,
   * baselineMembers (and further kinds for formats that write more).
   */
  kind: Scalars['String']['output'];
  /** Retired, withdrawn or removed by REPLACE. */
  retired: Scalars['Int']['output'];
  /** Already as the file says (or retired here and left so in MERGE mode). */
  unchanged: Scalars['Int']['output'];
  /** Updated: fields changed; a changed mapping gets a revision, a changed link is replaced. */
  updated: Scalars['Int']['output'];
};

/** Formats `catalogImport` reads. See docs/import-export.md, "Importing", for each format's rules. */
export type ImportFormat =
  /**
   * Crosswalk's native JSON bundle of the whole graph with its history (`bundleExport`), restored
   * into an empty instance; INVALID when the instance holds other data. See docs/import-export.md, "Exporting".
   */
  | 'BUNDLE'
  /**
   * A CISO Assistant library (YAML with top-level `urn` and `objects`): a framework library → a
   * framework (refId: `frameworkRefId`, else its URN's last segment), its requirement nodes (URNs
   * kept as source ids) and a baseline of the assessable ones; a mapping library → crosswalk
   * links matched by URN (a `-revert` set is not imported twice). See docs/ciso-assistant-and-csv.md.
   */
  | 'CISO_ASSISTANT_LIBRARY'
  /** CSV: control, title, description, domain, type, status, owner → controls. */
  | 'CSV_CONTROLS'
  /**
   * CSV: source_framework, source_requirement, target_framework, target_requirement, relationship,
   * strength, rationale, provenance → crosswalk links (the file `linksExport` writes).
   */
  | 'CSV_LINKS'
  /** CSV: framework, requirement, control, relationship, strength, rationale → mappings. */
  | 'CSV_MAPPINGS'
  /** OSCAL catalog (JSON, XML or YAML, OSCAL 1.0 to 1.2) → a framework (`frameworkRefId`) and its requirements. */
  | 'OSCAL_CATALOG'
  /** OSCAL 1.2 mapping-collection (JSON, XML or YAML) → crosswalk links between two frameworks. */
  | 'OSCAL_MAPPING_COLLECTION'
  /** OSCAL profile (JSON, XML or YAML) → a baseline: the selection of one framework's requirements that applies. */
  | 'OSCAL_PROFILE';

/** How an import treats what already exists. Nothing is ever deleted: retiring keeps the history. */
export type ImportMode =
  /** Create what is new and update what changed; leave everything else as it is. */
  | 'MERGE'
  /**
   * As MERGE, then retire what the file's scope holds but the file no longer contains: a catalog's
   * missing requirements are marked withdrawn, a mapping-collection's missing links (same source
   * and target frameworks) and a CSV's missing mappings (same frameworks) are retired, a profile's
   * unselected baseline members are removed. Controls are never retired. Nothing is retired when
   * any item of the file was rejected.
   */
  | 'REPLACE';

/** An item of the file that was not imported. */
export type ImportRejection = {
  __typename?: 'ImportRejection';
  /** Where it is: a JSON path (`$.mapping-collection.mappings[0].maps[3].targets[1]`) or `line N` of a CSV file. */
  location: Scalars['String']['output'];
  /** Why. */
  reason: Scalars['String']['output'];
};

/**
 * What an import did (or, for a dry run, would do). Its lists are whole, not connections: the
 * report is one mutation's answer and cannot be fetched again page by page.
 */
export type ImportReport = {
  __typename?: 'ImportReport';
  /** True when the import was committed; false for a dry run or a refused strict import. */
  applied: Scalars['Boolean']['output'];
  /** The baselines written (profiles); empty unless applied. */
  baselines: Array<Baseline>;
  /** Tallies per kind of object. */
  counts: Array<ImportCount>;
  /** True for a dry run. */
  dryRun: Scalars['Boolean']['output'];
  /** The format read (given or detected). */
  format: ImportFormat;
  /** The frameworks written (catalogs) or selected from (profiles); empty unless applied. */
  frameworks: Array<Framework>;
  /** The mode used. */
  mode: ImportMode;
  /** True when no item of the file could be imported (none created, updated, unchanged or retired); a warning says so too. */
  nothingImported: Scalars['Boolean']['output'];
  /** Items not imported, each with its location and reason. */
  rejected: Array<ImportRejection>;
  /** Ids naming nothing known, grouped by kind and framework. */
  unresolved: Array<UnresolvedIds>;
  /** Tolerated defects and dropped details. */
  warnings: Array<ImportWarning>;
};

/** Something imported with a caveat (a tolerated defect of the file, a detail not kept). */
export type ImportWarning = {
  __typename?: 'ImportWarning';
  /** Where (the first place, when the same defect repeats); empty when about the whole import. */
  location: Scalars['String']['output'];
  /** What. */
  message: Scalars['String']['output'];
};

/** How a stored evidence file was checked. */
export type IntegrityCheckSource =
  /** Re-hashed while it was downloaded (`GET /v1/blobs/<sha256>`). */
  | 'DOWNLOAD'
  /** Re-hashed by an integrity scan (`evidenceIntegrityScan` or `npm run cli -- blobs scan`). */
  | 'SCAN'
  /** Hashed while it was uploaded (the first check of every file; also a re-upload). */
  | 'UPLOAD'
  /** Re-hashed by `evidenceVerify`. */
  | 'VERIFY';

/** How a crosswalk step reads its link (rule 7: a link also states its inverse). */
export type LinkDirection =
  /** From the link's source to its target, with the link's relationship. */
  | 'FORWARD'
  /** From the link's target to its source, with the inverse relationship (SUBSET_OF ↔ SUPERSET_OF; EQUAL and INTERSECTS_WITH read the same). */
  | 'INVERSE';

/**
 * A requirement mapped to a control, read "the requirement is ⟨relationship⟩ the control".
 * Never deleted: `mappingRetire` ends it, and every version of its relationship, strength and
 * rationale is kept in `revisions`.
 */
export type Mapping = Node & {
  __typename?: 'Mapping';
  /** The control side of the mapping. */
  control: Control;
  /** When the mapping was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Who created the mapping (actor id). */
  createdBy: Scalars['String']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Why the mapping holds; empty when not given. */
  rationale: Scalars['String']['output'];
  /** How the requirement relates to the control (the requirement is ⟨relationship⟩ the control). */
  relationship: Relationship;
  /** The requirement side of the mapping. */
  requirement: Requirement;
  /** When the mapping was retired; null while it is live. */
  retiredAt: Maybe<Scalars['DateTime']['output']>;
  /** Who retired the mapping; null while it is live. */
  retiredBy: Maybe<Scalars['String']['output']>;
  /** Every version of the relationship, strength and rationale, oldest first; the last one is current. */
  revisions: Array<MappingRevision>;
  /** How well the control satisfies the requirement, 1 (weak) to 10 (complete); null when not rated. */
  strength: Maybe<Scalars['Int']['output']>;
  /** When the relationship, strength or rationale last changed, or the mapping was retired. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of mappings. */
export type MappingConnection = {
  __typename?: 'MappingConnection';
  /** The mappings of this page with their cursors. */
  edges: Array<MappingEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of mappings in the whole list, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A new mapping of a requirement to a control. */
export type MappingCreateInput = {
  /** The control. */
  controlId: Scalars['ID']['input'];
  /** Why the mapping holds (at most 20,000 characters). */
  rationale?: InputMaybe<Scalars['String']['input']>;
  /** The requirement is ⟨relationship⟩ the control. */
  relationship: Relationship;
  /** The requirement; it must not be withdrawn. */
  requirementId: Scalars['ID']['input'];
  /** How well the control satisfies the requirement, 1 to 10; omit when not rated. */
  strength?: InputMaybe<Scalars['Int']['input']>;
};

/** A mapping in a connection. */
export type MappingEdge = {
  __typename?: 'MappingEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The mapping. */
  node: Mapping;
};

/** How much of a requirement a mapping makes a control enforce (rule 3). */
export type MappingKind =
  /** The requirement is EQUAL or SUBSET_OF the control: the control enforces all of it. */
  | 'FULL'
  /** The requirement is SUPERSET_OF or INTERSECTS_WITH the control: the control enforces part of it. */
  | 'PARTIAL';

/** Result of creating, changing or retiring a mapping. */
export type MappingPayload = {
  __typename?: 'MappingPayload';
  /** The mapping after the change; null when userErrors is not empty. */
  mapping: Maybe<Mapping>;
  /** Why the change was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** Which mapping to retire. */
export type MappingRetireInput = {
  /** The mapping to retire. */
  id: Scalars['ID']['input'];
};

/** One version of a mapping's relationship, strength and rationale. Kept forever; never edited. */
export type MappingRevision = {
  __typename?: 'MappingRevision';
  /** Who made this version (actor id). */
  changedBy: Scalars['String']['output'];
  /** The rationale from `validFrom` on. */
  rationale: Scalars['String']['output'];
  /** The relationship from `validFrom` on. */
  relationship: Relationship;
  /** The strength from `validFrom` on; null when not rated. */
  strength: Maybe<Scalars['Int']['output']>;
  /** When this version took effect. */
  validFrom: Scalars['DateTime']['output'];
};

/**
 * Changes to a live mapping; omitted or null fields stay as they are. Each change appends a
 * revision.
 */
export type MappingUpdateInput = {
  /** The mapping to change. */
  id: Scalars['ID']['input'];
  /** New rationale. */
  rationale?: InputMaybe<Scalars['String']['input']>;
  /** New relationship. */
  relationship?: InputMaybe<Relationship>;
  /** New strength, 1 to 10. */
  strength?: InputMaybe<Scalars['Int']['input']>;
};

/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Always true; lets clients check that mutations are reachable. */
  _ping: Scalars['Boolean']['output'];
  /**
   * Set (or, with a null status, clear) a control's implementation status for one AI system. Each
   * change appends a ControlStatusChange with `aiSystem` set, `fromStatus` the previous override
   * (null when there was none) and `toStatus` the new one (null when cleared). Setting the status
   * the system already has, or clearing an absent override, changes nothing: no history row is
   * written and the comment is not updated.
   */
  aiSystemControlStatusSet: AiSystemControlStatusSetPayload;
  /** Create an AI system, optionally with the frameworks that apply. DUPLICATE when the name is taken. */
  aiSystemCreate: AiSystemPayload;
  /**
   * Delete (retire) an AI system: its framework assignments and not-applicable marks are retired
   * and its current control status overrides removed, their history kept, so coverage answers for
   * instants before the delete stay as they were (rule 10); its recorded coverage snapshots stay.
   * The system still resolves by id, is absent from lists, and its name is free again. Refused
   * with IN_USE while evidence specific to the system exists (delete or re-scope that evidence
   * first).
   */
  aiSystemDelete: AiSystemDeletePayload;
  /**
   * Replace the set of frameworks that apply to an AI system. NOT_FOUND (field
   * ["input", "frameworkIds", "<index>"]) for an unknown framework, INVALID for a THREAT_CATALOG.
   * Assignments kept from the previous set keep their original creation record.
   */
  aiSystemFrameworkSet: AiSystemPayload;
  /** Change an AI system's fields. DUPLICATE when the new name is taken. */
  aiSystemUpdate: AiSystemPayload;
  /**
   * Mark a requirement applicable or not applicable, organisation-wide or for one AI system.
   * NOT_FOUND for an unknown requirement or AI system.
   */
  applicabilitySet: ApplicabilitySetPayload;
  /** Apply a baseline organisation-wide or to an AI system, or stop applying it. NOT_FOUND for an unknown baseline or AI system. */
  baselineApply: BaselineApplyPayload;
  /**
   * Import a file: OSCAL catalog, profile or mapping-collection, CSV mappings or controls, or a
   * Crosswalk bundle (restored into an empty instance; see docs/import-export.md, "Exporting"). One
   * transaction: it applies whole or not at all. Importing the same file twice changes nothing.
   * Items that cannot be imported are rejected with their location; the rest is imported (unless
   * `strict`). INVALID when the document as a whole cannot be imported; BLOB_NOT_FOUND for an
   * unknown `sha256`.
   */
  catalogImport: CatalogImportPayload;
  /**
   * Create a control. Writes the first status history row (from null to the initial status).
   * DUPLICATE when the refId is taken; INVALID for malformed fields.
   */
  controlCreate: ControlPayload;
  /**
   * Delete (retire) a control: its status history ends with a change to no status (`toStatus`
   * null; the control does not exist from then on), its current per-AI-system overrides are
   * removed; its history and retired mappings are kept, so coverage answers for instants before
   * the delete stay as they were (rule 10). The control still resolves by id, is absent from
   * lists, and its refId is free again. Refused with IN_USE while it has a live mapping or any
   * evidence attached (retire the mappings first; evidence is never detached).
   * NOT_FOUND for an unknown id.
   */
  controlDelete: ControlDeletePayload;
  /**
   * Set a control's own implementation status and append a history row with the old and new
   * status, the comment, who and when. Setting the status it already has changes nothing, writes
   * no history and returns the control. NOT_FOUND for an unknown control.
   */
  controlStatusSet: ControlPayload;
  /**
   * Change a control's descriptive fields (not its status: see `controlStatusSet`).
   * NOT_FOUND for an unknown id; DUPLICATE when the new refId is taken; INVALID for malformed fields.
   */
  controlUpdate: ControlPayload;
  /**
   * Record the coverage of frameworks in a scope now (one snapshot per framework), for
   * `coverageHistory`. Needs CATALOG_EDIT. `npm run cli -- coverage snapshot` does the same from
   * cron.
   */
  coverageSnapshotRecord: CoverageSnapshotRecordPayload;
  /**
   * Create FILE evidence (PENDING_REVIEW) for a file uploaded with `PUT /v1/blobs`. Needs the
   * EVIDENCE_CONTRIBUTE permission; scoped tokens only inside their scope (FORBIDDEN otherwise).
   * BLOB_NOT_FOUND for an unknown hash (or a stored copy found missing or corrupt); INVALID for a
   * malformed hash, file name or media type, no or more than 100 controls, a collectedAt in the
   * future or validUntil not after collectedAt; NOT_FOUND for an unknown control or AI system;
   * CONFLICT for an idempotency key used before for another file, controls or AI system.
   */
  evidenceAttach: EvidenceAttachPayload;
  /**
   * Up to 1,000 attaches in one transaction, for scripts. Each item succeeds or fails on its own
   * with its userErrors (same rules as `evidenceAttach`); all successes are committed together.
   * One audit entry records the call, naming every created item.
   */
  evidenceAttachBulk: EvidenceAttachBulkPayload;
  /**
   * Record a LINK or ATTESTATION item of evidence for one or more controls; it starts as
   * PENDING_REVIEW. Needs the EVIDENCE_CONTRIBUTE permission. INVALID for FILE (use file upload),
   * a missing or non-http(s) URL on a LINK, no or more than 100 controls, a collectedAt in the
   * future, or validUntil not after collectedAt; NOT_FOUND for an unknown control (field
   * ["input", "controlIds", "<index>"]) or AI system.
   */
  evidenceCreate: EvidencePayload;
  /**
   * Re-hash every stored file (or the given ones), record each result (visible in
   * `Evidence.integrity`) and report the missing and corrupt ones. ADMIN only. Reads every byte:
   * on a large store prefer `npm run cli -- blobs scan` on the server's machine.
   */
  evidenceIntegrityScan: EvidenceIntegrityScanPayload;
  /**
   * Accept or reject evidence. Appends a review to its history and makes it the current status;
   * evidence can be reviewed again at any time. Needs the EVIDENCE_REVIEW permission.
   * NOT_FOUND for an unknown evidence id.
   */
  evidenceReview: EvidencePayload;
  /**
   * Re-hash the stored file of one FILE evidence item and record the result in its `integrity`.
   * Needs the EVIDENCE_REVIEW permission. NOT_FOUND for an unknown id, INVALID for evidence that
   * is not a FILE.
   */
  evidenceVerify: EvidenceVerifyPayload;
  /** Create a framework. DUPLICATE when the refId is taken. */
  frameworkCreate: FrameworkPayload;
  /**
   * Delete (retire) a framework together with its requirements: they are kept with their history,
   * so coverage answers for instants before the delete stay as they were (rule 10), and the
   * framework's recorded coverage snapshots stay; they still resolve by id, are absent from lists,
   * and their refIds are free again. Refused with IN_USE while it holds live threats, any of its
   * requirements has a live mapping, a live crosswalk link or a linked threat, or it applies to an
   * AI system.
   */
  frameworkDelete: FrameworkDeletePayload;
  /** Change a framework's fields. */
  frameworkUpdate: FrameworkPayload;
  /**
   * Map a requirement to a control and record the first revision. NOT_FOUND for an unknown
   * requirement or control (each on its own field); DUPLICATE when the pair already has a live
   * mapping; INVALID for a withdrawn requirement or a strength outside 1..10.
   */
  mappingCreate: MappingPayload;
  /**
   * Retire a mapping: it stops counting from now on but stays readable with its history.
   * NOT_FOUND for an unknown id; CONFLICT when it is already retired.
   */
  mappingRetire: MappingPayload;
  /**
   * Change a live mapping's relationship, strength or rationale and append a revision (a change
   * that alters nothing appends nothing). NOT_FOUND for an unknown id; CONFLICT when the mapping
   * is retired; INVALID for a strength outside 1..10.
   */
  mappingUpdate: MappingPayload;
  /** Add a requirement to a framework. */
  requirementCreate: RequirementPayload;
  /**
   * Delete (retire) a requirement. Refused with IN_USE while it has live child requirements, a
   * live (unretired) mapping to a control, a live crosswalk link in either direction, or linked
   * threats: retire or remove those first. Otherwise it is retired: kept with its retired mappings
   * and crosswalk links, its structure history closed and its live applicability marks retired,
   * so coverage answers for instants before the delete stay as they were (rule 10). It still
   * resolves by id, is absent from lists, and its refId is free again in its framework.
   */
  requirementDelete: RequirementDeletePayload;
  /**
   * Link two requirements of different frameworks. There is at most one live link per ordered
   * (source, target) pair: DUPLICATE while one exists (retire it first to change it).
   */
  requirementLinkCreate: RequirementLinkPayload;
  /** Retire a live link (it stays readable with `includeRetired`). CONFLICT when it is already retired. */
  requirementLinkRetire: RequirementLinkPayload;
  /** Change a requirement's fields or move it to another parent within its framework. */
  requirementUpdate: RequirementPayload;
  /** Add a threat to a threat catalog. */
  threatCreate: ThreatPayload;
  /**
   * Delete (retire) a threat: kept with its link history, so threat exposure for instants before
   * the delete stays as it was (rule 10); it still resolves by id, is absent from lists, and its
   * refId is free again in its catalog. Refused with IN_USE while it has live child threats or
   * requirements linked to it.
   */
  threatDelete: ThreatDeletePayload;
  /** Link a requirement to a threat it addresses, or unlink it. Idempotent. */
  threatRequirementLink: ThreatRequirementLinkPayload;
  /** Change a threat's fields. */
  threatUpdate: ThreatPayload;
  /** Create an API token (ADMIN only). The secret is in the payload and nowhere else. */
  tokenCreate: TokenCreatePayload;
  /** Revoke a token at once (ADMIN only). Revoked tokens are kept for the record. */
  tokenRevoke: TokenRevokePayload;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationAiSystemControlStatusSetArgs = {
  input: AiSystemControlStatusSetInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationAiSystemCreateArgs = {
  input: AiSystemCreateInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationAiSystemDeleteArgs = {
  input: AiSystemDeleteInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationAiSystemFrameworkSetArgs = {
  input: AiSystemFrameworkSetInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationAiSystemUpdateArgs = {
  input: AiSystemUpdateInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationApplicabilitySetArgs = {
  input: ApplicabilitySetInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationBaselineApplyArgs = {
  input: BaselineApplyInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationCatalogImportArgs = {
  input: CatalogImportInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationControlCreateArgs = {
  input: ControlCreateInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationControlDeleteArgs = {
  input: ControlDeleteInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationControlStatusSetArgs = {
  input: ControlStatusSetInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationControlUpdateArgs = {
  input: ControlUpdateInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationCoverageSnapshotRecordArgs = {
  input: CoverageSnapshotRecordInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationEvidenceAttachArgs = {
  input: EvidenceAttachInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationEvidenceAttachBulkArgs = {
  input: EvidenceAttachBulkInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationEvidenceCreateArgs = {
  input: EvidenceCreateInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationEvidenceIntegrityScanArgs = {
  input?: InputMaybe<EvidenceIntegrityScanInput>;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationEvidenceReviewArgs = {
  input: EvidenceReviewInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationEvidenceVerifyArgs = {
  input: EvidenceVerifyInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationFrameworkCreateArgs = {
  input: FrameworkCreateInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationFrameworkDeleteArgs = {
  input: FrameworkDeleteInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationFrameworkUpdateArgs = {
  input: FrameworkUpdateInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationMappingCreateArgs = {
  input: MappingCreateInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationMappingRetireArgs = {
  input: MappingRetireInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationMappingUpdateArgs = {
  input: MappingUpdateInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationRequirementCreateArgs = {
  input: RequirementCreateInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationRequirementDeleteArgs = {
  input: RequirementDeleteInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationRequirementLinkCreateArgs = {
  input: RequirementLinkCreateInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationRequirementLinkRetireArgs = {
  input: RequirementLinkRetireInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationRequirementUpdateArgs = {
  input: RequirementUpdateInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationThreatCreateArgs = {
  input: ThreatCreateInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationThreatDeleteArgs = {
  input: ThreatDeleteInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationThreatRequirementLinkArgs = {
  input: ThreatRequirementLinkInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationThreatUpdateArgs = {
  input: ThreatUpdateInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationTokenCreateArgs = {
  input: TokenCreateInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationTokenRevokeArgs = {
  input: TokenRevokeInput;
};

/** An object with a globally unique, opaque, stable id. Fetch any of them with `node(id)`. */
export type Node = {
  /** Opaque global id; stable for the life of the object. Do not parse it. */
  id: Scalars['ID']['output'];
};

/**
 * A statement that a requirement does not apply, organisation-wide or to one AI system, with a
 * justification. Marking the requirement applicable again retires the mark; marks are never
 * deleted, so applicability at any past date can be read back.
 */
export type NotApplicableMark = Node & {
  __typename?: 'NotApplicableMark';
  /** The AI system the mark is about; null for an organisation-wide mark. */
  aiSystem: Maybe<AiSystem>;
  /** Global id of the AI system the mark is about; null for an organisation-wide mark. */
  aiSystemId: Maybe<Scalars['ID']['output']>;
  /** When the mark was made. */
  createdAt: Scalars['DateTime']['output'];
  /** Who made the mark. */
  createdBy: Scalars['String']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Why the requirement does not apply. */
  justification: Scalars['String']['output'];
  /** The requirement that does not apply. */
  requirement: Requirement;
  /** When the mark was retired (replaced, or the requirement marked applicable again); null while it is live. */
  retiredAt: Maybe<Scalars['DateTime']['output']>;
  /** Who retired the mark; null while it is live. */
  retiredBy: Maybe<Scalars['String']['output']>;
};

/** A page of not-applicable marks. */
export type NotApplicableMarkConnection = {
  __typename?: 'NotApplicableMarkConnection';
  /** The marks of this page with their cursors. */
  edges: Array<NotApplicableMarkEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of marks in the whole list, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A not-applicable mark in a connection. */
export type NotApplicableMarkEdge = {
  __typename?: 'NotApplicableMarkEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The mark. */
  node: NotApplicableMark;
};

/** Paging state of a connection. Pages go forward only, with `first` and `after`. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item of this page; pass it as `after` to get the next page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** True when more items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Always false: connections page forward only. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first item of this page, or null when the page is empty. */
  startCursor: Maybe<Scalars['String']['output']>;
};

/**
 * Where a restored record came from. Its own attribution (author, reviewer, instants) is kept as the
 * bundle recorded it, but it is a claim: nobody on this instance did that live.
 */
export type Provenance = {
  __typename?: 'Provenance';
  /** Always true: the record's attribution is claimed by the bundle, not recorded here. */
  claimed: Scalars['Boolean']['output'];
  /** When it was restored. */
  restoredAt: Scalars['DateTime']['output'];
  /** Who restored it (actor id, e.g. `token:1`). */
  restoredBy: Scalars['String']['output'];
  /** The bundle it was restored from: `sha256:<hex>` of the file, then its name when known. */
  restoredFrom: Scalars['String']['output'];
};

/** Read access to the graph. */
export type Query = {
  __typename?: 'Query';
  /** One AI system by global id or by name (give exactly one); null when not found. */
  aiSystem: Maybe<AiSystem>;
  /** AI systems ordered by name. */
  aiSystems: AiSystemConnection;
  /**
   * OSCAL assessment-results (JSON, OSCAL 1.1.2) of a scope at an instant, for auditors and GRC
   * tools: one result; one finding per evaluated requirement (COVERED → satisfied; PARTIAL,
   * UNCOVERED → not-satisfied; NOT_APPLICABLE → satisfied with reason `other` and
   * implementation-status `not-applicable`); one observation per control reaching them, with its
   * state; evidence referenced by SHA-256 (files) or URL (links) in the back-matter. uuids are
   * derived from stable keys, so the same evaluation exports the same uuids. NOT_FOUND for an
   * unknown AI system or framework.
   */
  assessmentResults: Maybe<ExportDocument>;
  /** The audit trail in sequence order (ADMIN only). */
  auditLog: AuditEntryConnection;
  /** Re-hash the whole trail and report the first broken entry (ADMIN only). */
  auditVerify: AuditVerification;
  /** One baseline by global id or refId (give exactly one); null when not found. */
  baseline: Maybe<Baseline>;
  /** Baselines by refId; only those of one framework when `frameworkId` is given. */
  baselines: BaselineConnection;
  /**
   * The native JSON bundle (`format: "crosswalk-bundle"`, `version: 1`) of the whole graph with its
   * history — frameworks, requirements, threats, AI systems, controls and their status history,
   * mappings and revisions, crosswalk links, not-applicable marks, evidence metadata and reviews,
   * baselines, coverage snapshots — referring to everything by natural key. `catalogImport` with
   * format BUNDLE restores it into an empty instance with identical coverage, now and at past
   * instants. Not included: API tokens, the audit trail, stored file contents. ADMIN only.
   */
  bundleExport: ExportDocument;
  /** One control by global id or by refId (give exactly one); null when not found. */
  control: Maybe<Control>;
  /** The distinct non-empty domains used by controls, sorted alphabetically. */
  controlDomains: Array<Scalars['String']['output']>;
  /**
   * What would break if a control failed: every requirement (all frameworks in scope) and threat
   * whose status would drop if it stopped being EFFECTIVE, and the counts per framework before and
   * after. Give the control by `controlId` or `controlRefId`, exactly one (BAD_USER_INPUT
   * otherwise). NOT_FOUND for an unknown control or AI system.
   */
  controlImpact: Maybe<ControlImpact>;
  /** Controls ordered by refId, then id. */
  controls: ControlConnection;
  /**
   * The live controls as a CSV controls file (`control,title,description,domain,type,status,owner`),
   * the format `catalogImport` reads (CSV_CONTROLS, statuses applied): importing it into an instance
   * without these controls and exporting again gives the same file. Ordered by refId.
   */
  controlsExport: ExportDocument;
  /**
   * Per-framework coverage (rule 5 counts) of every framework in scope. `asOf` (default now) may
   * be any past instant: control statuses, per-system overrides, mappings and their revisions,
   * crosswalk links, not-applicable marks, evidence reviews, and the structure (frameworks,
   * requirements with their hierarchy and withdrawn flags, AI-system framework assignments, threats
   * and threat links) are all kept as history and deletes retire (rule 10), so the answer for a
   * past instant equals what was answered then. An `asOf` before the earliest recorded instant of
   * the database is refused with the error code AS_OF_BEFORE_HISTORY (`extensions.earliest` names
   * that instant), by every coverage field. NOT_FOUND for an unknown AI system.
   */
  coverage: Maybe<CoverageReport>;
  /**
   * Recorded coverage snapshots of one framework in one scope, ordered by `at`, then recording
   * order: the series to plot a trend. NOT_FOUND for an unknown framework or AI system.
   */
  coverageHistory: CoverageSnapshotConnection;
  /**
   * The coverage report of a scope at an instant as a file: one row (CSV) or entry (JSON) per
   * evaluated requirement — leaves and rolled-up parents, withdrawn ones left out — with its status,
   * gap reasons, the controls reaching it with their state and mapping kind, and its subtree counts.
   * The figures are those of `coverage`, `gaps` and `Requirement.coverage` for the same arguments.
   * Frameworks by refId, requirements in framework order. NOT_FOUND for an unknown AI system or framework.
   */
  coverageReport: Maybe<ExportDocument>;
  /**
   * What-if: coverage with some control states assumed, against coverage as it is. Writes
   * nothing. NOT_FOUND for an unknown control or AI system; BAD_USER_INPUT for a control that did
   * not exist at `asOf` (no state to change). At most 100 changes.
   */
  coverageSimulation: Maybe<CoverageSimulation>;
  /** Evidence ordered by id (oldest first). Fetch one item with `node(id)`. */
  evidence: EvidenceConnection;
  /**
   * What turns red next: evidence that is current now (accepted, collected, not expired; in the
   * scope, see CoverageScope) and whose `validUntil` falls within the window from now, ordered by
   * `validUntil`, then id, each with the controls, requirements, threats and framework counts that
   * would drop when it expires. `within`: a number and a unit, `d` (days) or `h` (hours), from
   * `1h` to `3660d`, e.g. `30d` (BAD_USER_INPUT otherwise). NOT_FOUND for an unknown AI system.
   */
  evidenceExpiring: ExpiringEvidenceConnection;
  /**
   * Evidence metadata as CSV, one row per item: id, kind, title, review status, the controls it
   * supports (refIds separated by `;`), AI system, instants, URL or stored file (SHA-256, name, media
   * type, size), the last review and who recorded it. Export only: evidence and its reviews move
   * between instances with the bundle (ADMIN).
   */
  evidenceExport: ExportDocument;
  /** One framework by global id or by refId (give exactly one); null when not found. */
  framework: Maybe<Framework>;
  /** Frameworks ordered by refId. */
  frameworks: FrameworkConnection;
  /**
   * The applicable leaf requirements that are not COVERED, with their reasons, ordered by
   * framework id, then requirement id. NOT_FOUND for an unknown framework, AI system or control.
   */
  gaps: CoverageGapConnection;
  /**
   * The live crosswalk links as a CSV links file (`source_framework,source_requirement,target_framework,
   * target_requirement,relationship,strength,rationale,provenance`), the format `catalogImport` reads
   * (CSV_LINKS): importing it where the same frameworks exist and exporting again gives the same
   * file. Ordered by source framework and requirement, then target framework and requirement.
   */
  linksExport: ExportDocument;
  /**
   * The live mappings as a CSV mappings file (`framework,requirement,control,relationship,strength,rationale`),
   * the format `catalogImport` reads: importing it where the same requirements and controls exist
   * and exporting again gives the same file. Ordered by framework, requirement and control refId.
   */
  mappingsExport: ExportDocument;
  /** Any object by its global id; null when it does not exist. A malformed id is BAD_USER_INPUT. */
  node: Maybe<Node>;
  /** Objects by global ids, in the same order; null for each id that does not exist. A malformed id is null with a BAD_USER_INPUT error at its item's path. At most 100 ids. */
  nodes: Array<Maybe<Node>>;
  /**
   * One requirement, either by global `id`, or by `frameworkRefId` and `refId` together (any other
   * combination is a BAD_USER_INPUT error); null when not found.
   */
  requirement: Maybe<Requirement>;
  /** Crosswalk links, ordered by id (creation order). */
  requirementLinks: RequirementLinkConnection;
  /** Requirements of all frameworks, ordered by framework (its id, i.e. creation order), then requirement id. */
  requirements: RequirementConnection;
  /**
   * One threat, either by global `id`, or by `frameworkRefId` and `refId` together (any other
   * combination is a BAD_USER_INPUT error); null when not found.
   */
  threat: Maybe<Threat>;
  /**
   * Exposure of every threat (rule 8), ordered by threat catalog id, then threat id. NOT_FOUND for
   * an unknown AI system.
   */
  threatExposure: ThreatExposureConnection;
  /** Threats of all threat catalogs, ordered by framework id, then threat id. */
  threats: ThreatConnection;
  /** API tokens in creation order (ADMIN only). */
  tokens: ApiTokenConnection;
  /** The caller's identity and role. */
  viewer: Viewer;
};


/** Read access to the graph. */
export type QueryAiSystemArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};


/** Read access to the graph. */
export type QueryAiSystemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AiSystemFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read access to the graph. */
export type QueryAssessmentResultsArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  frameworkIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  maxCrosswalkDepth?: InputMaybe<Scalars['Int']['input']>;
  scope?: InputMaybe<CoverageScope>;
  viaCrosswalks?: InputMaybe<Scalars['Boolean']['input']>;
};


/** Read access to the graph. */
export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read access to the graph. */
export type QueryBaselineArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  refId?: InputMaybe<Scalars['String']['input']>;
};


/** Read access to the graph. */
export type QueryBaselinesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  frameworkId?: InputMaybe<Scalars['ID']['input']>;
};


/** Read access to the graph. */
export type QueryControlArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  refId?: InputMaybe<Scalars['String']['input']>;
};


/** Read access to the graph. */
export type QueryControlImpactArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  controlId?: InputMaybe<Scalars['ID']['input']>;
  controlRefId?: InputMaybe<Scalars['String']['input']>;
  maxCrosswalkDepth?: InputMaybe<Scalars['Int']['input']>;
  scope?: InputMaybe<CoverageScope>;
  viaCrosswalks?: InputMaybe<Scalars['Boolean']['input']>;
};


/** Read access to the graph. */
export type QueryControlsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ControlFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read access to the graph. */
export type QueryCoverageArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  maxCrosswalkDepth?: InputMaybe<Scalars['Int']['input']>;
  scope?: InputMaybe<CoverageScope>;
  viaCrosswalks?: InputMaybe<Scalars['Boolean']['input']>;
};


/** Read access to the graph. */
export type QueryCoverageHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  frameworkId: Scalars['ID']['input'];
  from?: InputMaybe<Scalars['DateTime']['input']>;
  scope?: InputMaybe<CoverageScope>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  viaCrosswalks?: InputMaybe<Scalars['Boolean']['input']>;
};


/** Read access to the graph. */
export type QueryCoverageReportArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  format?: InputMaybe<ExportFormat>;
  frameworkIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  maxCrosswalkDepth?: InputMaybe<Scalars['Int']['input']>;
  scope?: InputMaybe<CoverageScope>;
  viaCrosswalks?: InputMaybe<Scalars['Boolean']['input']>;
};


/** Read access to the graph. */
export type QueryCoverageSimulationArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  changes: Array<ControlStateChangeInput>;
  maxCrosswalkDepth?: InputMaybe<Scalars['Int']['input']>;
  scope?: InputMaybe<CoverageScope>;
  viaCrosswalks?: InputMaybe<Scalars['Boolean']['input']>;
};


/** Read access to the graph. */
export type QueryEvidenceArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<EvidenceFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read access to the graph. */
export type QueryEvidenceExpiringArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  scope?: InputMaybe<CoverageScope>;
  within?: Scalars['String']['input'];
};


/** Read access to the graph. */
export type QueryFrameworkArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  refId?: InputMaybe<Scalars['String']['input']>;
};


/** Read access to the graph. */
export type QueryFrameworksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<FrameworkFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read access to the graph. */
export type QueryGapsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  filter?: InputMaybe<GapFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  maxCrosswalkDepth?: InputMaybe<Scalars['Int']['input']>;
  viaCrosswalks?: InputMaybe<Scalars['Boolean']['input']>;
};


/** Read access to the graph. */
export type QueryLinksExportArgs = {
  frameworkIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};


/** Read access to the graph. */
export type QueryMappingsExportArgs = {
  frameworkIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};


/** Read access to the graph. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/** Read access to the graph. */
export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


/** Read access to the graph. */
export type QueryRequirementArgs = {
  frameworkRefId?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
  refId?: InputMaybe<Scalars['String']['input']>;
};


/** Read access to the graph. */
export type QueryRequirementLinksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RequirementLinkFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read access to the graph. */
export type QueryRequirementsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RequirementFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read access to the graph. */
export type QueryThreatArgs = {
  frameworkRefId?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
  refId?: InputMaybe<Scalars['String']['input']>;
};


/** Read access to the graph. */
export type QueryThreatExposureArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  exposures?: InputMaybe<Array<ThreatExposureLevel>>;
  first?: InputMaybe<Scalars['Int']['input']>;
  maxCrosswalkDepth?: InputMaybe<Scalars['Int']['input']>;
  scope?: InputMaybe<CoverageScope>;
  viaCrosswalks?: InputMaybe<Scalars['Boolean']['input']>;
};


/** Read access to the graph. */
export type QueryThreatsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ThreatFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read access to the graph. */
export type QueryTokensArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeRevoked?: InputMaybe<Scalars['Boolean']['input']>;
};

/**
 * NIST IR 8477 set-theory relationship, read "the source is ⟨relationship⟩ the target"
 * (for a mapping: "the requirement is ⟨relationship⟩ the control").
 */
export type Relationship =
  /** Source and target cover the same ground. */
  | 'EQUAL'
  /** Source and target overlap; neither contains the other. */
  | 'INTERSECTS_WITH'
  /** The source is contained in the target: the target covers all of the source. */
  | 'SUBSET_OF'
  /** The source contains the target: the target covers only part of the source. */
  | 'SUPERSET_OF';

/**
 * One requirement of a framework (a clause, article, subcategory, control statement...).
 * Requirements nest to any depth: a requirement without a parent is top level.
 */
export type Requirement = Node & {
  __typename?: 'Requirement';
  /** The chain of parents from the top-level requirement down to this one's parent; empty for a top-level requirement. */
  ancestors: Array<Requirement>;
  /**
   * False when a not-applicable mark live at `asOf` covers the requirement or one of its ancestors:
   * an organisation-wide one, or, with `aiSystemId`, one for that AI system (rule 4, read from the
   * same evaluation as `coverage`, so a leaf is applicable exactly when its coverage status is not
   * NOT_APPLICABLE). A parent is not applicable only when it or an ancestor is marked, even if all
   * its leaves are. Null when the requirement is not evaluated at `asOf` (withdrawn, or under a
   * withdrawn parent). NOT_FOUND for an unknown AI system.
   */
  applicable: Maybe<Scalars['Boolean']['output']>;
  /** The requirements nested directly under this one, ordered by sortOrder, then id. */
  children: RequirementConnection;
  /** This requirement's coverage; null when it is not evaluated (withdrawn, or its framework not in scope). NOT_FOUND for an unknown AI system. */
  coverage: Maybe<RequirementCoverage>;
  /** When the requirement was created here. */
  createdAt: Scalars['DateTime']['output'];
  /** The framework the requirement belongs to. */
  framework: Framework;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** The source's own name for this level (function, category, article, group...); null when unknown. */
  kind: Maybe<Scalars['String']['output']>;
  /** Crosswalk links of this requirement, ordered by id (creation order). */
  links: RequirementLinkConnection;
  /** Mappings of this requirement to controls, oldest first (by creation). */
  mappings: MappingConnection;
  /**
   * Not-applicable marks of this requirement, ordered by id (creation order). Organisation-wide
   * marks are always listed; with `aiSystemId`, that AI system's marks are listed too.
   */
  notApplicable: NotApplicableMarkConnection;
  /** The requirement this one is nested under; null for a top-level requirement. */
  parent: Maybe<Requirement>;
  /** Human key, unique within the framework, e.g. `GOVERN-1.1` or `ac-2.1`. */
  refId: Scalars['String']['output'];
  /**
   * When the requirement was deleted (retired, rule 10); null while it is live. A retired requirement still
   * resolves by id (`node`, past coverage answers) but is absent from lists, and its key is free.
   */
  retiredAt: Maybe<Scalars['DateTime']['output']>;
  /** Position among its siblings (lower first). */
  sortOrder: Scalars['Int']['output'];
  /** The identifier in the source document when it differs from refId (e.g. OSCAL `ac-2.1`); null otherwise. */
  sourceId: Maybe<Scalars['String']['output']>;
  /** The text of the requirement. */
  statement: Scalars['String']['output'];
  /** The threats this requirement addresses, ordered by framework id, then threat id. */
  threats: ThreatConnection;
  /** Short title; may be empty for requirements that only have a statement. */
  title: Scalars['String']['output'];
  /** When the requirement was last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** True when the source has withdrawn the requirement. Withdrawn requirements are hidden from lists unless asked for, and cannot get new crosswalk links. */
  withdrawn: Scalars['Boolean']['output'];
};


/**
 * One requirement of a framework (a clause, article, subcategory, control statement...).
 * Requirements nest to any depth: a requirement without a parent is top level.
 */
export type RequirementApplicableArgs = {
  aiSystemId?: InputMaybe<Scalars['ID']['input']>;
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
};


/**
 * One requirement of a framework (a clause, article, subcategory, control statement...).
 * Requirements nest to any depth: a requirement without a parent is top level.
 */
export type RequirementChildrenArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeWithdrawn?: InputMaybe<Scalars['Boolean']['input']>;
};


/**
 * One requirement of a framework (a clause, article, subcategory, control statement...).
 * Requirements nest to any depth: a requirement without a parent is top level.
 */
export type RequirementCoverageArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  maxCrosswalkDepth?: InputMaybe<Scalars['Int']['input']>;
  scope?: InputMaybe<CoverageScope>;
  viaCrosswalks?: InputMaybe<Scalars['Boolean']['input']>;
};


/**
 * One requirement of a framework (a clause, article, subcategory, control statement...).
 * Requirements nest to any depth: a requirement without a parent is top level.
 */
export type RequirementLinksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  direction?: InputMaybe<RequirementLinkDirection>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeRetired?: InputMaybe<Scalars['Boolean']['input']>;
};


/**
 * One requirement of a framework (a clause, article, subcategory, control statement...).
 * Requirements nest to any depth: a requirement without a parent is top level.
 */
export type RequirementMappingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeRetired?: InputMaybe<Scalars['Boolean']['input']>;
};


/**
 * One requirement of a framework (a clause, article, subcategory, control statement...).
 * Requirements nest to any depth: a requirement without a parent is top level.
 */
export type RequirementNotApplicableArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  aiSystemId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeRetired?: InputMaybe<Scalars['Boolean']['input']>;
};


/**
 * One requirement of a framework (a clause, article, subcategory, control statement...).
 * Requirements nest to any depth: a requirement without a parent is top level.
 */
export type RequirementThreatsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of requirements. */
export type RequirementConnection = {
  __typename?: 'RequirementConnection';
  /** The requirements of this page with their cursors. */
  edges: Array<RequirementEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of requirements in the whole list, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** Coverage of one requirement in a scope at an instant. */
export type RequirementCoverage = {
  __typename?: 'RequirementCoverage';
  /** Every control reaching the requirement (own, inherited, inferred), ordered by control id. */
  contributions: Array<CoverageContribution>;
  /** True when a leaf is COVERED or PARTIAL only thanks to crosswalk inference (see `via.path`). */
  inferred: Scalars['Boolean']['output'];
  /** True for a leaf (a requirement without live children). */
  leaf: Scalars['Boolean']['output'];
  /** Why an applicable leaf is not COVERED, in GapReasonCode order; empty otherwise. */
  reasons: Array<GapReason>;
  /** The requirement. */
  requirement: Requirement;
  /** Its status: rule 4 for a leaf, rolled up from its leaves (rule 5) otherwise. */
  status: CoverageStatus;
  /** Leaf counts under the requirement (itself for a leaf). */
  summary: CoverageSummary;
  /** The contribution that makes a leaf COVERED or PARTIAL; null otherwise. */
  via: Maybe<CoverageContribution>;
};

/** Fields of a new requirement. */
export type RequirementCreateInput = {
  /** The framework to add it to; it must not be a THREAT_CATALOG (INVALID). */
  frameworkId: Scalars['ID']['input'];
  /** The source's own name for this level (function, category, article...). */
  kind?: InputMaybe<Scalars['String']['input']>;
  /** The requirement to nest it under, in the same framework (INVALID otherwise); omit for a top-level requirement. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** Human key, unique within the framework (DUPLICATE otherwise). 1–100 characters, no surrounding spaces. */
  refId: Scalars['String']['input'];
  /** Position among its siblings; by default after the last sibling (largest sibling sortOrder + 1, or 0). */
  sortOrder?: InputMaybe<Scalars['Int']['input']>;
  /** Identifier in the source document when it differs from refId. */
  sourceId?: InputMaybe<Scalars['String']['input']>;
  /** The text of the requirement. */
  statement?: InputMaybe<Scalars['String']['input']>;
  /** Short title, not blank, at most 500 characters. */
  title: Scalars['String']['input'];
};

/** Which requirement to delete. */
export type RequirementDeleteInput = {
  /** The requirement to delete. */
  id: Scalars['ID']['input'];
};

/** Result of deleting a requirement. */
export type RequirementDeletePayload = {
  __typename?: 'RequirementDeletePayload';
  /** Global id of the deleted requirement; null when userErrors is not empty. */
  deletedId: Maybe<Scalars['ID']['output']>;
  /** Why the deletion was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A requirement in a connection. */
export type RequirementEdge = {
  __typename?: 'RequirementEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The requirement. */
  node: Requirement;
};

/** Filters for `requirements`; all given conditions must hold. */
export type RequirementFilter = {
  /** Only requirements of this framework. */
  frameworkId?: InputMaybe<Scalars['ID']['input']>;
  /** Also list withdrawn requirements (default false). */
  includeWithdrawn?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only the requirements nested directly under this requirement. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** Case-insensitive substring of refId, title or statement. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Only top-level requirements (without a parent). */
  topLevelOnly?: InputMaybe<Scalars['Boolean']['input']>;
};

/**
 * Crosswalk link between two requirements of different frameworks, read "the source is
 * ⟨relationship⟩ the target" (e.g. NIST AI RMF GOVERN-1.1 SUBSET_OF ISO 42001 5.2).
 * Links are never deleted: removing one retires it, so its history stays readable.
 */
export type RequirementLink = Node & {
  __typename?: 'RequirementLink';
  /** When the link was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Who created the link. */
  createdBy: Scalars['String']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Where the link comes from (a published crosswalk, an analyst...). */
  provenance: Scalars['String']['output'];
  /** Why the requirements are linked. */
  rationale: Scalars['String']['output'];
  /** How the source relates to the target. */
  relationship: Relationship;
  /** When the link was retired; null while it is live. */
  retiredAt: Maybe<Scalars['DateTime']['output']>;
  /** Who retired the link; null while it is live. */
  retiredBy: Maybe<Scalars['String']['output']>;
  /** The requirement the link starts from. */
  source: Requirement;
  /** Confidence in the link from 1 (weak) to 10 (strong); null when not rated. */
  strength: Maybe<Scalars['Int']['output']>;
  /** The requirement the link points to, in another framework. */
  target: Requirement;
};

/** A page of crosswalk links. */
export type RequirementLinkConnection = {
  __typename?: 'RequirementLinkConnection';
  /** The links of this page with their cursors. */
  edges: Array<RequirementLinkEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of links in the whole list, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A new crosswalk link. */
export type RequirementLinkCreateInput = {
  /** Where the link comes from. */
  provenance?: InputMaybe<Scalars['String']['input']>;
  /** Why the requirements are linked. */
  rationale?: InputMaybe<Scalars['String']['input']>;
  /** How the source relates to the target. */
  relationship: Relationship;
  /** The requirement the link starts from; not withdrawn (INVALID). */
  sourceRequirementId: Scalars['ID']['input'];
  /** Confidence from 1 to 10 (INVALID otherwise); omit when not rated. */
  strength?: InputMaybe<Scalars['Int']['input']>;
  /** The requirement the link points to: not the source itself, in another framework, not withdrawn (INVALID otherwise). */
  targetRequirementId: Scalars['ID']['input'];
};

/** Which links of a requirement to list. */
export type RequirementLinkDirection =
  /** Links in either direction. */
  | 'BOTH'
  /** Links where the requirement is the target. */
  | 'INCOMING'
  /** Links where the requirement is the source. */
  | 'OUTGOING';

/** A crosswalk link in a connection. */
export type RequirementLinkEdge = {
  __typename?: 'RequirementLinkEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The link. */
  node: RequirementLink;
};

/** Filters for `requirementLinks`; all given conditions must hold. */
export type RequirementLinkFilter = {
  /** Also list retired links (default false). */
  includeRetired?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only links with one of these relationships. */
  relationships?: InputMaybe<Array<Relationship>>;
  /** Only links whose source requirement belongs to this framework. */
  sourceFrameworkId?: InputMaybe<Scalars['ID']['input']>;
  /** Only links whose target requirement belongs to this framework. */
  targetFrameworkId?: InputMaybe<Scalars['ID']['input']>;
};

/** Result of creating or retiring a crosswalk link. */
export type RequirementLinkPayload = {
  __typename?: 'RequirementLinkPayload';
  /** The link after the change; null when userErrors is not empty. */
  requirementLink: Maybe<RequirementLink>;
  /** Why the change was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** Which link to retire. */
export type RequirementLinkRetireInput = {
  /** The live link to retire. */
  id: Scalars['ID']['input'];
};

/** Result of creating or updating a requirement. */
export type RequirementPayload = {
  __typename?: 'RequirementPayload';
  /** The requirement after the change; null when userErrors is not empty. */
  requirement: Maybe<Requirement>;
  /** Why the change was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A requirement whose status differs between two evaluations. */
export type RequirementStatusChange = {
  __typename?: 'RequirementStatusChange';
  /** Its status after the change. */
  after: CoverageStatus;
  /** Its status as it is. */
  before: CoverageStatus;
  /** True for a leaf; false for a requirement whose rolled-up status changes. */
  leaf: Scalars['Boolean']['output'];
  /** The requirement. */
  requirement: Requirement;
};

/** Changes to a requirement; omitted or null fields stay as they are. */
export type RequirementUpdateInput = {
  /** The requirement to change. */
  id: Scalars['ID']['input'];
  /** New level name; an empty string clears it. */
  kind?: InputMaybe<Scalars['String']['input']>;
  /** True moves the requirement to the top level (it then has no parent). Cannot be combined with `parentId` (INVALID). */
  makeTopLevel?: InputMaybe<Scalars['Boolean']['input']>;
  /**
   * Move the requirement under this parent, which must be in the same framework (INVALID otherwise)
   * and must not be the requirement itself or one of its descendants (INVALID). Unless `sortOrder` is
   * given, the moved requirement goes after the new parent's last child.
   */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** New human key, unique within the framework (DUPLICATE otherwise). */
  refId?: InputMaybe<Scalars['String']['input']>;
  /** New position among its siblings. */
  sortOrder?: InputMaybe<Scalars['Int']['input']>;
  /** New source identifier; an empty string clears it. */
  sourceId?: InputMaybe<Scalars['String']['input']>;
  /** New statement. */
  statement?: InputMaybe<Scalars['String']['input']>;
  /** New title, not blank. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** Mark the requirement withdrawn (true) or current again (false). */
  withdrawn?: InputMaybe<Scalars['Boolean']['input']>;
};

/** EU AI Act risk class of an AI system (Regulation (EU) 2024/1689). */
export type RiskLevel =
  /** High risk (Article 6, Annex I and III): allowed under strict obligations such as risk management, data governance, logging, human oversight and conformity assessment. */
  | 'HIGH'
  /** Limited risk: subject to transparency obligations (Article 50), e.g. chatbots and generated content that must be disclosed. */
  | 'LIMITED'
  /** Minimal or no risk: no specific obligations beyond voluntary codes of conduct. */
  | 'MINIMAL'
  /** Unacceptable risk: a practice banned by Article 5 (e.g. social scoring, manipulative techniques). */
  | 'PROHIBITED';

/**
 * What a token may do. Each role includes the rights listed for it:
 * VIEWER reads everything; CONTRIBUTOR also creates and attaches evidence; REVIEWER also reviews
 * evidence; EDITOR manages frameworks, requirements, controls, mappings, links, AI systems, threats
 * and imports; ADMIN may do everything, including managing tokens and reading the audit trail.
 * MONITOR may only scrape `GET /metrics` (what Prometheus is given); every GraphQL field refuses it.
 */
export type Role =
  /** Everything, plus tokens and the audit trail. */
  | 'ADMIN'
  /** VIEWER plus creating and attaching evidence. */
  | 'CONTRIBUTOR'
  /** VIEWER plus managing the catalog graph. */
  | 'EDITOR'
  /** Scrapes `GET /metrics` and nothing else (no GraphQL field, not even `viewer`). */
  | 'MONITOR'
  /** VIEWER plus accepting and rejecting evidence. */
  | 'REVIEWER'
  /** Reads everything. */
  | 'VIEWER';

/** A control whose state `coverageSimulation` assumed. */
export type SimulatedControlState = {
  __typename?: 'SimulatedControlState';
  /** The assumed state. */
  after: ControlState;
  /** Its state as it is; null when it did not exist at the instant. */
  before: Maybe<ControlState>;
  /** The control. */
  control: Control;
};

/**
 * A threat (e.g. a MITRE ATLAS technique) from a THREAT_CATALOG framework. Threats nest (technique
 * → sub-technique) and are addressed by requirements of other frameworks.
 */
export type Threat = Node & {
  __typename?: 'Threat';
  /** The threats nested directly under this one, ordered by id (creation order). */
  children: ThreatConnection;
  /** When the threat was created here. */
  createdAt: Scalars['DateTime']['output'];
  /** What the threat is. */
  description: Scalars['String']['output'];
  /** This threat's exposure. NOT_FOUND for an unknown AI system. */
  exposure: Maybe<ThreatExposure>;
  /** The threat catalog holding the threat. */
  framework: Framework;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** The threat this one is nested under; null for a top-level threat. */
  parent: Maybe<Threat>;
  /** Human key, unique within the threat catalog, e.g. `AML.T0051`. */
  refId: Scalars['String']['output'];
  /** The requirements that address this threat, ordered by framework id, then requirement id. */
  requirements: RequirementConnection;
  /**
   * When the threat was deleted (retired, rule 10); null while it is live. A retired threat still
   * resolves by id (`node`, past coverage answers) but is absent from lists, and its key is free.
   */
  retiredAt: Maybe<Scalars['DateTime']['output']>;
  /** When the threat was last changed. */
  updatedAt: Scalars['DateTime']['output'];
};


/**
 * A threat (e.g. a MITRE ATLAS technique) from a THREAT_CATALOG framework. Threats nest (technique
 * → sub-technique) and are addressed by requirements of other frameworks.
 */
export type ThreatChildrenArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * A threat (e.g. a MITRE ATLAS technique) from a THREAT_CATALOG framework. Threats nest (technique
 * → sub-technique) and are addressed by requirements of other frameworks.
 */
export type ThreatExposureArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  maxCrosswalkDepth?: InputMaybe<Scalars['Int']['input']>;
  scope?: InputMaybe<CoverageScope>;
  viaCrosswalks?: InputMaybe<Scalars['Boolean']['input']>;
};


/**
 * A threat (e.g. a MITRE ATLAS technique) from a THREAT_CATALOG framework. Threats nest (technique
 * → sub-technique) and are addressed by requirements of other frameworks.
 */
export type ThreatRequirementsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of threats. */
export type ThreatConnection = {
  __typename?: 'ThreatConnection';
  /** The threats of this page with their cursors. */
  edges: Array<ThreatEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of threats in the whole list, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** Fields of a new threat. */
export type ThreatCreateInput = {
  /** What the threat is. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The THREAT_CATALOG framework to add it to (INVALID for other kinds). */
  frameworkId: Scalars['ID']['input'];
  /** Display name, not blank, at most 500 characters. */
  name: Scalars['String']['input'];
  /** The threat to nest it under, in the same catalog (INVALID otherwise); omit for a top-level threat. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** Human key, unique within the catalog (DUPLICATE otherwise). 1–100 characters, no surrounding spaces. */
  refId: Scalars['String']['input'];
};

/** Which threat to delete. */
export type ThreatDeleteInput = {
  /** The threat to delete. */
  id: Scalars['ID']['input'];
};

/** Result of deleting a threat. */
export type ThreatDeletePayload = {
  __typename?: 'ThreatDeletePayload';
  /** Global id of the deleted threat; null when userErrors is not empty. */
  deletedId: Maybe<Scalars['ID']['output']>;
  /** Why the deletion was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A threat in a connection. */
export type ThreatEdge = {
  __typename?: 'ThreatEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The threat. */
  node: Threat;
};

/** Exposure of one threat in a scope at an instant. */
export type ThreatExposure = {
  __typename?: 'ThreatExposure';
  /** Those of them that are COVERED. */
  coveredRequirements: Array<Requirement>;
  /** ADDRESSED, PARTIALLY_ADDRESSED or EXPOSED. */
  exposure: ThreatExposureLevel;
  /** Those of them that are PARTIAL. */
  partialRequirements: Array<Requirement>;
  /** The requirements linked to it that are evaluated in the scope, ordered by id. */
  requirements: Array<Requirement>;
  /** The threat. */
  threat: Threat;
};

/** A threat whose exposure differs between two evaluations. */
export type ThreatExposureChange = {
  __typename?: 'ThreatExposureChange';
  /** Its exposure after the change. */
  after: ThreatExposureLevel;
  /** Its exposure as it is. */
  before: ThreatExposureLevel;
  /** The threat. */
  threat: Threat;
};

/** A page of threat exposures. */
export type ThreatExposureConnection = {
  __typename?: 'ThreatExposureConnection';
  /** The exposures of this page with their cursors. */
  edges: Array<ThreatExposureEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of threats matching, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A threat exposure in a connection. */
export type ThreatExposureEdge = {
  __typename?: 'ThreatExposureEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The exposure. */
  node: ThreatExposure;
};

/** Exposure of a threat (rule 8). */
export type ThreatExposureLevel =
  /** Some requirement linked to it is COVERED. */
  | 'ADDRESSED'
  /** No linked requirement is COVERED or PARTIAL (or none is linked in the scope). */
  | 'EXPOSED'
  /** None is COVERED, some is PARTIAL. */
  | 'PARTIALLY_ADDRESSED';

/** Filters for `threats`; all given conditions must hold. */
export type ThreatFilter = {
  /** Only threats of this threat catalog. */
  frameworkId?: InputMaybe<Scalars['ID']['input']>;
  /** Case-insensitive substring of refId, name or description. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Only top-level threats (without a parent). */
  topLevelOnly?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Result of creating or updating a threat. */
export type ThreatPayload = {
  __typename?: 'ThreatPayload';
  /** The threat after the change; null when userErrors is not empty. */
  threat: Maybe<Threat>;
  /** Why the change was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** Link or unlink a threat and a requirement that addresses it. */
export type ThreatRequirementLinkInput = {
  /** True links (nothing changes when already linked); false unlinks (nothing changes when not linked). */
  linked?: InputMaybe<Scalars['Boolean']['input']>;
  /** The requirement that addresses it; linking a withdrawn requirement is INVALID. */
  requirementId: Scalars['ID']['input'];
  /** The threat. */
  threatId: Scalars['ID']['input'];
};

/** Result of `threatRequirementLink`. */
export type ThreatRequirementLinkPayload = {
  __typename?: 'ThreatRequirementLinkPayload';
  /** The requirement; null when userErrors is not empty. */
  requirement: Maybe<Requirement>;
  /** The threat; null when userErrors is not empty. */
  threat: Maybe<Threat>;
  /** Why the change was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** Changes to a threat; omitted or null fields stay as they are. */
export type ThreatUpdateInput = {
  /** New description. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The threat to change. */
  id: Scalars['ID']['input'];
  /** New display name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New human key, unique within the catalog (DUPLICATE otherwise). */
  refId?: InputMaybe<Scalars['String']['input']>;
};

/** A new token. */
export type TokenCreateInput = {
  /** Restrict attaching evidence to these AI systems. */
  aiSystemIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Restrict attaching evidence to these controls. */
  controlIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** When it stops working (absent: never). Give this or `expiresIn`. */
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Lifetime such as `90d`, `12h` or `30m`. Give this or `expiresAt`. */
  expiresIn?: InputMaybe<Scalars['String']['input']>;
  /** What the token is for. */
  name: Scalars['String']['input'];
  /** What the token may do. */
  role: Role;
};

/** Result of creating a token. */
export type TokenCreatePayload = {
  __typename?: 'TokenCreatePayload';
  /** The bearer secret. Shown only here, once: store it now. */
  secret: Maybe<Scalars['String']['output']>;
  /** The token; null when userErrors is not empty. */
  token: Maybe<ApiToken>;
  /** Why the token was not created; empty on success. */
  userErrors: Array<UserError>;
};

/** Which token to revoke. */
export type TokenRevokeInput = {
  /** The token to revoke. */
  id: Scalars['ID']['input'];
};

/** Result of revoking a token. */
export type TokenRevokePayload = {
  __typename?: 'TokenRevokePayload';
  /** The revoked token; null when userErrors is not empty. */
  token: Maybe<ApiToken>;
  /** Why it was not revoked; empty on success. CONFLICT when it already was. */
  userErrors: Array<UserError>;
};

/** Ids of the file that name nothing known here, together (each occurrence is also rejected). */
export type UnresolvedIds = {
  __typename?: 'UnresolvedIds';
  /** The framework searched; null for controls or when the framework could not be determined. */
  frameworkRefId: Maybe<Scalars['String']['output']>;
  /** The distinct ids, sorted. */
  ids: Array<Scalars['String']['output']>;
  /** What they were meant to name. */
  kind: UnresolvedKind;
};

/** What unresolved ids were meant to name. */
export type UnresolvedKind =
  /** A control. */
  | 'CONTROL'
  /** A requirement of a framework. */
  | 'REQUIREMENT';

/** Why a mutation did not do what it was asked. The payload's result field is then null. */
export type UserError = {
  __typename?: 'UserError';
  /** Machine-readable reason. */
  code: UserErrorCode;
  /** Path to the input field at fault, e.g. ["input", "refId"]; null when not about one field. */
  field: Maybe<Array<Scalars['String']['output']>>;
  /** A human-readable explanation. */
  message: Scalars['String']['output'];
};

/** Machine-readable reasons a mutation can fail. */
export type UserErrorCode =
  /** No stored file has this SHA-256, or its stored copy is missing or corrupt: upload the file (`PUT /v1/blobs`) first. */
  | 'BLOB_NOT_FOUND'
  /** The object is not in a state that allows this change. */
  | 'CONFLICT'
  /** An object with the same unique key already exists. */
  | 'DUPLICATE'
  /** The caller is not allowed to do this. */
  | 'FORBIDDEN'
  /** A value is malformed or out of range. */
  | 'INVALID'
  /** Other objects depend on this one. */
  | 'IN_USE'
  /** The referenced object does not exist or is not visible to the caller. */
  | 'NOT_FOUND';

/** Who is calling. */
export type Viewer = {
  __typename?: 'Viewer';
  /** Actor id recorded in history and the audit trail, e.g. `token:3`. */
  actorId: Scalars['String']['output'];
  /** Name of the token. */
  name: Scalars['String']['output'];
  /** Role of the token. */
  role: Role;
  /** The token itself. */
  token: Maybe<ApiToken>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;




/** Mapping of interface types */
export type ResolversInterfaceTypes<_RefType extends Record<string, unknown>> = {
  Node:
    | ( AiSystemRowModel )
    | ( ApiTokenRowModel )
    | ( AuditRowModel )
    | ( BaselineRowModel )
    | ( ControlRowModel )
    | ( ControlStatusChangeRowModel )
    | ( EvidenceRowModel )
    | ( EvidenceReviewRowModel )
    | ( FrameworkRowModel )
    | ( MappingRowModel )
    | ( NotApplicableMarkRowModel )
    | ( RequirementRowModel )
    | ( RequirementLinkRowModel )
    | ( ThreatRowModel )
  ;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AISystem: ResolverTypeWrapper<AiSystemRowModel>;
  AISystemConnection: ResolverTypeWrapper<AISystemConnectionModelModel>;
  AISystemControlStatus: ResolverTypeWrapper<AiSystemControlStatusRowModel>;
  AISystemControlStatusConnection: ResolverTypeWrapper<AISystemControlStatusConnectionModelModel>;
  AISystemControlStatusEdge: ResolverTypeWrapper<Omit<AiSystemControlStatusEdge, 'node'> & { node: ResolversTypes['AISystemControlStatus'] }>;
  AISystemControlStatusSetInput: AiSystemControlStatusSetInput;
  AISystemControlStatusSetPayload: ResolverTypeWrapper<Omit<AiSystemControlStatusSetPayload, 'aiSystem' | 'change' | 'control' | 'controlStatus' | 'userErrors'> & { aiSystem?: Maybe<ResolversTypes['AISystem']>, change?: Maybe<ResolversTypes['ControlStatusChange']>, control?: Maybe<ResolversTypes['Control']>, controlStatus?: Maybe<ResolversTypes['AISystemControlStatus']>, userErrors: Array<ResolversTypes['UserError']> }>;
  AISystemCreateInput: AiSystemCreateInput;
  AISystemDeleteInput: AiSystemDeleteInput;
  AISystemDeletePayload: ResolverTypeWrapper<Omit<AiSystemDeletePayload, 'userErrors'> & { userErrors: Array<ResolversTypes['UserError']> }>;
  AISystemEdge: ResolverTypeWrapper<Omit<AiSystemEdge, 'node'> & { node: ResolversTypes['AISystem'] }>;
  AISystemFilter: AiSystemFilter;
  AISystemFrameworkSetInput: AiSystemFrameworkSetInput;
  AISystemPayload: ResolverTypeWrapper<Omit<AiSystemPayload, 'aiSystem' | 'userErrors'> & { aiSystem?: Maybe<ResolversTypes['AISystem']>, userErrors: Array<ResolversTypes['UserError']> }>;
  AISystemRole: AiSystemRole;
  AISystemUpdateInput: AiSystemUpdateInput;
  ApiToken: ResolverTypeWrapper<ApiTokenRowModel>;
  ApiTokenConnection: ResolverTypeWrapper<ApiTokenConnectionModelModel>;
  ApiTokenEdge: ResolverTypeWrapper<Omit<ApiTokenEdge, 'node'> & { node: ResolversTypes['ApiToken'] }>;
  ApplicabilitySetInput: ApplicabilitySetInput;
  ApplicabilitySetPayload: ResolverTypeWrapper<Omit<ApplicabilitySetPayload, 'notApplicableMark' | 'requirement' | 'userErrors'> & { notApplicableMark?: Maybe<ResolversTypes['NotApplicableMark']>, requirement?: Maybe<ResolversTypes['Requirement']>, userErrors: Array<ResolversTypes['UserError']> }>;
  AuditEntry: ResolverTypeWrapper<AuditRowModel>;
  AuditEntryConnection: ResolverTypeWrapper<AuditEntryConnectionModelModel>;
  AuditEntryEdge: ResolverTypeWrapper<Omit<AuditEntryEdge, 'node'> & { node: ResolversTypes['AuditEntry'] }>;
  AuditFilter: AuditFilter;
  AuditOutcome: AuditOutcome;
  AuditVerification: ResolverTypeWrapper<AuditVerification>;
  Baseline: ResolverTypeWrapper<BaselineRowModel>;
  BaselineApplication: ResolverTypeWrapper<BaselineApplicationRowModel>;
  BaselineApplicationConnection: ResolverTypeWrapper<BaselineApplicationConnectionModelModel>;
  BaselineApplicationEdge: ResolverTypeWrapper<Omit<BaselineApplicationEdge, 'node'> & { node: ResolversTypes['BaselineApplication'] }>;
  BaselineApplyInput: BaselineApplyInput;
  BaselineApplyPayload: ResolverTypeWrapper<Omit<BaselineApplyPayload, 'baseline' | 'userErrors'> & { baseline?: Maybe<ResolversTypes['Baseline']>, userErrors: Array<ResolversTypes['UserError']> }>;
  BaselineConnection: ResolverTypeWrapper<BaselineConnectionModelModel>;
  BaselineEdge: ResolverTypeWrapper<Omit<BaselineEdge, 'node'> & { node: ResolversTypes['Baseline'] }>;
  BlobIntegrityEvent: ResolverTypeWrapper<BlobIntegrityEvent>;
  BlobIntegrityStatus: BlobIntegrityStatus;
  BlobProblem: ResolverTypeWrapper<BlobProblem>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CatalogImportInput: CatalogImportInput;
  CatalogImportPayload: ResolverTypeWrapper<Omit<CatalogImportPayload, 'report' | 'userErrors'> & { report?: Maybe<ResolversTypes['ImportReport']>, userErrors: Array<ResolversTypes['UserError']> }>;
  Control: ResolverTypeWrapper<ControlRowModel>;
  ControlConnection: ResolverTypeWrapper<ControlConnectionModelModel>;
  ControlCreateInput: ControlCreateInput;
  ControlDeleteInput: ControlDeleteInput;
  ControlDeletePayload: ResolverTypeWrapper<Omit<ControlDeletePayload, 'userErrors'> & { userErrors: Array<ResolversTypes['UserError']> }>;
  ControlEdge: ResolverTypeWrapper<Omit<ControlEdge, 'node'> & { node: ResolversTypes['Control'] }>;
  ControlFilter: ControlFilter;
  ControlImpact: ResolverTypeWrapper<ControlImpactModelModel>;
  ControlPayload: ResolverTypeWrapper<Omit<ControlPayload, 'control' | 'userErrors'> & { control?: Maybe<ResolversTypes['Control']>, userErrors: Array<ResolversTypes['UserError']> }>;
  ControlState: ControlState;
  ControlStateChangeInput: ControlStateChangeInput;
  ControlStatusChange: ResolverTypeWrapper<ControlStatusChangeRowModel>;
  ControlStatusChangeConnection: ResolverTypeWrapper<ControlStatusChangeConnectionModelModel>;
  ControlStatusChangeEdge: ResolverTypeWrapper<Omit<ControlStatusChangeEdge, 'node'> & { node: ResolversTypes['ControlStatusChange'] }>;
  ControlStatusSetInput: ControlStatusSetInput;
  ControlType: ControlType;
  ControlUpdateInput: ControlUpdateInput;
  CoverageContribution: ResolverTypeWrapper<CoverageContributionModelModel>;
  CoverageGapConnection: ResolverTypeWrapper<CoverageGapConnectionModelModel>;
  CoverageGapEdge: ResolverTypeWrapper<Omit<CoverageGapEdge, 'node'> & { node: ResolversTypes['RequirementCoverage'] }>;
  CoverageReport: ResolverTypeWrapper<CoverageReportModelModel>;
  CoverageScope: CoverageScope;
  CoverageSimulation: ResolverTypeWrapper<CoverageSimulationModelModel>;
  CoverageSnapshot: ResolverTypeWrapper<CoverageSnapshotModelModel>;
  CoverageSnapshotConnection: ResolverTypeWrapper<CoverageSnapshotConnectionModelModel>;
  CoverageSnapshotEdge: ResolverTypeWrapper<Omit<CoverageSnapshotEdge, 'node'> & { node: ResolversTypes['CoverageSnapshot'] }>;
  CoverageSnapshotRecordInput: CoverageSnapshotRecordInput;
  CoverageSnapshotRecordPayload: ResolverTypeWrapper<Omit<CoverageSnapshotRecordPayload, 'snapshots' | 'userErrors'> & { snapshots?: Maybe<Array<ResolversTypes['CoverageSnapshot']>>, userErrors: Array<ResolversTypes['UserError']> }>;
  CoverageStatus: CoverageStatus;
  CoverageSummary: ResolverTypeWrapper<CoverageSummary>;
  CrosswalkStep: ResolverTypeWrapper<CrosswalkStepModelModel>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Evidence: ResolverTypeWrapper<EvidenceRowModel>;
  EvidenceAttachBulkInput: EvidenceAttachBulkInput;
  EvidenceAttachBulkPayload: ResolverTypeWrapper<Omit<EvidenceAttachBulkPayload, 'results' | 'userErrors'> & { results?: Maybe<Array<ResolversTypes['EvidenceAttachResult']>>, userErrors: Array<ResolversTypes['UserError']> }>;
  EvidenceAttachInput: EvidenceAttachInput;
  EvidenceAttachPayload: ResolverTypeWrapper<Omit<EvidenceAttachPayload, 'evidence' | 'userErrors'> & { evidence?: Maybe<ResolversTypes['Evidence']>, userErrors: Array<ResolversTypes['UserError']> }>;
  EvidenceAttachResult: ResolverTypeWrapper<Omit<EvidenceAttachResult, 'evidence' | 'userErrors'> & { evidence?: Maybe<ResolversTypes['Evidence']>, userErrors: Array<ResolversTypes['UserError']> }>;
  EvidenceConnection: ResolverTypeWrapper<EvidenceConnectionModelModel>;
  EvidenceCreateInput: EvidenceCreateInput;
  EvidenceDecision: EvidenceDecision;
  EvidenceEdge: ResolverTypeWrapper<Omit<EvidenceEdge, 'node'> & { node: ResolversTypes['Evidence'] }>;
  EvidenceFilter: EvidenceFilter;
  EvidenceIntegrity: ResolverTypeWrapper<EvidenceIntegrity>;
  EvidenceIntegrityScanInput: EvidenceIntegrityScanInput;
  EvidenceIntegrityScanPayload: ResolverTypeWrapper<Omit<EvidenceIntegrityScanPayload, 'userErrors'> & { userErrors: Array<ResolversTypes['UserError']> }>;
  EvidenceKind: EvidenceKind;
  EvidencePayload: ResolverTypeWrapper<Omit<EvidencePayload, 'evidence' | 'userErrors'> & { evidence?: Maybe<ResolversTypes['Evidence']>, userErrors: Array<ResolversTypes['UserError']> }>;
  EvidenceReview: ResolverTypeWrapper<EvidenceReviewRowModel>;
  EvidenceReviewInput: EvidenceReviewInput;
  EvidenceStatus: EvidenceStatus;
  EvidenceVerifyInput: EvidenceVerifyInput;
  EvidenceVerifyPayload: ResolverTypeWrapper<Omit<EvidenceVerifyPayload, 'evidence' | 'userErrors'> & { evidence?: Maybe<ResolversTypes['Evidence']>, userErrors: Array<ResolversTypes['UserError']> }>;
  ExpiringEvidence: ResolverTypeWrapper<ExpiringEvidenceModelModel>;
  ExpiringEvidenceConnection: ResolverTypeWrapper<ExpiringEvidenceConnectionModelModel>;
  ExpiringEvidenceControl: ResolverTypeWrapper<ExpiringEvidenceControlModelModel>;
  ExpiringEvidenceEdge: ResolverTypeWrapper<Omit<ExpiringEvidenceEdge, 'node'> & { node: ResolversTypes['ExpiringEvidence'] }>;
  ExportDocument: ResolverTypeWrapper<StoredExportModel>;
  ExportFormat: ExportFormat;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Framework: ResolverTypeWrapper<FrameworkRowModel>;
  FrameworkConnection: ResolverTypeWrapper<FrameworkConnectionModelModel>;
  FrameworkCoverage: ResolverTypeWrapper<FrameworkCoverageModelModel>;
  FrameworkCoverageChange: ResolverTypeWrapper<FrameworkCoverageChangeModelModel>;
  FrameworkCreateInput: FrameworkCreateInput;
  FrameworkDeleteInput: FrameworkDeleteInput;
  FrameworkDeletePayload: ResolverTypeWrapper<Omit<FrameworkDeletePayload, 'userErrors'> & { userErrors: Array<ResolversTypes['UserError']> }>;
  FrameworkEdge: ResolverTypeWrapper<Omit<FrameworkEdge, 'node'> & { node: ResolversTypes['Framework'] }>;
  FrameworkFilter: FrameworkFilter;
  FrameworkKind: FrameworkKind;
  FrameworkPayload: ResolverTypeWrapper<Omit<FrameworkPayload, 'framework' | 'userErrors'> & { framework?: Maybe<ResolversTypes['Framework']>, userErrors: Array<ResolversTypes['UserError']> }>;
  FrameworkUpdateInput: FrameworkUpdateInput;
  GapFilter: GapFilter;
  GapReason: ResolverTypeWrapper<GapReasonModelModel>;
  GapReasonCode: GapReasonCode;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ImplementationStatus: ImplementationStatus;
  ImportCount: ResolverTypeWrapper<ImportCount>;
  ImportFormat: ImportFormat;
  ImportMode: ImportMode;
  ImportRejection: ResolverTypeWrapper<ImportRejection>;
  ImportReport: ResolverTypeWrapper<ImportReportModel>;
  ImportWarning: ResolverTypeWrapper<ImportWarning>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  IntegrityCheckSource: IntegrityCheckSource;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LinkDirection: LinkDirection;
  Mapping: ResolverTypeWrapper<MappingRowModel>;
  MappingConnection: ResolverTypeWrapper<MappingConnectionModelModel>;
  MappingCreateInput: MappingCreateInput;
  MappingEdge: ResolverTypeWrapper<Omit<MappingEdge, 'node'> & { node: ResolversTypes['Mapping'] }>;
  MappingKind: MappingKind;
  MappingPayload: ResolverTypeWrapper<Omit<MappingPayload, 'mapping' | 'userErrors'> & { mapping?: Maybe<ResolversTypes['Mapping']>, userErrors: Array<ResolversTypes['UserError']> }>;
  MappingRetireInput: MappingRetireInput;
  MappingRevision: ResolverTypeWrapper<MappingRevision>;
  MappingUpdateInput: MappingUpdateInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  NotApplicableMark: ResolverTypeWrapper<NotApplicableMarkRowModel>;
  NotApplicableMarkConnection: ResolverTypeWrapper<NotApplicableMarkConnectionModelModel>;
  NotApplicableMarkEdge: ResolverTypeWrapper<Omit<NotApplicableMarkEdge, 'node'> & { node: ResolversTypes['NotApplicableMark'] }>;
  PageInfo: ResolverTypeWrapper<PageInfoModelModel>;
  Provenance: ResolverTypeWrapper<Provenance>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Relationship: Relationship;
  Requirement: ResolverTypeWrapper<RequirementRowModel>;
  RequirementConnection: ResolverTypeWrapper<RequirementConnectionModelModel>;
  RequirementCoverage: ResolverTypeWrapper<RequirementCoverageModelModel>;
  RequirementCreateInput: RequirementCreateInput;
  RequirementDeleteInput: RequirementDeleteInput;
  RequirementDeletePayload: ResolverTypeWrapper<Omit<RequirementDeletePayload, 'userErrors'> & { userErrors: Array<ResolversTypes['UserError']> }>;
  RequirementEdge: ResolverTypeWrapper<Omit<RequirementEdge, 'node'> & { node: ResolversTypes['Requirement'] }>;
  RequirementFilter: RequirementFilter;
  RequirementLink: ResolverTypeWrapper<RequirementLinkRowModel>;
  RequirementLinkConnection: ResolverTypeWrapper<RequirementLinkConnectionModelModel>;
  RequirementLinkCreateInput: RequirementLinkCreateInput;
  RequirementLinkDirection: RequirementLinkDirection;
  RequirementLinkEdge: ResolverTypeWrapper<Omit<RequirementLinkEdge, 'node'> & { node: ResolversTypes['RequirementLink'] }>;
  RequirementLinkFilter: RequirementLinkFilter;
  RequirementLinkPayload: ResolverTypeWrapper<Omit<RequirementLinkPayload, 'requirementLink' | 'userErrors'> & { requirementLink?: Maybe<ResolversTypes['RequirementLink']>, userErrors: Array<ResolversTypes['UserError']> }>;
  RequirementLinkRetireInput: RequirementLinkRetireInput;
  RequirementPayload: ResolverTypeWrapper<Omit<RequirementPayload, 'requirement' | 'userErrors'> & { requirement?: Maybe<ResolversTypes['Requirement']>, userErrors: Array<ResolversTypes['UserError']> }>;
  RequirementStatusChange: ResolverTypeWrapper<RequirementStatusChangeModelModel>;
  RequirementUpdateInput: RequirementUpdateInput;
  RiskLevel: RiskLevel;
  Role: Role;
  SimulatedControlState: ResolverTypeWrapper<SimulatedControlStateModelModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Threat: ResolverTypeWrapper<ThreatRowModel>;
  ThreatConnection: ResolverTypeWrapper<ThreatConnectionModelModel>;
  ThreatCreateInput: ThreatCreateInput;
  ThreatDeleteInput: ThreatDeleteInput;
  ThreatDeletePayload: ResolverTypeWrapper<Omit<ThreatDeletePayload, 'userErrors'> & { userErrors: Array<ResolversTypes['UserError']> }>;
  ThreatEdge: ResolverTypeWrapper<Omit<ThreatEdge, 'node'> & { node: ResolversTypes['Threat'] }>;
  ThreatExposure: ResolverTypeWrapper<ThreatExposureModelModel>;
  ThreatExposureChange: ResolverTypeWrapper<ThreatExposureChangeModelModel>;
  ThreatExposureConnection: ResolverTypeWrapper<ThreatExposureConnectionModelModel>;
  ThreatExposureEdge: ResolverTypeWrapper<Omit<ThreatExposureEdge, 'node'> & { node: ResolversTypes['ThreatExposure'] }>;
  ThreatExposureLevel: ThreatExposureLevel;
  ThreatFilter: ThreatFilter;
  ThreatPayload: ResolverTypeWrapper<Omit<ThreatPayload, 'threat' | 'userErrors'> & { threat?: Maybe<ResolversTypes['Threat']>, userErrors: Array<ResolversTypes['UserError']> }>;
  ThreatRequirementLinkInput: ThreatRequirementLinkInput;
  ThreatRequirementLinkPayload: ResolverTypeWrapper<Omit<ThreatRequirementLinkPayload, 'requirement' | 'threat' | 'userErrors'> & { requirement?: Maybe<ResolversTypes['Requirement']>, threat?: Maybe<ResolversTypes['Threat']>, userErrors: Array<ResolversTypes['UserError']> }>;
  ThreatUpdateInput: ThreatUpdateInput;
  TokenCreateInput: TokenCreateInput;
  TokenCreatePayload: ResolverTypeWrapper<Omit<TokenCreatePayload, 'token' | 'userErrors'> & { token?: Maybe<ResolversTypes['ApiToken']>, userErrors: Array<ResolversTypes['UserError']> }>;
  TokenRevokeInput: TokenRevokeInput;
  TokenRevokePayload: ResolverTypeWrapper<Omit<TokenRevokePayload, 'token' | 'userErrors'> & { token?: Maybe<ResolversTypes['ApiToken']>, userErrors: Array<ResolversTypes['UserError']> }>;
  UnresolvedIds: ResolverTypeWrapper<UnresolvedIds>;
  UnresolvedKind: UnresolvedKind;
  UserError: ResolverTypeWrapper<UserErrorModelModel>;
  UserErrorCode: UserErrorCode;
  Viewer: ResolverTypeWrapper<ViewerModelModel>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AISystem: AiSystemRowModel;
  AISystemConnection: AISystemConnectionModelModel;
  AISystemControlStatus: AiSystemControlStatusRowModel;
  AISystemControlStatusConnection: AISystemControlStatusConnectionModelModel;
  AISystemControlStatusEdge: Omit<AiSystemControlStatusEdge, 'node'> & { node: ResolversParentTypes['AISystemControlStatus'] };
  AISystemControlStatusSetInput: AiSystemControlStatusSetInput;
  AISystemControlStatusSetPayload: Omit<AiSystemControlStatusSetPayload, 'aiSystem' | 'change' | 'control' | 'controlStatus' | 'userErrors'> & { aiSystem?: Maybe<ResolversParentTypes['AISystem']>, change?: Maybe<ResolversParentTypes['ControlStatusChange']>, control?: Maybe<ResolversParentTypes['Control']>, controlStatus?: Maybe<ResolversParentTypes['AISystemControlStatus']>, userErrors: Array<ResolversParentTypes['UserError']> };
  AISystemCreateInput: AiSystemCreateInput;
  AISystemDeleteInput: AiSystemDeleteInput;
  AISystemDeletePayload: Omit<AiSystemDeletePayload, 'userErrors'> & { userErrors: Array<ResolversParentTypes['UserError']> };
  AISystemEdge: Omit<AiSystemEdge, 'node'> & { node: ResolversParentTypes['AISystem'] };
  AISystemFilter: AiSystemFilter;
  AISystemFrameworkSetInput: AiSystemFrameworkSetInput;
  AISystemPayload: Omit<AiSystemPayload, 'aiSystem' | 'userErrors'> & { aiSystem?: Maybe<ResolversParentTypes['AISystem']>, userErrors: Array<ResolversParentTypes['UserError']> };
  AISystemUpdateInput: AiSystemUpdateInput;
  ApiToken: ApiTokenRowModel;
  ApiTokenConnection: ApiTokenConnectionModelModel;
  ApiTokenEdge: Omit<ApiTokenEdge, 'node'> & { node: ResolversParentTypes['ApiToken'] };
  ApplicabilitySetInput: ApplicabilitySetInput;
  ApplicabilitySetPayload: Omit<ApplicabilitySetPayload, 'notApplicableMark' | 'requirement' | 'userErrors'> & { notApplicableMark?: Maybe<ResolversParentTypes['NotApplicableMark']>, requirement?: Maybe<ResolversParentTypes['Requirement']>, userErrors: Array<ResolversParentTypes['UserError']> };
  AuditEntry: AuditRowModel;
  AuditEntryConnection: AuditEntryConnectionModelModel;
  AuditEntryEdge: Omit<AuditEntryEdge, 'node'> & { node: ResolversParentTypes['AuditEntry'] };
  AuditFilter: AuditFilter;
  AuditVerification: AuditVerification;
  Baseline: BaselineRowModel;
  BaselineApplication: BaselineApplicationRowModel;
  BaselineApplicationConnection: BaselineApplicationConnectionModelModel;
  BaselineApplicationEdge: Omit<BaselineApplicationEdge, 'node'> & { node: ResolversParentTypes['BaselineApplication'] };
  BaselineApplyInput: BaselineApplyInput;
  BaselineApplyPayload: Omit<BaselineApplyPayload, 'baseline' | 'userErrors'> & { baseline?: Maybe<ResolversParentTypes['Baseline']>, userErrors: Array<ResolversParentTypes['UserError']> };
  BaselineConnection: BaselineConnectionModelModel;
  BaselineEdge: Omit<BaselineEdge, 'node'> & { node: ResolversParentTypes['Baseline'] };
  BlobIntegrityEvent: BlobIntegrityEvent;
  BlobProblem: BlobProblem;
  Boolean: Scalars['Boolean']['output'];
  CatalogImportInput: CatalogImportInput;
  CatalogImportPayload: Omit<CatalogImportPayload, 'report' | 'userErrors'> & { report?: Maybe<ResolversParentTypes['ImportReport']>, userErrors: Array<ResolversParentTypes['UserError']> };
  Control: ControlRowModel;
  ControlConnection: ControlConnectionModelModel;
  ControlCreateInput: ControlCreateInput;
  ControlDeleteInput: ControlDeleteInput;
  ControlDeletePayload: Omit<ControlDeletePayload, 'userErrors'> & { userErrors: Array<ResolversParentTypes['UserError']> };
  ControlEdge: Omit<ControlEdge, 'node'> & { node: ResolversParentTypes['Control'] };
  ControlFilter: ControlFilter;
  ControlImpact: ControlImpactModelModel;
  ControlPayload: Omit<ControlPayload, 'control' | 'userErrors'> & { control?: Maybe<ResolversParentTypes['Control']>, userErrors: Array<ResolversParentTypes['UserError']> };
  ControlStateChangeInput: ControlStateChangeInput;
  ControlStatusChange: ControlStatusChangeRowModel;
  ControlStatusChangeConnection: ControlStatusChangeConnectionModelModel;
  ControlStatusChangeEdge: Omit<ControlStatusChangeEdge, 'node'> & { node: ResolversParentTypes['ControlStatusChange'] };
  ControlStatusSetInput: ControlStatusSetInput;
  ControlUpdateInput: ControlUpdateInput;
  CoverageContribution: CoverageContributionModelModel;
  CoverageGapConnection: CoverageGapConnectionModelModel;
  CoverageGapEdge: Omit<CoverageGapEdge, 'node'> & { node: ResolversParentTypes['RequirementCoverage'] };
  CoverageReport: CoverageReportModelModel;
  CoverageScope: CoverageScope;
  CoverageSimulation: CoverageSimulationModelModel;
  CoverageSnapshot: CoverageSnapshotModelModel;
  CoverageSnapshotConnection: CoverageSnapshotConnectionModelModel;
  CoverageSnapshotEdge: Omit<CoverageSnapshotEdge, 'node'> & { node: ResolversParentTypes['CoverageSnapshot'] };
  CoverageSnapshotRecordInput: CoverageSnapshotRecordInput;
  CoverageSnapshotRecordPayload: Omit<CoverageSnapshotRecordPayload, 'snapshots' | 'userErrors'> & { snapshots?: Maybe<Array<ResolversParentTypes['CoverageSnapshot']>>, userErrors: Array<ResolversParentTypes['UserError']> };
  CoverageSummary: CoverageSummary;
  CrosswalkStep: CrosswalkStepModelModel;
  DateTime: Scalars['DateTime']['output'];
  Evidence: EvidenceRowModel;
  EvidenceAttachBulkInput: EvidenceAttachBulkInput;
  EvidenceAttachBulkPayload: Omit<EvidenceAttachBulkPayload, 'results' | 'userErrors'> & { results?: Maybe<Array<ResolversParentTypes['EvidenceAttachResult']>>, userErrors: Array<ResolversParentTypes['UserError']> };
  EvidenceAttachInput: EvidenceAttachInput;
  EvidenceAttachPayload: Omit<EvidenceAttachPayload, 'evidence' | 'userErrors'> & { evidence?: Maybe<ResolversParentTypes['Evidence']>, userErrors: Array<ResolversParentTypes['UserError']> };
  EvidenceAttachResult: Omit<EvidenceAttachResult, 'evidence' | 'userErrors'> & { evidence?: Maybe<ResolversParentTypes['Evidence']>, userErrors: Array<ResolversParentTypes['UserError']> };
  EvidenceConnection: EvidenceConnectionModelModel;
  EvidenceCreateInput: EvidenceCreateInput;
  EvidenceEdge: Omit<EvidenceEdge, 'node'> & { node: ResolversParentTypes['Evidence'] };
  EvidenceFilter: EvidenceFilter;
  EvidenceIntegrity: EvidenceIntegrity;
  EvidenceIntegrityScanInput: EvidenceIntegrityScanInput;
  EvidenceIntegrityScanPayload: Omit<EvidenceIntegrityScanPayload, 'userErrors'> & { userErrors: Array<ResolversParentTypes['UserError']> };
  EvidencePayload: Omit<EvidencePayload, 'evidence' | 'userErrors'> & { evidence?: Maybe<ResolversParentTypes['Evidence']>, userErrors: Array<ResolversParentTypes['UserError']> };
  EvidenceReview: EvidenceReviewRowModel;
  EvidenceReviewInput: EvidenceReviewInput;
  EvidenceVerifyInput: EvidenceVerifyInput;
  EvidenceVerifyPayload: Omit<EvidenceVerifyPayload, 'evidence' | 'userErrors'> & { evidence?: Maybe<ResolversParentTypes['Evidence']>, userErrors: Array<ResolversParentTypes['UserError']> };
  ExpiringEvidence: ExpiringEvidenceModelModel;
  ExpiringEvidenceConnection: ExpiringEvidenceConnectionModelModel;
  ExpiringEvidenceControl: ExpiringEvidenceControlModelModel;
  ExpiringEvidenceEdge: Omit<ExpiringEvidenceEdge, 'node'> & { node: ResolversParentTypes['ExpiringEvidence'] };
  ExportDocument: StoredExportModel;
  Float: Scalars['Float']['output'];
  Framework: FrameworkRowModel;
  FrameworkConnection: FrameworkConnectionModelModel;
  FrameworkCoverage: FrameworkCoverageModelModel;
  FrameworkCoverageChange: FrameworkCoverageChangeModelModel;
  FrameworkCreateInput: FrameworkCreateInput;
  FrameworkDeleteInput: FrameworkDeleteInput;
  FrameworkDeletePayload: Omit<FrameworkDeletePayload, 'userErrors'> & { userErrors: Array<ResolversParentTypes['UserError']> };
  FrameworkEdge: Omit<FrameworkEdge, 'node'> & { node: ResolversParentTypes['Framework'] };
  FrameworkFilter: FrameworkFilter;
  FrameworkPayload: Omit<FrameworkPayload, 'framework' | 'userErrors'> & { framework?: Maybe<ResolversParentTypes['Framework']>, userErrors: Array<ResolversParentTypes['UserError']> };
  FrameworkUpdateInput: FrameworkUpdateInput;
  GapFilter: GapFilter;
  GapReason: GapReasonModelModel;
  ID: Scalars['ID']['output'];
  ImportCount: ImportCount;
  ImportRejection: ImportRejection;
  ImportReport: ImportReportModel;
  ImportWarning: ImportWarning;
  Int: Scalars['Int']['output'];
  JSON: Scalars['JSON']['output'];
  Mapping: MappingRowModel;
  MappingConnection: MappingConnectionModelModel;
  MappingCreateInput: MappingCreateInput;
  MappingEdge: Omit<MappingEdge, 'node'> & { node: ResolversParentTypes['Mapping'] };
  MappingPayload: Omit<MappingPayload, 'mapping' | 'userErrors'> & { mapping?: Maybe<ResolversParentTypes['Mapping']>, userErrors: Array<ResolversParentTypes['UserError']> };
  MappingRetireInput: MappingRetireInput;
  MappingRevision: MappingRevision;
  MappingUpdateInput: MappingUpdateInput;
  Mutation: Record<PropertyKey, never>;
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  NotApplicableMark: NotApplicableMarkRowModel;
  NotApplicableMarkConnection: NotApplicableMarkConnectionModelModel;
  NotApplicableMarkEdge: Omit<NotApplicableMarkEdge, 'node'> & { node: ResolversParentTypes['NotApplicableMark'] };
  PageInfo: PageInfoModelModel;
  Provenance: Provenance;
  Query: Record<PropertyKey, never>;
  Requirement: RequirementRowModel;
  RequirementConnection: RequirementConnectionModelModel;
  RequirementCoverage: RequirementCoverageModelModel;
  RequirementCreateInput: RequirementCreateInput;
  RequirementDeleteInput: RequirementDeleteInput;
  RequirementDeletePayload: Omit<RequirementDeletePayload, 'userErrors'> & { userErrors: Array<ResolversParentTypes['UserError']> };
  RequirementEdge: Omit<RequirementEdge, 'node'> & { node: ResolversParentTypes['Requirement'] };
  RequirementFilter: RequirementFilter;
  RequirementLink: RequirementLinkRowModel;
  RequirementLinkConnection: RequirementLinkConnectionModelModel;
  RequirementLinkCreateInput: RequirementLinkCreateInput;
  RequirementLinkEdge: Omit<RequirementLinkEdge, 'node'> & { node: ResolversParentTypes['RequirementLink'] };
  RequirementLinkFilter: RequirementLinkFilter;
  RequirementLinkPayload: Omit<RequirementLinkPayload, 'requirementLink' | 'userErrors'> & { requirementLink?: Maybe<ResolversParentTypes['RequirementLink']>, userErrors: Array<ResolversParentTypes['UserError']> };
  RequirementLinkRetireInput: RequirementLinkRetireInput;
  RequirementPayload: Omit<RequirementPayload, 'requirement' | 'userErrors'> & { requirement?: Maybe<ResolversParentTypes['Requirement']>, userErrors: Array<ResolversParentTypes['UserError']> };
  RequirementStatusChange: RequirementStatusChangeModelModel;
  RequirementUpdateInput: RequirementUpdateInput;
  SimulatedControlState: SimulatedControlStateModelModel;
  String: Scalars['String']['output'];
  Threat: ThreatRowModel;
  ThreatConnection: ThreatConnectionModelModel;
  ThreatCreateInput: ThreatCreateInput;
  ThreatDeleteInput: ThreatDeleteInput;
  ThreatDeletePayload: Omit<ThreatDeletePayload, 'userErrors'> & { userErrors: Array<ResolversParentTypes['UserError']> };
  ThreatEdge: Omit<ThreatEdge, 'node'> & { node: ResolversParentTypes['Threat'] };
  ThreatExposure: ThreatExposureModelModel;
  ThreatExposureChange: ThreatExposureChangeModelModel;
  ThreatExposureConnection: ThreatExposureConnectionModelModel;
  ThreatExposureEdge: Omit<ThreatExposureEdge, 'node'> & { node: ResolversParentTypes['ThreatExposure'] };
  ThreatFilter: ThreatFilter;
  ThreatPayload: Omit<ThreatPayload, 'threat' | 'userErrors'> & { threat?: Maybe<ResolversParentTypes['Threat']>, userErrors: Array<ResolversParentTypes['UserError']> };
  ThreatRequirementLinkInput: ThreatRequirementLinkInput;
  ThreatRequirementLinkPayload: Omit<ThreatRequirementLinkPayload, 'requirement' | 'threat' | 'userErrors'> & { requirement?: Maybe<ResolversParentTypes['Requirement']>, threat?: Maybe<ResolversParentTypes['Threat']>, userErrors: Array<ResolversParentTypes['UserError']> };
  ThreatUpdateInput: ThreatUpdateInput;
  TokenCreateInput: TokenCreateInput;
  TokenCreatePayload: Omit<TokenCreatePayload, 'token' | 'userErrors'> & { token?: Maybe<ResolversParentTypes['ApiToken']>, userErrors: Array<ResolversParentTypes['UserError']> };
  TokenRevokeInput: TokenRevokeInput;
  TokenRevokePayload: Omit<TokenRevokePayload, 'token' | 'userErrors'> & { token?: Maybe<ResolversParentTypes['ApiToken']>, userErrors: Array<ResolversParentTypes['UserError']> };
  UnresolvedIds: UnresolvedIds;
  UserError: UserErrorModelModel;
  Viewer: ViewerModelModel;
};

export type AiSystemResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AISystem'] = ResolversParentTypes['AISystem']> = {
  controlStatusHistory?: Resolver<ResolversTypes['ControlStatusChangeConnection'], ParentType, ContextType, Partial<AiSystemControlStatusHistoryArgs>>;
  controlStatuses?: Resolver<ResolversTypes['AISystemControlStatusConnection'], ParentType, ContextType, Partial<AiSystemControlStatusesArgs>>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  frameworks?: Resolver<ResolversTypes['FrameworkConnection'], ParentType, ContextType, Partial<AiSystemFrameworksArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  purpose?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retiredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  riskLevel?: Resolver<ResolversTypes['RiskLevel'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['AISystemRole'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AiSystemConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AISystemConnection'] = ResolversParentTypes['AISystemConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AISystemEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AiSystemControlStatusResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AISystemControlStatus'] = ResolversParentTypes['AISystemControlStatus']> = {
  aiSystem?: Resolver<ResolversTypes['AISystem'], ParentType, ContextType>;
  comment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  control?: Resolver<ResolversTypes['Control'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ImplementationStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  updatedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AiSystemControlStatusConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AISystemControlStatusConnection'] = ResolversParentTypes['AISystemControlStatusConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AISystemControlStatusEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AiSystemControlStatusEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AISystemControlStatusEdge'] = ResolversParentTypes['AISystemControlStatusEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AISystemControlStatus'], ParentType, ContextType>;
};

export type AiSystemControlStatusSetPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AISystemControlStatusSetPayload'] = ResolversParentTypes['AISystemControlStatusSetPayload']> = {
  aiSystem?: Resolver<Maybe<ResolversTypes['AISystem']>, ParentType, ContextType>;
  change?: Resolver<Maybe<ResolversTypes['ControlStatusChange']>, ParentType, ContextType>;
  control?: Resolver<Maybe<ResolversTypes['Control']>, ParentType, ContextType>;
  controlStatus?: Resolver<Maybe<ResolversTypes['AISystemControlStatus']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type AiSystemDeletePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AISystemDeletePayload'] = ResolversParentTypes['AISystemDeletePayload']> = {
  deletedId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type AiSystemEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AISystemEdge'] = ResolversParentTypes['AISystemEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AISystem'], ParentType, ContextType>;
};

export type AiSystemPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AISystemPayload'] = ResolversParentTypes['AISystemPayload']> = {
  aiSystem?: Resolver<Maybe<ResolversTypes['AISystem']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ApiTokenResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ApiToken'] = ResolversParentTypes['ApiToken']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  fromEnvironment?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  revokedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  scopeAISystems?: Resolver<Maybe<Array<ResolversTypes['AISystem']>>, ParentType, ContextType>;
  scopeControls?: Resolver<Maybe<Array<ResolversTypes['Control']>>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ApiTokenConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ApiTokenConnection'] = ResolversParentTypes['ApiTokenConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ApiTokenEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ApiTokenEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ApiTokenEdge'] = ResolversParentTypes['ApiTokenEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ApiToken'], ParentType, ContextType>;
};

export type ApplicabilitySetPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ApplicabilitySetPayload'] = ResolversParentTypes['ApplicabilitySetPayload']> = {
  notApplicableMark?: Resolver<Maybe<ResolversTypes['NotApplicableMark']>, ParentType, ContextType>;
  requirement?: Resolver<Maybe<ResolversTypes['Requirement']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type AuditEntryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuditEntry'] = ResolversParentTypes['AuditEntry']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actorId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actorName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actorRole?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  after?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  before?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AuditOutcome'], ParentType, ContextType>;
  prevHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requestId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  targetIds?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AuditEntryConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuditEntryConnection'] = ResolversParentTypes['AuditEntryConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuditEntryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditEntryEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuditEntryEdge'] = ResolversParentTypes['AuditEntryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEntry'], ParentType, ContextType>;
};

export type AuditVerificationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuditVerification'] = ResolversParentTypes['AuditVerification']> = {
  entries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  firstBrokenSeq?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  headHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  intact?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type BaselineResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Baseline'] = ResolversParentTypes['Baseline']> = {
  applications?: Resolver<ResolversTypes['BaselineApplicationConnection'], ParentType, ContextType, RequireFields<BaselineApplicationsArgs, 'includeRetired'>>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  framework?: Resolver<ResolversTypes['Framework'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  profileRefId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  refId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requirementCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  requirements?: Resolver<ResolversTypes['RequirementConnection'], ParentType, ContextType, Partial<BaselineRequirementsArgs>>;
  sourceNote?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type BaselineApplicationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BaselineApplication'] = ResolversParentTypes['BaselineApplication']> = {
  aiSystem?: Resolver<Maybe<ResolversTypes['AISystem']>, ParentType, ContextType>;
  aiSystemId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retiredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  retiredBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type BaselineApplicationConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BaselineApplicationConnection'] = ResolversParentTypes['BaselineApplicationConnection']> = {
  edges?: Resolver<Array<ResolversTypes['BaselineApplicationEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type BaselineApplicationEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BaselineApplicationEdge'] = ResolversParentTypes['BaselineApplicationEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['BaselineApplication'], ParentType, ContextType>;
};

export type BaselineApplyPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BaselineApplyPayload'] = ResolversParentTypes['BaselineApplyPayload']> = {
  baseline?: Resolver<Maybe<ResolversTypes['Baseline']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type BaselineConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BaselineConnection'] = ResolversParentTypes['BaselineConnection']> = {
  edges?: Resolver<Array<ResolversTypes['BaselineEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type BaselineEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BaselineEdge'] = ResolversParentTypes['BaselineEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Baseline'], ParentType, ContextType>;
};

export type BlobIntegrityEventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BlobIntegrityEvent'] = ResolversParentTypes['BlobIntegrityEvent']> = {
  actorId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  detail?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['IntegrityCheckSource'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['BlobIntegrityStatus'], ParentType, ContextType>;
};

export type BlobProblemResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BlobProblem'] = ResolversParentTypes['BlobProblem']> = {
  actualSha256?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  evidenceCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sizeBytes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['BlobIntegrityStatus'], ParentType, ContextType>;
};

export type CatalogImportPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CatalogImportPayload'] = ResolversParentTypes['CatalogImportPayload']> = {
  report?: Resolver<Maybe<ResolversTypes['ImportReport']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ControlResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Control'] = ResolversParentTypes['Control']> = {
  aiSystemStatuses?: Resolver<ResolversTypes['AISystemControlStatusConnection'], ParentType, ContextType, Partial<ControlAiSystemStatusesArgs>>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  evidence?: Resolver<ResolversTypes['EvidenceConnection'], ParentType, ContextType, Partial<ControlEvidenceArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  implementationStatus?: Resolver<ResolversTypes['ImplementationStatus'], ParentType, ContextType>;
  mappings?: Resolver<ResolversTypes['MappingConnection'], ParentType, ContextType, RequireFields<ControlMappingsArgs, 'includeRetired'>>;
  owner?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  refId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requirements?: Resolver<ResolversTypes['RequirementConnection'], ParentType, ContextType, Partial<ControlRequirementsArgs>>;
  retiredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  statusHistory?: Resolver<ResolversTypes['ControlStatusChangeConnection'], ParentType, ContextType, Partial<ControlStatusHistoryArgs>>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['ControlType'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ControlConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ControlConnection'] = ResolversParentTypes['ControlConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ControlEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ControlDeletePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ControlDeletePayload'] = ResolversParentTypes['ControlDeletePayload']> = {
  deletedId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ControlEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ControlEdge'] = ResolversParentTypes['ControlEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Control'], ParentType, ContextType>;
};

export type ControlImpactResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ControlImpact'] = ResolversParentTypes['ControlImpact']> = {
  asOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  control?: Resolver<ResolversTypes['Control'], ParentType, ContextType>;
  frameworks?: Resolver<Array<ResolversTypes['FrameworkCoverageChange']>, ParentType, ContextType>;
  requirements?: Resolver<Array<ResolversTypes['RequirementStatusChange']>, ParentType, ContextType>;
  stateAfter?: Resolver<Maybe<ResolversTypes['ControlState']>, ParentType, ContextType>;
  stateBefore?: Resolver<Maybe<ResolversTypes['ControlState']>, ParentType, ContextType>;
  threats?: Resolver<Array<ResolversTypes['ThreatExposureChange']>, ParentType, ContextType>;
};

export type ControlPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ControlPayload'] = ResolversParentTypes['ControlPayload']> = {
  control?: Resolver<Maybe<ResolversTypes['Control']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ControlStatusChangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ControlStatusChange'] = ResolversParentTypes['ControlStatusChange']> = {
  aiSystem?: Resolver<Maybe<ResolversTypes['AISystem']>, ParentType, ContextType>;
  changedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  changedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  comment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fromStatus?: Resolver<Maybe<ResolversTypes['ImplementationStatus']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  toStatus?: Resolver<Maybe<ResolversTypes['ImplementationStatus']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ControlStatusChangeConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ControlStatusChangeConnection'] = ResolversParentTypes['ControlStatusChangeConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ControlStatusChangeEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ControlStatusChangeEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ControlStatusChangeEdge'] = ResolversParentTypes['ControlStatusChangeEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ControlStatusChange'], ParentType, ContextType>;
};

export type CoverageContributionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CoverageContribution'] = ResolversParentTypes['CoverageContribution']> = {
  control?: Resolver<ResolversTypes['Control'], ParentType, ContextType>;
  inferred?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MappingKind'], ParentType, ContextType>;
  mappedRequirement?: Resolver<ResolversTypes['Requirement'], ParentType, ContextType>;
  mapping?: Resolver<ResolversTypes['Mapping'], ParentType, ContextType>;
  path?: Resolver<Array<ResolversTypes['Requirement']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ControlState'], ParentType, ContextType>;
  steps?: Resolver<Array<ResolversTypes['CrosswalkStep']>, ParentType, ContextType>;
};

export type CoverageGapConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CoverageGapConnection'] = ResolversParentTypes['CoverageGapConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CoverageGapEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CoverageGapEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CoverageGapEdge'] = ResolversParentTypes['CoverageGapEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['RequirementCoverage'], ParentType, ContextType>;
};

export type CoverageReportResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CoverageReport'] = ResolversParentTypes['CoverageReport']> = {
  aiSystem?: Resolver<Maybe<ResolversTypes['AISystem']>, ParentType, ContextType>;
  asOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  frameworks?: Resolver<Array<ResolversTypes['FrameworkCoverage']>, ParentType, ContextType>;
  maxCrosswalkDepth?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totals?: Resolver<ResolversTypes['CoverageSummary'], ParentType, ContextType>;
  viaCrosswalks?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type CoverageSimulationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CoverageSimulation'] = ResolversParentTypes['CoverageSimulation']> = {
  asOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  controls?: Resolver<Array<ResolversTypes['SimulatedControlState']>, ParentType, ContextType>;
  frameworks?: Resolver<Array<ResolversTypes['FrameworkCoverageChange']>, ParentType, ContextType>;
  requirements?: Resolver<Array<ResolversTypes['RequirementStatusChange']>, ParentType, ContextType>;
  threats?: Resolver<Array<ResolversTypes['ThreatExposureChange']>, ParentType, ContextType>;
};

export type CoverageSnapshotResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CoverageSnapshot'] = ResolversParentTypes['CoverageSnapshot']> = {
  aiSystem?: Resolver<Maybe<ResolversTypes['AISystem']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  framework?: Resolver<ResolversTypes['Framework'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['CoverageSummary'], ParentType, ContextType>;
  viaCrosswalks?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type CoverageSnapshotConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CoverageSnapshotConnection'] = ResolversParentTypes['CoverageSnapshotConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CoverageSnapshotEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CoverageSnapshotEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CoverageSnapshotEdge'] = ResolversParentTypes['CoverageSnapshotEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CoverageSnapshot'], ParentType, ContextType>;
};

export type CoverageSnapshotRecordPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CoverageSnapshotRecordPayload'] = ResolversParentTypes['CoverageSnapshotRecordPayload']> = {
  snapshots?: Resolver<Maybe<Array<ResolversTypes['CoverageSnapshot']>>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type CoverageSummaryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CoverageSummary'] = ResolversParentTypes['CoverageSummary']> = {
  coverageRatio?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  covered?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  notApplicable?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  partial?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  uncovered?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CrosswalkStepResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CrosswalkStep'] = ResolversParentTypes['CrosswalkStep']> = {
  direction?: Resolver<ResolversTypes['LinkDirection'], ParentType, ContextType>;
  link?: Resolver<ResolversTypes['RequirementLink'], ParentType, ContextType>;
  relationship?: Resolver<ResolversTypes['Relationship'], ParentType, ContextType>;
  requirement?: Resolver<ResolversTypes['Requirement'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EvidenceResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Evidence'] = ResolversParentTypes['Evidence']> = {
  aiSystem?: Resolver<Maybe<ResolversTypes['AISystem']>, ParentType, ContextType>;
  collectedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  controls?: Resolver<ResolversTypes['ControlConnection'], ParentType, ContextType, Partial<EvidenceControlsArgs>>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  filename?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  integrity?: Resolver<Maybe<ResolversTypes['EvidenceIntegrity']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['EvidenceKind'], ParentType, ContextType>;
  mediaType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  provenance?: Resolver<Maybe<ResolversTypes['Provenance']>, ParentType, ContextType>;
  reviewComment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reviewedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  reviewedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reviews?: Resolver<Array<ResolversTypes['EvidenceReview']>, ParentType, ContextType>;
  sha256?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sizeBytes?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['EvidenceStatus'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  validUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type EvidenceAttachBulkPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EvidenceAttachBulkPayload'] = ResolversParentTypes['EvidenceAttachBulkPayload']> = {
  createdCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  failedCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  replayedCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  results?: Resolver<Maybe<Array<ResolversTypes['EvidenceAttachResult']>>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type EvidenceAttachPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EvidenceAttachPayload'] = ResolversParentTypes['EvidenceAttachPayload']> = {
  created?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  evidence?: Resolver<Maybe<ResolversTypes['Evidence']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type EvidenceAttachResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EvidenceAttachResult'] = ResolversParentTypes['EvidenceAttachResult']> = {
  created?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  evidence?: Resolver<Maybe<ResolversTypes['Evidence']>, ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type EvidenceConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EvidenceConnection'] = ResolversParentTypes['EvidenceConnection']> = {
  edges?: Resolver<Array<ResolversTypes['EvidenceEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type EvidenceEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EvidenceEdge'] = ResolversParentTypes['EvidenceEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Evidence'], ParentType, ContextType>;
};

export type EvidenceIntegrityResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EvidenceIntegrity'] = ResolversParentTypes['EvidenceIntegrity']> = {
  checkedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  checkedBy?: Resolver<Maybe<ResolversTypes['IntegrityCheckSource']>, ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['BlobIntegrityEvent']>, ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['BlobIntegrityStatus'], ParentType, ContextType>;
};

export type EvidenceIntegrityScanPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EvidenceIntegrityScanPayload'] = ResolversParentTypes['EvidenceIntegrityScanPayload']> = {
  checked?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  intact?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  problems?: Resolver<Maybe<Array<ResolversTypes['BlobProblem']>>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  unrecordedFiles?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type EvidencePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EvidencePayload'] = ResolversParentTypes['EvidencePayload']> = {
  evidence?: Resolver<Maybe<ResolversTypes['Evidence']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type EvidenceReviewResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EvidenceReview'] = ResolversParentTypes['EvidenceReview']> = {
  comment?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  provenance?: Resolver<Maybe<ResolversTypes['Provenance']>, ParentType, ContextType>;
  reviewedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  reviewedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['EvidenceStatus'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type EvidenceVerifyPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EvidenceVerifyPayload'] = ResolversParentTypes['EvidenceVerifyPayload']> = {
  evidence?: Resolver<Maybe<ResolversTypes['Evidence']>, ParentType, ContextType>;
  integrity?: Resolver<Maybe<ResolversTypes['EvidenceIntegrity']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ExpiringEvidenceResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ExpiringEvidence'] = ResolversParentTypes['ExpiringEvidence']> = {
  controls?: Resolver<Array<ResolversTypes['ExpiringEvidenceControl']>, ParentType, ContextType>;
  evidence?: Resolver<ResolversTypes['Evidence'], ParentType, ContextType>;
  frameworks?: Resolver<Array<ResolversTypes['FrameworkCoverageChange']>, ParentType, ContextType>;
  requirements?: Resolver<Array<ResolversTypes['RequirementStatusChange']>, ParentType, ContextType>;
  threats?: Resolver<Array<ResolversTypes['ThreatExposureChange']>, ParentType, ContextType>;
  validUntil?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ExpiringEvidenceConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ExpiringEvidenceConnection'] = ResolversParentTypes['ExpiringEvidenceConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ExpiringEvidenceEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ExpiringEvidenceControlResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ExpiringEvidenceControl'] = ResolversParentTypes['ExpiringEvidenceControl']> = {
  after?: Resolver<ResolversTypes['ControlState'], ParentType, ContextType>;
  before?: Resolver<ResolversTypes['ControlState'], ParentType, ContextType>;
  control?: Resolver<ResolversTypes['Control'], ParentType, ContextType>;
};

export type ExpiringEvidenceEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ExpiringEvidenceEdge'] = ResolversParentTypes['ExpiringEvidenceEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ExpiringEvidence'], ParentType, ContextType>;
};

export type ExportDocumentResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ExportDocument'] = ResolversParentTypes['ExportDocument']> = {
  byteLength?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  content?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  downloadUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  filename?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  mediaType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type FrameworkResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Framework'] = ResolversParentTypes['Framework']> = {
  aiSystems?: Resolver<ResolversTypes['AISystemConnection'], ParentType, ContextType, Partial<FrameworkAiSystemsArgs>>;
  baselines?: Resolver<ResolversTypes['BaselineConnection'], ParentType, ContextType, Partial<FrameworkBaselinesArgs>>;
  coverage?: Resolver<Maybe<ResolversTypes['FrameworkCoverage']>, ParentType, ContextType, RequireFields<FrameworkCoverageArgs, 'maxCrosswalkDepth' | 'viaCrosswalks'>>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['FrameworkKind'], ParentType, ContextType>;
  licenseNote?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  refId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requirements?: Resolver<ResolversTypes['RequirementConnection'], ParentType, ContextType, RequireFields<FrameworkRequirementsArgs, 'includeWithdrawn' | 'topLevelOnly'>>;
  retiredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  sourceNote?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  threats?: Resolver<ResolversTypes['ThreatConnection'], ParentType, ContextType, RequireFields<FrameworkThreatsArgs, 'topLevelOnly'>>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type FrameworkConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FrameworkConnection'] = ResolversParentTypes['FrameworkConnection']> = {
  edges?: Resolver<Array<ResolversTypes['FrameworkEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type FrameworkCoverageResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FrameworkCoverage'] = ResolversParentTypes['FrameworkCoverage']> = {
  coverageRatio?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  covered?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  framework?: Resolver<ResolversTypes['Framework'], ParentType, ContextType>;
  notApplicable?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  partial?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['CoverageStatus']>, ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['CoverageSummary'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  uncovered?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type FrameworkCoverageChangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FrameworkCoverageChange'] = ResolversParentTypes['FrameworkCoverageChange']> = {
  after?: Resolver<ResolversTypes['CoverageSummary'], ParentType, ContextType>;
  before?: Resolver<ResolversTypes['CoverageSummary'], ParentType, ContextType>;
  changed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  framework?: Resolver<ResolversTypes['Framework'], ParentType, ContextType>;
};

export type FrameworkDeletePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FrameworkDeletePayload'] = ResolversParentTypes['FrameworkDeletePayload']> = {
  deletedId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type FrameworkEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FrameworkEdge'] = ResolversParentTypes['FrameworkEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Framework'], ParentType, ContextType>;
};

export type FrameworkPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FrameworkPayload'] = ResolversParentTypes['FrameworkPayload']> = {
  framework?: Resolver<Maybe<ResolversTypes['Framework']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type GapReasonResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GapReason'] = ResolversParentTypes['GapReason']> = {
  code?: Resolver<ResolversTypes['GapReasonCode'], ParentType, ContextType>;
  controls?: Resolver<Array<ResolversTypes['CoverageContribution']>, ParentType, ContextType>;
};

export type ImportCountResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImportCount'] = ResolversParentTypes['ImportCount']> = {
  created?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retired?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unchanged?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updated?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ImportRejectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImportRejection'] = ResolversParentTypes['ImportRejection']> = {
  location?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ImportReportResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImportReport'] = ResolversParentTypes['ImportReport']> = {
  applied?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  baselines?: Resolver<Array<ResolversTypes['Baseline']>, ParentType, ContextType>;
  counts?: Resolver<Array<ResolversTypes['ImportCount']>, ParentType, ContextType>;
  dryRun?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['ImportFormat'], ParentType, ContextType>;
  frameworks?: Resolver<Array<ResolversTypes['Framework']>, ParentType, ContextType>;
  mode?: Resolver<ResolversTypes['ImportMode'], ParentType, ContextType>;
  nothingImported?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  rejected?: Resolver<Array<ResolversTypes['ImportRejection']>, ParentType, ContextType>;
  unresolved?: Resolver<Array<ResolversTypes['UnresolvedIds']>, ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['ImportWarning']>, ParentType, ContextType>;
};

export type ImportWarningResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImportWarning'] = ResolversParentTypes['ImportWarning']> = {
  location?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MappingResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mapping'] = ResolversParentTypes['Mapping']> = {
  control?: Resolver<ResolversTypes['Control'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  rationale?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  relationship?: Resolver<ResolversTypes['Relationship'], ParentType, ContextType>;
  requirement?: Resolver<ResolversTypes['Requirement'], ParentType, ContextType>;
  retiredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  retiredBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  revisions?: Resolver<Array<ResolversTypes['MappingRevision']>, ParentType, ContextType>;
  strength?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MappingConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MappingConnection'] = ResolversParentTypes['MappingConnection']> = {
  edges?: Resolver<Array<ResolversTypes['MappingEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MappingEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MappingEdge'] = ResolversParentTypes['MappingEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Mapping'], ParentType, ContextType>;
};

export type MappingPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MappingPayload'] = ResolversParentTypes['MappingPayload']> = {
  mapping?: Resolver<Maybe<ResolversTypes['Mapping']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type MappingRevisionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MappingRevision'] = ResolversParentTypes['MappingRevision']> = {
  changedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rationale?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  relationship?: Resolver<ResolversTypes['Relationship'], ParentType, ContextType>;
  strength?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  validFrom?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  _ping?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  aiSystemControlStatusSet?: Resolver<ResolversTypes['AISystemControlStatusSetPayload'], ParentType, ContextType, RequireFields<MutationAiSystemControlStatusSetArgs, 'input'>>;
  aiSystemCreate?: Resolver<ResolversTypes['AISystemPayload'], ParentType, ContextType, RequireFields<MutationAiSystemCreateArgs, 'input'>>;
  aiSystemDelete?: Resolver<ResolversTypes['AISystemDeletePayload'], ParentType, ContextType, RequireFields<MutationAiSystemDeleteArgs, 'input'>>;
  aiSystemFrameworkSet?: Resolver<ResolversTypes['AISystemPayload'], ParentType, ContextType, RequireFields<MutationAiSystemFrameworkSetArgs, 'input'>>;
  aiSystemUpdate?: Resolver<ResolversTypes['AISystemPayload'], ParentType, ContextType, RequireFields<MutationAiSystemUpdateArgs, 'input'>>;
  applicabilitySet?: Resolver<ResolversTypes['ApplicabilitySetPayload'], ParentType, ContextType, RequireFields<MutationApplicabilitySetArgs, 'input'>>;
  baselineApply?: Resolver<ResolversTypes['BaselineApplyPayload'], ParentType, ContextType, RequireFields<MutationBaselineApplyArgs, 'input'>>;
  catalogImport?: Resolver<ResolversTypes['CatalogImportPayload'], ParentType, ContextType, RequireFields<MutationCatalogImportArgs, 'input'>>;
  controlCreate?: Resolver<ResolversTypes['ControlPayload'], ParentType, ContextType, RequireFields<MutationControlCreateArgs, 'input'>>;
  controlDelete?: Resolver<ResolversTypes['ControlDeletePayload'], ParentType, ContextType, RequireFields<MutationControlDeleteArgs, 'input'>>;
  controlStatusSet?: Resolver<ResolversTypes['ControlPayload'], ParentType, ContextType, RequireFields<MutationControlStatusSetArgs, 'input'>>;
  controlUpdate?: Resolver<ResolversTypes['ControlPayload'], ParentType, ContextType, RequireFields<MutationControlUpdateArgs, 'input'>>;
  coverageSnapshotRecord?: Resolver<ResolversTypes['CoverageSnapshotRecordPayload'], ParentType, ContextType, RequireFields<MutationCoverageSnapshotRecordArgs, 'input'>>;
  evidenceAttach?: Resolver<ResolversTypes['EvidenceAttachPayload'], ParentType, ContextType, RequireFields<MutationEvidenceAttachArgs, 'input'>>;
  evidenceAttachBulk?: Resolver<ResolversTypes['EvidenceAttachBulkPayload'], ParentType, ContextType, RequireFields<MutationEvidenceAttachBulkArgs, 'input'>>;
  evidenceCreate?: Resolver<ResolversTypes['EvidencePayload'], ParentType, ContextType, RequireFields<MutationEvidenceCreateArgs, 'input'>>;
  evidenceIntegrityScan?: Resolver<ResolversTypes['EvidenceIntegrityScanPayload'], ParentType, ContextType, Partial<MutationEvidenceIntegrityScanArgs>>;
  evidenceReview?: Resolver<ResolversTypes['EvidencePayload'], ParentType, ContextType, RequireFields<MutationEvidenceReviewArgs, 'input'>>;
  evidenceVerify?: Resolver<ResolversTypes['EvidenceVerifyPayload'], ParentType, ContextType, RequireFields<MutationEvidenceVerifyArgs, 'input'>>;
  frameworkCreate?: Resolver<ResolversTypes['FrameworkPayload'], ParentType, ContextType, RequireFields<MutationFrameworkCreateArgs, 'input'>>;
  frameworkDelete?: Resolver<ResolversTypes['FrameworkDeletePayload'], ParentType, ContextType, RequireFields<MutationFrameworkDeleteArgs, 'input'>>;
  frameworkUpdate?: Resolver<ResolversTypes['FrameworkPayload'], ParentType, ContextType, RequireFields<MutationFrameworkUpdateArgs, 'input'>>;
  mappingCreate?: Resolver<ResolversTypes['MappingPayload'], ParentType, ContextType, RequireFields<MutationMappingCreateArgs, 'input'>>;
  mappingRetire?: Resolver<ResolversTypes['MappingPayload'], ParentType, ContextType, RequireFields<MutationMappingRetireArgs, 'input'>>;
  mappingUpdate?: Resolver<ResolversTypes['MappingPayload'], ParentType, ContextType, RequireFields<MutationMappingUpdateArgs, 'input'>>;
  requirementCreate?: Resolver<ResolversTypes['RequirementPayload'], ParentType, ContextType, RequireFields<MutationRequirementCreateArgs, 'input'>>;
  requirementDelete?: Resolver<ResolversTypes['RequirementDeletePayload'], ParentType, ContextType, RequireFields<MutationRequirementDeleteArgs, 'input'>>;
  requirementLinkCreate?: Resolver<ResolversTypes['RequirementLinkPayload'], ParentType, ContextType, RequireFields<MutationRequirementLinkCreateArgs, 'input'>>;
  requirementLinkRetire?: Resolver<ResolversTypes['RequirementLinkPayload'], ParentType, ContextType, RequireFields<MutationRequirementLinkRetireArgs, 'input'>>;
  requirementUpdate?: Resolver<ResolversTypes['RequirementPayload'], ParentType, ContextType, RequireFields<MutationRequirementUpdateArgs, 'input'>>;
  threatCreate?: Resolver<ResolversTypes['ThreatPayload'], ParentType, ContextType, RequireFields<MutationThreatCreateArgs, 'input'>>;
  threatDelete?: Resolver<ResolversTypes['ThreatDeletePayload'], ParentType, ContextType, RequireFields<MutationThreatDeleteArgs, 'input'>>;
  threatRequirementLink?: Resolver<ResolversTypes['ThreatRequirementLinkPayload'], ParentType, ContextType, RequireFields<MutationThreatRequirementLinkArgs, 'input'>>;
  threatUpdate?: Resolver<ResolversTypes['ThreatPayload'], ParentType, ContextType, RequireFields<MutationThreatUpdateArgs, 'input'>>;
  tokenCreate?: Resolver<ResolversTypes['TokenCreatePayload'], ParentType, ContextType, RequireFields<MutationTokenCreateArgs, 'input'>>;
  tokenRevoke?: Resolver<ResolversTypes['TokenRevokePayload'], ParentType, ContextType, RequireFields<MutationTokenRevokeArgs, 'input'>>;
};

export type NodeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = {
  __resolveType: TypeResolveFn<'AISystem' | 'ApiToken' | 'AuditEntry' | 'Baseline' | 'Control' | 'ControlStatusChange' | 'Evidence' | 'EvidenceReview' | 'Framework' | 'Mapping' | 'NotApplicableMark' | 'Requirement' | 'RequirementLink' | 'Threat', ParentType, ContextType>;
};

export type NotApplicableMarkResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['NotApplicableMark'] = ResolversParentTypes['NotApplicableMark']> = {
  aiSystem?: Resolver<Maybe<ResolversTypes['AISystem']>, ParentType, ContextType>;
  aiSystemId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  justification?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requirement?: Resolver<ResolversTypes['Requirement'], ParentType, ContextType>;
  retiredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  retiredBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type NotApplicableMarkConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['NotApplicableMarkConnection'] = ResolversParentTypes['NotApplicableMarkConnection']> = {
  edges?: Resolver<Array<ResolversTypes['NotApplicableMarkEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type NotApplicableMarkEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['NotApplicableMarkEdge'] = ResolversParentTypes['NotApplicableMarkEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['NotApplicableMark'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ProvenanceResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Provenance'] = ResolversParentTypes['Provenance']> = {
  claimed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  restoredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  restoredBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  restoredFrom?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  aiSystem?: Resolver<Maybe<ResolversTypes['AISystem']>, ParentType, ContextType, Partial<QueryAiSystemArgs>>;
  aiSystems?: Resolver<ResolversTypes['AISystemConnection'], ParentType, ContextType, Partial<QueryAiSystemsArgs>>;
  assessmentResults?: Resolver<Maybe<ResolversTypes['ExportDocument']>, ParentType, ContextType, RequireFields<QueryAssessmentResultsArgs, 'maxCrosswalkDepth' | 'viaCrosswalks'>>;
  auditLog?: Resolver<ResolversTypes['AuditEntryConnection'], ParentType, ContextType, Partial<QueryAuditLogArgs>>;
  auditVerify?: Resolver<ResolversTypes['AuditVerification'], ParentType, ContextType>;
  baseline?: Resolver<Maybe<ResolversTypes['Baseline']>, ParentType, ContextType, Partial<QueryBaselineArgs>>;
  baselines?: Resolver<ResolversTypes['BaselineConnection'], ParentType, ContextType, Partial<QueryBaselinesArgs>>;
  bundleExport?: Resolver<ResolversTypes['ExportDocument'], ParentType, ContextType>;
  control?: Resolver<Maybe<ResolversTypes['Control']>, ParentType, ContextType, Partial<QueryControlArgs>>;
  controlDomains?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  controlImpact?: Resolver<Maybe<ResolversTypes['ControlImpact']>, ParentType, ContextType, RequireFields<QueryControlImpactArgs, 'maxCrosswalkDepth' | 'viaCrosswalks'>>;
  controls?: Resolver<ResolversTypes['ControlConnection'], ParentType, ContextType, Partial<QueryControlsArgs>>;
  controlsExport?: Resolver<ResolversTypes['ExportDocument'], ParentType, ContextType>;
  coverage?: Resolver<Maybe<ResolversTypes['CoverageReport']>, ParentType, ContextType, RequireFields<QueryCoverageArgs, 'maxCrosswalkDepth' | 'viaCrosswalks'>>;
  coverageHistory?: Resolver<ResolversTypes['CoverageSnapshotConnection'], ParentType, ContextType, RequireFields<QueryCoverageHistoryArgs, 'frameworkId' | 'viaCrosswalks'>>;
  coverageReport?: Resolver<Maybe<ResolversTypes['ExportDocument']>, ParentType, ContextType, RequireFields<QueryCoverageReportArgs, 'format' | 'maxCrosswalkDepth' | 'viaCrosswalks'>>;
  coverageSimulation?: Resolver<Maybe<ResolversTypes['CoverageSimulation']>, ParentType, ContextType, RequireFields<QueryCoverageSimulationArgs, 'changes' | 'maxCrosswalkDepth' | 'viaCrosswalks'>>;
  evidence?: Resolver<ResolversTypes['EvidenceConnection'], ParentType, ContextType, Partial<QueryEvidenceArgs>>;
  evidenceExpiring?: Resolver<ResolversTypes['ExpiringEvidenceConnection'], ParentType, ContextType, RequireFields<QueryEvidenceExpiringArgs, 'within'>>;
  evidenceExport?: Resolver<ResolversTypes['ExportDocument'], ParentType, ContextType>;
  framework?: Resolver<Maybe<ResolversTypes['Framework']>, ParentType, ContextType, Partial<QueryFrameworkArgs>>;
  frameworks?: Resolver<ResolversTypes['FrameworkConnection'], ParentType, ContextType, Partial<QueryFrameworksArgs>>;
  gaps?: Resolver<ResolversTypes['CoverageGapConnection'], ParentType, ContextType, RequireFields<QueryGapsArgs, 'maxCrosswalkDepth' | 'viaCrosswalks'>>;
  linksExport?: Resolver<ResolversTypes['ExportDocument'], ParentType, ContextType, Partial<QueryLinksExportArgs>>;
  mappingsExport?: Resolver<ResolversTypes['ExportDocument'], ParentType, ContextType, Partial<QueryMappingsExportArgs>>;
  node?: Resolver<Maybe<ResolversTypes['Node']>, ParentType, ContextType, RequireFields<QueryNodeArgs, 'id'>>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['Node']>>, ParentType, ContextType, RequireFields<QueryNodesArgs, 'ids'>>;
  requirement?: Resolver<Maybe<ResolversTypes['Requirement']>, ParentType, ContextType, Partial<QueryRequirementArgs>>;
  requirementLinks?: Resolver<ResolversTypes['RequirementLinkConnection'], ParentType, ContextType, Partial<QueryRequirementLinksArgs>>;
  requirements?: Resolver<ResolversTypes['RequirementConnection'], ParentType, ContextType, Partial<QueryRequirementsArgs>>;
  threat?: Resolver<Maybe<ResolversTypes['Threat']>, ParentType, ContextType, Partial<QueryThreatArgs>>;
  threatExposure?: Resolver<ResolversTypes['ThreatExposureConnection'], ParentType, ContextType, RequireFields<QueryThreatExposureArgs, 'maxCrosswalkDepth' | 'viaCrosswalks'>>;
  threats?: Resolver<ResolversTypes['ThreatConnection'], ParentType, ContextType, Partial<QueryThreatsArgs>>;
  tokens?: Resolver<ResolversTypes['ApiTokenConnection'], ParentType, ContextType, RequireFields<QueryTokensArgs, 'includeRevoked'>>;
  viewer?: Resolver<ResolversTypes['Viewer'], ParentType, ContextType>;
};

export type RequirementResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Requirement'] = ResolversParentTypes['Requirement']> = {
  ancestors?: Resolver<Array<ResolversTypes['Requirement']>, ParentType, ContextType>;
  applicable?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType, Partial<RequirementApplicableArgs>>;
  children?: Resolver<ResolversTypes['RequirementConnection'], ParentType, ContextType, RequireFields<RequirementChildrenArgs, 'includeWithdrawn'>>;
  coverage?: Resolver<Maybe<ResolversTypes['RequirementCoverage']>, ParentType, ContextType, RequireFields<RequirementCoverageArgs, 'maxCrosswalkDepth' | 'viaCrosswalks'>>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  framework?: Resolver<ResolversTypes['Framework'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  links?: Resolver<ResolversTypes['RequirementLinkConnection'], ParentType, ContextType, RequireFields<RequirementLinksArgs, 'direction' | 'includeRetired'>>;
  mappings?: Resolver<ResolversTypes['MappingConnection'], ParentType, ContextType, RequireFields<RequirementMappingsArgs, 'includeRetired'>>;
  notApplicable?: Resolver<ResolversTypes['NotApplicableMarkConnection'], ParentType, ContextType, RequireFields<RequirementNotApplicableArgs, 'includeRetired'>>;
  parent?: Resolver<Maybe<ResolversTypes['Requirement']>, ParentType, ContextType>;
  refId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retiredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  sortOrder?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sourceId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  statement?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  threats?: Resolver<ResolversTypes['ThreatConnection'], ParentType, ContextType, Partial<RequirementThreatsArgs>>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  withdrawn?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type RequirementConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RequirementConnection'] = ResolversParentTypes['RequirementConnection']> = {
  edges?: Resolver<Array<ResolversTypes['RequirementEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RequirementCoverageResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RequirementCoverage'] = ResolversParentTypes['RequirementCoverage']> = {
  contributions?: Resolver<Array<ResolversTypes['CoverageContribution']>, ParentType, ContextType>;
  inferred?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  leaf?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reasons?: Resolver<Array<ResolversTypes['GapReason']>, ParentType, ContextType>;
  requirement?: Resolver<ResolversTypes['Requirement'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CoverageStatus'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['CoverageSummary'], ParentType, ContextType>;
  via?: Resolver<Maybe<ResolversTypes['CoverageContribution']>, ParentType, ContextType>;
};

export type RequirementDeletePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RequirementDeletePayload'] = ResolversParentTypes['RequirementDeletePayload']> = {
  deletedId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type RequirementEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RequirementEdge'] = ResolversParentTypes['RequirementEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Requirement'], ParentType, ContextType>;
};

export type RequirementLinkResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RequirementLink'] = ResolversParentTypes['RequirementLink']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rationale?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  relationship?: Resolver<ResolversTypes['Relationship'], ParentType, ContextType>;
  retiredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  retiredBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['Requirement'], ParentType, ContextType>;
  strength?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  target?: Resolver<ResolversTypes['Requirement'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type RequirementLinkConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RequirementLinkConnection'] = ResolversParentTypes['RequirementLinkConnection']> = {
  edges?: Resolver<Array<ResolversTypes['RequirementLinkEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RequirementLinkEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RequirementLinkEdge'] = ResolversParentTypes['RequirementLinkEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['RequirementLink'], ParentType, ContextType>;
};

export type RequirementLinkPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RequirementLinkPayload'] = ResolversParentTypes['RequirementLinkPayload']> = {
  requirementLink?: Resolver<Maybe<ResolversTypes['RequirementLink']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type RequirementPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RequirementPayload'] = ResolversParentTypes['RequirementPayload']> = {
  requirement?: Resolver<Maybe<ResolversTypes['Requirement']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type RequirementStatusChangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RequirementStatusChange'] = ResolversParentTypes['RequirementStatusChange']> = {
  after?: Resolver<ResolversTypes['CoverageStatus'], ParentType, ContextType>;
  before?: Resolver<ResolversTypes['CoverageStatus'], ParentType, ContextType>;
  leaf?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  requirement?: Resolver<ResolversTypes['Requirement'], ParentType, ContextType>;
};

export type SimulatedControlStateResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SimulatedControlState'] = ResolversParentTypes['SimulatedControlState']> = {
  after?: Resolver<ResolversTypes['ControlState'], ParentType, ContextType>;
  before?: Resolver<Maybe<ResolversTypes['ControlState']>, ParentType, ContextType>;
  control?: Resolver<ResolversTypes['Control'], ParentType, ContextType>;
};

export type ThreatResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Threat'] = ResolversParentTypes['Threat']> = {
  children?: Resolver<ResolversTypes['ThreatConnection'], ParentType, ContextType, Partial<ThreatChildrenArgs>>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  exposure?: Resolver<Maybe<ResolversTypes['ThreatExposure']>, ParentType, ContextType, RequireFields<ThreatExposureArgs, 'maxCrosswalkDepth' | 'viaCrosswalks'>>;
  framework?: Resolver<ResolversTypes['Framework'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Threat']>, ParentType, ContextType>;
  refId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requirements?: Resolver<ResolversTypes['RequirementConnection'], ParentType, ContextType, Partial<ThreatRequirementsArgs>>;
  retiredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ThreatConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ThreatConnection'] = ResolversParentTypes['ThreatConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ThreatEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ThreatDeletePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ThreatDeletePayload'] = ResolversParentTypes['ThreatDeletePayload']> = {
  deletedId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ThreatEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ThreatEdge'] = ResolversParentTypes['ThreatEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Threat'], ParentType, ContextType>;
};

export type ThreatExposureResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ThreatExposure'] = ResolversParentTypes['ThreatExposure']> = {
  coveredRequirements?: Resolver<Array<ResolversTypes['Requirement']>, ParentType, ContextType>;
  exposure?: Resolver<ResolversTypes['ThreatExposureLevel'], ParentType, ContextType>;
  partialRequirements?: Resolver<Array<ResolversTypes['Requirement']>, ParentType, ContextType>;
  requirements?: Resolver<Array<ResolversTypes['Requirement']>, ParentType, ContextType>;
  threat?: Resolver<ResolversTypes['Threat'], ParentType, ContextType>;
};

export type ThreatExposureChangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ThreatExposureChange'] = ResolversParentTypes['ThreatExposureChange']> = {
  after?: Resolver<ResolversTypes['ThreatExposureLevel'], ParentType, ContextType>;
  before?: Resolver<ResolversTypes['ThreatExposureLevel'], ParentType, ContextType>;
  threat?: Resolver<ResolversTypes['Threat'], ParentType, ContextType>;
};

export type ThreatExposureConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ThreatExposureConnection'] = ResolversParentTypes['ThreatExposureConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ThreatExposureEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ThreatExposureEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ThreatExposureEdge'] = ResolversParentTypes['ThreatExposureEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ThreatExposure'], ParentType, ContextType>;
};

export type ThreatPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ThreatPayload'] = ResolversParentTypes['ThreatPayload']> = {
  threat?: Resolver<Maybe<ResolversTypes['Threat']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ThreatRequirementLinkPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ThreatRequirementLinkPayload'] = ResolversParentTypes['ThreatRequirementLinkPayload']> = {
  requirement?: Resolver<Maybe<ResolversTypes['Requirement']>, ParentType, ContextType>;
  threat?: Resolver<Maybe<ResolversTypes['Threat']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type TokenCreatePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TokenCreatePayload'] = ResolversParentTypes['TokenCreatePayload']> = {
  secret?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  token?: Resolver<Maybe<ResolversTypes['ApiToken']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type TokenRevokePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TokenRevokePayload'] = ResolversParentTypes['TokenRevokePayload']> = {
  token?: Resolver<Maybe<ResolversTypes['ApiToken']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type UnresolvedIdsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['UnresolvedIds'] = ResolversParentTypes['UnresolvedIds']> = {
  frameworkRefId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ids?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['UnresolvedKind'], ParentType, ContextType>;
};

export type UserErrorResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = {
  code?: Resolver<ResolversTypes['UserErrorCode'], ParentType, ContextType>;
  field?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ViewerResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = {
  actorId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  token?: Resolver<Maybe<ResolversTypes['ApiToken']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = GraphQLContext> = {
  AISystem?: AiSystemResolvers<ContextType>;
  AISystemConnection?: AiSystemConnectionResolvers<ContextType>;
  AISystemControlStatus?: AiSystemControlStatusResolvers<ContextType>;
  AISystemControlStatusConnection?: AiSystemControlStatusConnectionResolvers<ContextType>;
  AISystemControlStatusEdge?: AiSystemControlStatusEdgeResolvers<ContextType>;
  AISystemControlStatusSetPayload?: AiSystemControlStatusSetPayloadResolvers<ContextType>;
  AISystemDeletePayload?: AiSystemDeletePayloadResolvers<ContextType>;
  AISystemEdge?: AiSystemEdgeResolvers<ContextType>;
  AISystemPayload?: AiSystemPayloadResolvers<ContextType>;
  ApiToken?: ApiTokenResolvers<ContextType>;
  ApiTokenConnection?: ApiTokenConnectionResolvers<ContextType>;
  ApiTokenEdge?: ApiTokenEdgeResolvers<ContextType>;
  ApplicabilitySetPayload?: ApplicabilitySetPayloadResolvers<ContextType>;
  AuditEntry?: AuditEntryResolvers<ContextType>;
  AuditEntryConnection?: AuditEntryConnectionResolvers<ContextType>;
  AuditEntryEdge?: AuditEntryEdgeResolvers<ContextType>;
  AuditVerification?: AuditVerificationResolvers<ContextType>;
  Baseline?: BaselineResolvers<ContextType>;
  BaselineApplication?: BaselineApplicationResolvers<ContextType>;
  BaselineApplicationConnection?: BaselineApplicationConnectionResolvers<ContextType>;
  BaselineApplicationEdge?: BaselineApplicationEdgeResolvers<ContextType>;
  BaselineApplyPayload?: BaselineApplyPayloadResolvers<ContextType>;
  BaselineConnection?: BaselineConnectionResolvers<ContextType>;
  BaselineEdge?: BaselineEdgeResolvers<ContextType>;
  BlobIntegrityEvent?: BlobIntegrityEventResolvers<ContextType>;
  BlobProblem?: BlobProblemResolvers<ContextType>;
  CatalogImportPayload?: CatalogImportPayloadResolvers<ContextType>;
  Control?: ControlResolvers<ContextType>;
  ControlConnection?: ControlConnectionResolvers<ContextType>;
  ControlDeletePayload?: ControlDeletePayloadResolvers<ContextType>;
  ControlEdge?: ControlEdgeResolvers<ContextType>;
  ControlImpact?: ControlImpactResolvers<ContextType>;
  ControlPayload?: ControlPayloadResolvers<ContextType>;
  ControlStatusChange?: ControlStatusChangeResolvers<ContextType>;
  ControlStatusChangeConnection?: ControlStatusChangeConnectionResolvers<ContextType>;
  ControlStatusChangeEdge?: ControlStatusChangeEdgeResolvers<ContextType>;
  CoverageContribution?: CoverageContributionResolvers<ContextType>;
  CoverageGapConnection?: CoverageGapConnectionResolvers<ContextType>;
  CoverageGapEdge?: CoverageGapEdgeResolvers<ContextType>;
  CoverageReport?: CoverageReportResolvers<ContextType>;
  CoverageSimulation?: CoverageSimulationResolvers<ContextType>;
  CoverageSnapshot?: CoverageSnapshotResolvers<ContextType>;
  CoverageSnapshotConnection?: CoverageSnapshotConnectionResolvers<ContextType>;
  CoverageSnapshotEdge?: CoverageSnapshotEdgeResolvers<ContextType>;
  CoverageSnapshotRecordPayload?: CoverageSnapshotRecordPayloadResolvers<ContextType>;
  CoverageSummary?: CoverageSummaryResolvers<ContextType>;
  CrosswalkStep?: CrosswalkStepResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Evidence?: EvidenceResolvers<ContextType>;
  EvidenceAttachBulkPayload?: EvidenceAttachBulkPayloadResolvers<ContextType>;
  EvidenceAttachPayload?: EvidenceAttachPayloadResolvers<ContextType>;
  EvidenceAttachResult?: EvidenceAttachResultResolvers<ContextType>;
  EvidenceConnection?: EvidenceConnectionResolvers<ContextType>;
  EvidenceEdge?: EvidenceEdgeResolvers<ContextType>;
  EvidenceIntegrity?: EvidenceIntegrityResolvers<ContextType>;
  EvidenceIntegrityScanPayload?: EvidenceIntegrityScanPayloadResolvers<ContextType>;
  EvidencePayload?: EvidencePayloadResolvers<ContextType>;
  EvidenceReview?: EvidenceReviewResolvers<ContextType>;
  EvidenceVerifyPayload?: EvidenceVerifyPayloadResolvers<ContextType>;
  ExpiringEvidence?: ExpiringEvidenceResolvers<ContextType>;
  ExpiringEvidenceConnection?: ExpiringEvidenceConnectionResolvers<ContextType>;
  ExpiringEvidenceControl?: ExpiringEvidenceControlResolvers<ContextType>;
  ExpiringEvidenceEdge?: ExpiringEvidenceEdgeResolvers<ContextType>;
  ExportDocument?: ExportDocumentResolvers<ContextType>;
  Framework?: FrameworkResolvers<ContextType>;
  FrameworkConnection?: FrameworkConnectionResolvers<ContextType>;
  FrameworkCoverage?: FrameworkCoverageResolvers<ContextType>;
  FrameworkCoverageChange?: FrameworkCoverageChangeResolvers<ContextType>;
  FrameworkDeletePayload?: FrameworkDeletePayloadResolvers<ContextType>;
  FrameworkEdge?: FrameworkEdgeResolvers<ContextType>;
  FrameworkPayload?: FrameworkPayloadResolvers<ContextType>;
  GapReason?: GapReasonResolvers<ContextType>;
  ImportCount?: ImportCountResolvers<ContextType>;
  ImportRejection?: ImportRejectionResolvers<ContextType>;
  ImportReport?: ImportReportResolvers<ContextType>;
  ImportWarning?: ImportWarningResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Mapping?: MappingResolvers<ContextType>;
  MappingConnection?: MappingConnectionResolvers<ContextType>;
  MappingEdge?: MappingEdgeResolvers<ContextType>;
  MappingPayload?: MappingPayloadResolvers<ContextType>;
  MappingRevision?: MappingRevisionResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  NotApplicableMark?: NotApplicableMarkResolvers<ContextType>;
  NotApplicableMarkConnection?: NotApplicableMarkConnectionResolvers<ContextType>;
  NotApplicableMarkEdge?: NotApplicableMarkEdgeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Provenance?: ProvenanceResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Requirement?: RequirementResolvers<ContextType>;
  RequirementConnection?: RequirementConnectionResolvers<ContextType>;
  RequirementCoverage?: RequirementCoverageResolvers<ContextType>;
  RequirementDeletePayload?: RequirementDeletePayloadResolvers<ContextType>;
  RequirementEdge?: RequirementEdgeResolvers<ContextType>;
  RequirementLink?: RequirementLinkResolvers<ContextType>;
  RequirementLinkConnection?: RequirementLinkConnectionResolvers<ContextType>;
  RequirementLinkEdge?: RequirementLinkEdgeResolvers<ContextType>;
  RequirementLinkPayload?: RequirementLinkPayloadResolvers<ContextType>;
  RequirementPayload?: RequirementPayloadResolvers<ContextType>;
  RequirementStatusChange?: RequirementStatusChangeResolvers<ContextType>;
  SimulatedControlState?: SimulatedControlStateResolvers<ContextType>;
  Threat?: ThreatResolvers<ContextType>;
  ThreatConnection?: ThreatConnectionResolvers<ContextType>;
  ThreatDeletePayload?: ThreatDeletePayloadResolvers<ContextType>;
  ThreatEdge?: ThreatEdgeResolvers<ContextType>;
  ThreatExposure?: ThreatExposureResolvers<ContextType>;
  ThreatExposureChange?: ThreatExposureChangeResolvers<ContextType>;
  ThreatExposureConnection?: ThreatExposureConnectionResolvers<ContextType>;
  ThreatExposureEdge?: ThreatExposureEdgeResolvers<ContextType>;
  ThreatPayload?: ThreatPayloadResolvers<ContextType>;
  ThreatRequirementLinkPayload?: ThreatRequirementLinkPayloadResolvers<ContextType>;
  TokenCreatePayload?: TokenCreatePayloadResolvers<ContextType>;
  TokenRevokePayload?: TokenRevokePayloadResolvers<ContextType>;
  UnresolvedIds?: UnresolvedIdsResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
};

