/**
 * The values behind the coverage types (codegen `mappers`): the engine's results as the
 * coverage service returns them; resolvers load the objects they name through DataLoaders.
 */
import type {
  Contribution,
  FrameworkCoverage,
  GapReasonCode,
  RequirementCoverage,
  RequirementStatusChange,
  ThreatExposure,
} from '../../domain/coverage/index.js';
import type { CoverageSnapshotRow } from '../../db/repositories/coverage-repository.js';
import type { FrameworkRow } from '../../db/rows.js';
import type {
  ControlImpactAnswer,
  CoverageAnswer,
  FrameworkSummaryComparison,
  SimulationAnswer,
} from '../../services/coverage-answer.js';
import type { ConnectionModel } from '../models.js';

export type CoverageReportModel = CoverageAnswer;
/** With the framework row when the coverage answer has it (it always does; the loader is the fallback). */
export type FrameworkCoverageModel = FrameworkCoverage & { readonly frameworkRow?: FrameworkRow | null };
export type RequirementCoverageModel = RequirementCoverage;
export type CoverageContributionModel = Contribution;
/** A reason with the full contributions of the controls it names. */
export interface GapReasonModel {
  code: GapReasonCode;
  controls: Contribution[];
}
export type CoverageGapConnectionModel = ConnectionModel<RequirementCoverage>;
export type ThreatExposureModel = ThreatExposure;
export type ThreatExposureConnectionModel = ConnectionModel<ThreatExposure>;
export type RequirementStatusChangeModel = RequirementStatusChange;
export interface ThreatExposureChangeModel {
  threatId: number;
  before: ThreatExposure['exposure'];
  after: ThreatExposure['exposure'];
}
export type FrameworkCoverageChangeModel = FrameworkSummaryComparison;
export type ControlImpactModel = ControlImpactAnswer & { at: number };
export interface SimulatedControlStateModel {
  controlId: number;
  before: Contribution['state'] | null;
  after: Contribution['state'];
}
export type CoverageSimulationModel = SimulationAnswer & { at: number };
export type CoverageSnapshotModel = CoverageSnapshotRow;
export type CoverageSnapshotConnectionModel = ConnectionModel<CoverageSnapshotRow>;
