/**
 * Prometheus metrics (prom-client), one registry per server instance.
 *
 * - Process and Node.js defaults (`process_*`, `nodejs_*`).
 * - HTTP: `crosswalk_http_request_duration_seconds{method,route,status}` (route: the route
 *   pattern, never the raw path), `crosswalk_http_requests_in_flight`.
 * - GraphQL: `crosswalk_graphql_operations_total{type,outcome}`,
 *   `crosswalk_graphql_operations_by_name_total{name,type}` (names are chosen by clients: the first
 *   MAX_OPERATION_NAMES distinct ones are kept, later ones count as `other`),
 *   `crosswalk_graphql_query_cost` (histogram of the requested cost), and
 *   `crosswalk_refusals_total{code}` (every answer refused with an error code: 401, 403, 429,
 *   cost, validation …).
 * - Dashboard gauges, set by {@link FiguresRefresher} when the data changes (never at scrape time):
 *   coverage per framework and scope, controls by state, evidence by status and expiring within
 *   7 and 30 days, threats by exposure, the audit chain's head and verification.
 *
 * Scope labels: `scope="organisation"` (ai_system="") or `scope="ai_system"` with the AI
 * system's name in `ai_system`; `framework` is the framework's refId.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CoverageFigures } from '../services/operations-figures.js';
import type { EvidenceStatus } from '../domain/vocabulary.js';
import type { AuditVerification } from '../services/audit-trail.js';

/** Distinct client-chosen operation names kept as labels; later ones count as `other`. */
export const MAX_OPERATION_NAMES = 50;
/** Longer client-chosen names count as `other` (a label is kept and exposed on every scrape). */
export const MAX_OPERATION_NAME_LENGTH = 64;
export const OTHER_OPERATION = 'other';
export const ANONYMOUS_OPERATION = 'anonymous';

