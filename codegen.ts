import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Generates resolver signatures from schema/*.graphql into src/graphql/generated/.
 * `npm run codegen` rewrites it; CI fails when the committed file differs (`npm run codegen:check`).
 * Object types are backed by database rows (mappers), so resolvers return rows and field
 * resolvers derive the rest.
 */
/** GraphQL object types backed by rows; types not declared yet in schema/ are ignored. */
const mappers: Record<string, string> = {
  Framework: '../models.js#FrameworkRow',
  FrameworkConnection: '../models.js#FrameworkConnectionModel',
  Requirement: '../models.js#RequirementRow',
  RequirementConnection: '../models.js#RequirementConnectionModel',
  Control: '../models.js#ControlRow',
  ControlConnection: '../models.js#ControlConnectionModel',
  ControlStatusChange: '../models.js#ControlStatusChangeRow',
  ControlStatusChangeConnection: '../models.js#ControlStatusChangeConnectionModel',
  Mapping: '../models.js#MappingRow',
  MappingConnection: '../models.js#MappingConnectionModel',
  RequirementLink: '../models.js#RequirementLinkRow',
  RequirementLinkConnection: '../models.js#RequirementLinkConnectionModel',
  Evidence: '../models.js#EvidenceRow',
  EvidenceConnection: '../models.js#EvidenceConnectionModel',
  EvidenceReview: '../models.js#EvidenceReviewRow',
  AISystem: '../models.js#AiSystemRow',
  AISystemConnection: '../models.js#AISystemConnectionModel',
  AISystemControlStatus: '../models.js#AiSystemControlStatusRow',
  AISystemControlStatusConnection: '../models.js#AISystemControlStatusConnectionModel',
  NotApplicableMark: '../models.js#NotApplicableMarkRow',
  NotApplicableMarkConnection: '../models.js#NotApplicableMarkConnectionModel',
  Threat: '../models.js#ThreatRow',
  ThreatConnection: '../models.js#ThreatConnectionModel',
  ApiToken: '../models.js#ApiTokenRow',
  ApiTokenConnection: '../models.js#ApiTokenConnectionModel',
  AuditEntry: '../models.js#AuditRow',
  AuditEntryConnection: '../models.js#AuditEntryConnectionModel',
  CoverageReport: '../coverage/models.js#CoverageReportModel',
  FrameworkCoverage: '../coverage/models.js#FrameworkCoverageModel',
  RequirementCoverage: '../coverage/models.js#RequirementCoverageModel',
  CoverageContribution: '../coverage/models.js#CoverageContributionModel',
  CrosswalkStep: '../coverage/models.js#CrosswalkStepModel',
  GapReason: '../coverage/models.js#GapReasonModel',
  CoverageGapConnection: '../coverage/models.js#CoverageGapConnectionModel',
  ThreatExposure: '../coverage/models.js#ThreatExposureModel',
  ThreatExposureConnection: '../coverage/models.js#ThreatExposureConnectionModel',
  RequirementStatusChange: '../coverage/models.js#RequirementStatusChangeModel',
  ThreatExposureChange: '../coverage/models.js#ThreatExposureChangeModel',
  FrameworkCoverageChange: '../coverage/models.js#FrameworkCoverageChangeModel',
  ControlImpact: '../coverage/models.js#ControlImpactModel',
  SimulatedControlState: '../coverage/models.js#SimulatedControlStateModel',
  CoverageSimulation: '../coverage/models.js#CoverageSimulationModel',
  CoverageSnapshot: '../coverage/models.js#CoverageSnapshotModel',
  ExpiringEvidence: '../coverage/models.js#ExpiringEvidenceModel',
  ExpiringEvidenceControl: '../coverage/models.js#ExpiringEvidenceControlModel',
  ExpiringEvidenceConnection: '../coverage/models.js#ExpiringEvidenceConnectionModel',
  CoverageSnapshotConnection: '../coverage/models.js#CoverageSnapshotConnectionModel',
  Baseline: '../models.js#BaselineRow',
  BaselineConnection: '../models.js#BaselineConnectionModel',
  BaselineApplication: '../models.js#BaselineApplicationRow',
  BaselineApplicationConnection: '../models.js#BaselineApplicationConnectionModel',
  ImportReport: '../../services/import-service.js#ImportReport',
  ExportDocument: '../../services/export-service.js#StoredExport',
  Viewer: '../models.js#ViewerModel',
  PageInfo: '../models.js#PageInfoModel',
  UserError: '../models.js#UserErrorModel',
};

const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  generates: {
    'src/graphql/generated/resolvers-types.ts': {
      plugins: [
        'typescript',
        'typescript-resolvers',
      ],
      config: {
        useTypeImports: true,
        useIndexSignature: false,
        enumsAsTypes: true,
        immutableTypes: false,
        contextType: '../context.js#GraphQLContext',
        mapperTypeSuffix: 'Model',
        mappers,
        scalars: { DateTime: 'Date', ID: 'string', JSON: 'unknown' },
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        maybeValue: 'T | null',
        inputMaybeValue: 'T | null | undefined',
      },
    },
  },
  hooks: {},
};

export default config;
