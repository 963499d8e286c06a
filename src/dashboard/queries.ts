/**
 * The GraphQL operations the dashboard sends: plain public queries, the same a user could write in
 * the explorer (docs/dashboard.md lists them), so page and API cannot disagree. The e2e tests send
 * the same documents and compare the page with the answers.
 */

export type CoverageStatus = 'COVERED' | 'PARTIAL' | 'UNCOVERED' | 'NOT_APPLICABLE';
export type ControlState = 'EFFECTIVE' | 'NOT_IMPLEMENTED' | 'NOT_APPLICABLE' | 'EVIDENCE_MISSING' | 'EVIDENCE_EXPIRED' | 'EVIDENCE_PENDING_REVIEW';
export type GapReasonCode = 'NO_MAPPING' | 'ONLY_PARTIAL' | 'CONTROL_NOT_IMPLEMENTED' | 'EVIDENCE_MISSING' | 'EVIDENCE_EXPIRED' | 'EVIDENCE_PENDING_REVIEW';

export interface Page<N> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: N }[];
}

export interface Summary {
  total: number;
  covered: number;
  partial: number;
  uncovered: number;
  notApplicable: number;
  coverageRatio: number | null;
}

export interface ControlRef {
  id: string;
  refId: string;
  title: string;
}

export interface RequirementRef {
  id: string;
  refId: string;
  title: string;
}

export const VIEWER = `query DashboardViewer { viewer { name role } }`;
export interface ViewerData {
  viewer: { name: string; role: string };
}

export const AI_SYSTEMS = `query DashboardAiSystems($after: String) {
  aiSystems(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id name riskLevel } }
  }
}`;
export interface AiSystem {
  id: string;
  name: string;
  riskLevel: string;
}
export interface AiSystemsData {
  aiSystems: Page<AiSystem>;
}

const SUMMARY = 'total covered partial uncovered notApplicable coverageRatio';

export const COVERAGE = `query DashboardCoverage($scope: CoverageScope) {
  coverage(scope: $scope) {
    asOf
    aiSystem { id name }
    frameworks { framework { id refId name } status ${SUMMARY} }
    totals { ${SUMMARY} }
  }
}`;
export interface FrameworkCoverage extends Summary {
  framework: { id: string; refId: string; name: string };
  status: CoverageStatus | null;
}
export interface CoverageData {
  coverage: {
    asOf: string;
    aiSystem: { id: string; name: string } | null;
    frameworks: FrameworkCoverage[];
    totals: Summary;
  } | null;
}

const CONTRIBUTION = 'control { id refId title } state kind inferred';

export const GAPS = `query DashboardGaps($filter: GapFilter, $after: String) {
  gaps(filter: $filter, first: 20, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      requirement { id refId title }
      status
      reasons { code controls { ${CONTRIBUTION} } }
    } }
  }
}`;
export interface Contribution {
  control: ControlRef;
  state: ControlState;
  kind: 'FULL' | 'PARTIAL';
  inferred: boolean;
}
export interface GapReason {
  code: GapReasonCode;
  controls: Contribution[];
}
export interface Gap {
  requirement: RequirementRef;
  status: CoverageStatus;
  reasons: GapReason[];
}
export interface GapsData {
  gaps: Page<Gap>;
}

export const EXPLANATION = `query DashboardExplanation($id: ID!, $scope: CoverageScope) {
  requirement(id: $id) {
    id refId title statement
    framework { refId name }
    coverage(scope: $scope) {
      status leaf inferred
      summary { ${SUMMARY} }
      via { ${CONTRIBUTION} }
      reasons { code controls { ${CONTRIBUTION} } }
      contributions {
        ${CONTRIBUTION}
        path { refId framework { refId } }
        steps { relationship direction requirement { refId framework { refId } } }
        mappedRequirement { refId }
        mapping { relationship }
      }
    }
  }
}`;
export interface ExplainedContribution extends Contribution {
  path: { refId: string; framework: { refId: string } }[];
  steps: { relationship: string; direction: 'FORWARD' | 'INVERSE'; requirement: { refId: string; framework: { refId: string } } }[];
  mappedRequirement: { refId: string };
  mapping: { relationship: string };
}
export interface ExplanationData {
  requirement: {
    id: string;
    refId: string;
    title: string;
    statement: string;
    framework: { refId: string; name: string };
    coverage: {
      status: CoverageStatus;
      leaf: boolean;
      inferred: boolean;
      summary: Summary;
      via: Contribution | null;
      reasons: GapReason[];
      contributions: ExplainedContribution[];
    } | null;
  } | null;
}

export const TREND = `query DashboardTrend($frameworkId: ID!, $scope: CoverageScope, $from: DateTime, $after: String) {
  coverageHistory(frameworkId: $frameworkId, scope: $scope, from: $from, first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { at summary { ${SUMMARY} } } }
  }
}`;
export interface Snapshot {
  at: string;
  summary: Summary;
}
export interface TrendData {
  coverageHistory: Page<Snapshot>;
}

export const EXPIRING = `query DashboardExpiring($scope: CoverageScope, $after: String) {
  evidenceExpiring(within: "30d", scope: $scope, first: 20, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      evidence { id title kind }
      validUntil
      controls { control { id refId title } before after }
      requirements { requirement { id refId title framework { refId } } leaf before after }
      frameworks { framework { id refId name } before { ${SUMMARY} } after { ${SUMMARY} } changed }
    } }
  }
}`;
export interface StatusChange {
  requirement: RequirementRef & { framework: { refId: string } };
  leaf: boolean;
  before: CoverageStatus;
  after: CoverageStatus;
}
export interface FrameworkChange {
  framework: { id: string; refId: string; name: string };
  before: Summary;
  after: Summary;
  changed: boolean;
}
export interface Expiring {
  evidence: { id: string; title: string; kind: string };
  validUntil: string;
  controls: { control: ControlRef; before: ControlState; after: ControlState }[];
  requirements: StatusChange[];
  frameworks: FrameworkChange[];
}
export interface ExpiringData {
  evidenceExpiring: Page<Expiring>;
}

export const CONTROLS = `query DashboardControls($after: String) {
  controls(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id refId title } }
  }
}`;
export interface ControlsData {
  controls: Page<ControlRef>;
}

export const CONTROL_IMPACT = `query DashboardControlImpact($controlId: ID!, $scope: CoverageScope) {
  controlImpact(controlId: $controlId, scope: $scope) {
    control { refId title }
    stateBefore stateAfter
    requirements { requirement { id refId title framework { refId } } leaf before after }
    frameworks { framework { id refId name } before { ${SUMMARY} } after { ${SUMMARY} } changed }
  }
}`;
export interface ControlImpactData {
  controlImpact: {
    control: { refId: string; title: string };
    stateBefore: ControlState | null;
    stateAfter: ControlState | null;
    requirements: StatusChange[];
    frameworks: FrameworkChange[];
  } | null;
}
