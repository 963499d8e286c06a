/** The coverage domain: schema/coverage.graphql (the engine is src/domain/coverage). */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeLoader } from '../node.js';
import { coverage } from './Query.coverage.js';
import { gaps } from './Query.gaps.js';
import { threatExposure } from './Query.threatExposure.js';
import { controlImpact } from './Query.controlImpact.js';
import { coverageSimulation } from './Query.coverageSimulation.js';
import { coverageHistory } from './Query.coverageHistory.js';
import { coverageSnapshotRecord } from './Mutation.coverageSnapshotRecord.js';
import { coverage as frameworkCoverage } from './Framework.coverage.js';
import { coverage as requirementCoverage } from './Requirement.coverage.js';
import { exposure as threatExposureField } from './Threat.exposure.js';
import { CoverageReport } from './CoverageReport.js';
import { FrameworkCoverage } from './FrameworkCoverage.js';
import { RequirementCoverage } from './RequirementCoverage.js';
import { CoverageContribution } from './CoverageContribution.js';
import { CrosswalkStep } from './CrosswalkStep.js';
import { GapReason } from './GapReason.js';
import { ThreatExposure } from './ThreatExposure.js';
import { ControlImpact } from './ControlImpact.js';
import { RequirementStatusChange } from './RequirementStatusChange.js';
import { ThreatExposureChange } from './ThreatExposureChange.js';
import { FrameworkCoverageChange } from './FrameworkCoverageChange.js';
import { CoverageSimulation, SimulatedControlState } from './CoverageSimulation.js';
import { CoverageSnapshot } from './CoverageSnapshot.js';
import { evidenceExpiring } from './Query.evidenceExpiring.js';
import { ExpiringEvidence, ExpiringEvidenceControl } from './ExpiringEvidence.js';

export const resolvers: Resolvers = {
  Query: { coverage, gaps, threatExposure, controlImpact, coverageSimulation, coverageHistory, evidenceExpiring },
  Mutation: { coverageSnapshotRecord },
  Framework: { coverage: frameworkCoverage },
  Requirement: { coverage: requirementCoverage },
  Threat: { exposure: threatExposureField },
  CoverageReport,
  FrameworkCoverage,
  RequirementCoverage,
  CoverageContribution,
  CrosswalkStep,
  GapReason,
  ThreatExposure,
  ControlImpact,
  RequirementStatusChange,
  ThreatExposureChange,
  FrameworkCoverageChange,
  CoverageSimulation,
  SimulatedControlState,
  CoverageSnapshot,
  ExpiringEvidence,
  ExpiringEvidenceControl,
};

/** Coverage objects have no global ids. */
export const nodeLoaders: NodeLoader[] = [];
