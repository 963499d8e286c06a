/**
 * The values behind the coverage types (codegen `mappers`): the engine's results as the
 * coverage service returns them; resolvers load the objects they name through DataLoaders.
 */
import type {
  Contribution,
  CrosswalkStep,
  GapReasonCode,
  RequirementCoverage,
  RequirementStatusChange,
  ThreatExposure,
  ThreatExposureChange,
} from '../../domain/coverage/index.js';
import type { CoverageSnapshotRow } from '../../services/coverage-service.js';
import type {
  ControlImpactAnswer,
  CoverageAnswer,
  EvidenceExpiryAnswer,
  ExpiringEvidenceItem,
  FrameworkCoverageWithRow,
  FrameworkSummaryComparison,
  SimulationAnswer,
} from '../../services/coverage-answer.js';
import type { ConnectionModel } from '../models.js';

export type CoverageReportModel = CoverageAnswer;
export type FrameworkCoverageModel = FrameworkCoverageWithRow;
export type RequirementCoverageModel = RequirementCoverage;
export type CoverageContributionModel = Contribution;
export type CrosswalkStepModel = CrosswalkStep;
/** A reason with the full contributions of the controls it names. */
export interface GapReasonModel {
  code: GapReasonCode;
  controls: Contribution[];
}
export type CoverageGapConnectionModel = ConnectionModel<RequirementCoverage>;
export type ThreatExposureModel = ThreatExposure;
export type ThreatExposureConnectionModel = ConnectionModel<ThreatExposure>;
export type RequirementStatusChangeModel = RequirementStatusChange;
export type ThreatExposureChangeModel = ThreatExposureChange;
export type FrameworkCoverageChangeModel = FrameworkSummaryComparison;
export type ControlImpactModel = ControlImpactAnswer & { at: number };
export type SimulatedControlStateModel = SimulationAnswer['controls'][number];
export type CoverageSimulationModel = SimulationAnswer & { at: number };
export type CoverageSnapshotModel = CoverageSnapshotRow;
export type CoverageSnapshotConnectionModel = ConnectionModel<CoverageSnapshotRow>;
export type ExpiringEvidenceModel = ExpiringEvidenceItem;
export type ExpiringEvidenceControlModel = EvidenceExpiryAnswer['controls'][number];
export type ExpiringEvidenceConnectionModel = ConnectionModel<ExpiringEvidenceItem>;