/** Windows of the evidence-expiring gauge, label → milliseconds. */
export const EXPIRING_WINDOWS = { '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;

const scopeLabels = (aiSystemName: string | null) => ({ scope: aiSystemName === null ? 'organisation' : 'ai_system', ai_system: aiSystemName ?? '' });

export class Metrics {
  readonly registry = new Registry();
  private readonly names = new Set<string>();

  readonly httpDuration = new Histogram({
    name: 'crosswalk_http_request_duration_seconds',
    help: 'HTTP request duration, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly inFlight = new Gauge({ name: 'crosswalk_http_requests_in_flight', help: 'HTTP requests being served', registers: [this.registry] });
  readonly operations = new Counter({
    name: 'crosswalk_graphql_operations_total',
    help: 'GraphQL operations by type (query, mutation, unknown) and outcome (success, error)',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly operationsByName = new Counter({
    name: 'crosswalk_graphql_operations_by_name_total',
    help: `GraphQL operations by operation name (the first ${MAX_OPERATION_NAMES} distinct names; later ones as "${OTHER_OPERATION}") and type`,
    labelNames: ['name', 'type'] as const,
    registers: [this.registry],
  });
  readonly cost = new Histogram({
    name: 'crosswalk_graphql_query_cost',
    help: 'Requested query cost of GraphQL operations (extensions.cost.requestedQueryCost)',
    buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
    registers: [this.registry],
  });
  readonly refusals = new Counter({
    name: 'crosswalk_refusals_total',
    help: 'Requests and GraphQL operations refused, by error code (UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, QUERY_COST_EXCEEDED, BAD_USER_INPUT …)',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  private readonly requirements = new Gauge({
    name: 'crosswalk_coverage_requirements',
    help: 'Leaf requirements of a framework in a scope, by coverage status (covered, partial, uncovered, not_applicable)',
    labelNames: ['framework', 'scope', 'ai_system', 'status'] as const,
    registers: [this.registry],
  });
  private readonly requirementsCount = new Gauge({
    name: 'crosswalk_coverage_requirements_count',
    help: 'Leaf requirements of a framework in a scope (all statuses)',
    labelNames: ['framework', 'scope', 'ai_system'] as const,
    registers: [this.registry],
  });
  private readonly ratio = new Gauge({
    name: 'crosswalk_coverage_ratio',
    help: 'covered / (total - not applicable) of a framework in a scope; absent when every leaf is not applicable',
    labelNames: ['framework', 'scope', 'ai_system'] as const,
    registers: [this.registry],
  });
  private readonly controls = new Gauge({
    name: 'crosswalk_controls',
    help: 'Controls by state in a scope (EFFECTIVE, NOT_IMPLEMENTED, EVIDENCE_MISSING …)',
    labelNames: ['scope', 'ai_system', 'state'] as const,
    registers: [this.registry],
  });
  private readonly threats = new Gauge({
    name: 'crosswalk_threats',
    help: 'Threats by exposure in a scope (ADDRESSED, PARTIALLY_ADDRESSED, EXPOSED)',
    labelNames: ['scope', 'ai_system', 'exposure'] as const,
    registers: [this.registry],
  });
  private readonly figuresAt = new Gauge({
    name: 'crosswalk_coverage_evaluated_timestamp_seconds',
    help: 'The instant the coverage gauges were evaluated for (they change only when the data or an evidence expiry changes their answer)',
    registers: [this.registry],
  });
  private readonly evidence = new Gauge({
    name: 'crosswalk_evidence',
    help: 'Evidence items by latest review status (PENDING_REVIEW, ACCEPTED, REJECTED)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  private readonly expiring = new Gauge({
    name: 'crosswalk_evidence_expiring',
    help: 'Current evidence (every scope) whose validUntil falls within the window from now',
    labelNames: ['within'] as const,
    registers: [this.registry],
  });
  private readonly auditHeadSeq = new Gauge({ name: 'crosswalk_audit_head_sequence', help: 'Sequence number of the last audit entry', registers: [this.registry] });
  private readonly auditIntact = new Gauge({
    name: 'crosswalk_audit_chain_intact',
    help: '1 when the last verification found the audit hash chain intact, 0 when broken',
    registers: [this.registry],
  });
  private readonly auditVerified = new Gauge({
    name: 'crosswalk_audit_chain_verified_entries',
    help: 'Entries checked by the last audit chain verification',
    registers: [this.registry],
  });
  private readonly auditVerifiedAt = new Gauge({
    name: 'crosswalk_audit_chain_verified_timestamp_seconds',
    help: 'When the audit chain was last verified',
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** The label of a client-chosen operation name: at most MAX_OPERATION_NAMES distinct, none longer than MAX_OPERATION_NAME_LENGTH (bounded cardinality and size). */
  operationName(name: string | null | undefined): string {
    if (!name) return ANONYMOUS_OPERATION;
    // A client naming its operation `other` or `anonymous` must not pass for the reserved labels.
    if (name.length > MAX_OPERATION_NAME_LENGTH || name === OTHER_OPERATION || name === ANONYMOUS_OPERATION) return OTHER_OPERATION;
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATION_NAMES) return OTHER_OPERATION;
    this.names.add(name);
    return name;
  }

  /** Replaces every coverage gauge with these figures (scopes or frameworks gone disappear). */
  setCoverage(figures: CoverageFigures): void {
    for (const gauge of [this.requirements, this.requirementsCount, this.ratio, this.controls, this.threats]) gauge.reset();
    for (const scope of figures.scopes) {
      const labels = scopeLabels(scope.aiSystemName);
      for (const { refId, summary } of scope.frameworks) {
        const f = { framework: refId, ...labels };
        this.requirementsCount.set(f, summary.total);
        this.requirements.set({ ...f, status: 'covered' }, summary.covered);
        this.requirements.set({ ...f, status: 'partial' }, summary.partial);
        this.requirements.set({ ...f, status: 'uncovered' }, summary.uncovered);
        this.requirements.set({ ...f, status: 'not_applicable' }, summary.notApplicable);
        if (summary.coverageRatio !== null) this.ratio.set(f, summary.coverageRatio);
      }
      for (const [state, n] of Object.entries(scope.controlStates)) this.controls.set({ ...labels, state }, n);
      for (const [exposure, n] of Object.entries(scope.threatExposures)) this.threats.set({ ...labels, exposure }, n);
    }
    this.figuresAt.set(figures.at / 1000);
  }

  setEvidence(byStatus: Record<EvidenceStatus, number>, expiring: Record<keyof typeof EXPIRING_WINDOWS, number>): void {
    for (const [status, n] of Object.entries(byStatus)) this.evidence.set({ status }, n);
    for (const [within, n] of Object.entries(expiring)) this.expiring.set({ within }, n);
  }

  setAuditHead(seq: number): void {
    this.auditHeadSeq.set(seq);
  }

  setAuditVerification(result: AuditVerification, at: number): void {
    this.auditIntact.set(result.firstBrokenSeq === null ? 1 : 0);
    this.auditVerified.set(result.entries);
    this.auditVerifiedAt.set(at / 1000);
  }

  /** The text exposition (what a scrape answers). */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
