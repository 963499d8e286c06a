/**
 * The figures operators' dashboards plot (Prometheus gauges, src/ops/metrics.ts), read the way the
 * API reads them: coverage per framework and scope, controls by state and threats by exposure come
 * from CoverageService's cached evaluations of one instant (so they equal what `coverage`,
 * `threatExposure` … answer for that instant), evidence counts from the evidence table, and the
 * audit chain's head and verification from the audit trail. Nothing here is authorized per
 * caller: only the metrics endpoint reads it, and it checks the METRICS permission.
 */
import type { Store } from '../db/store.js';
import { createRepositories, type Repositories } from '../db/repositories/index.js';
import type { Actor } from '../domain/actor.js';
import { CONTROL_STATES, type ControlState, type CoverageSummary, type ThreatExposureLevel } from '../domain/coverage/index.js';
import { EVIDENCE_STATUSES, type EvidenceStatus } from '../domain/vocabulary.js';
import { MAX_PAGE_SIZE, type SortKey } from '../domain/paging.js';
import { aiSystemSortKey } from '../domain/list-orders.js';
import type { CoverageService } from './coverage-service.js';
import { verifyAuditTrail, type AuditVerification } from './audit-trail.js';

/** The actor the figures are evaluated as (reads only). */
export const METRICS_ACTOR: Actor = { id: 'system:metrics', name: 'metrics', role: 'VIEWER' };

export interface ScopeFigures {
  /** null: the organisation. */
  aiSystemId: number | null;
  aiSystemName: string | null;
  /** Every framework in scope (threat catalogs excepted), by framework id. */
  frameworks: { frameworkId: number; refId: string; summary: CoverageSummary }[];
  /** Controls existing at the instant, by state in the scope. */
  controlStates: Record<ControlState, number>;
  threatExposures: Record<ThreatExposureLevel, number>;
}

export interface CoverageFigures {
  /** The instant evaluated, epoch ms. */
  at: number;
  /** CoverageService.stateKey of that instant: figures of another instant with the same key are the same. */
  key: string;
  /** The organisation first, then every AI system by name. */
  scopes: ScopeFigures[];
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export class OperationsFigures {
  private readonly reader: Repositories;

  constructor(
    store: Store,
    private readonly coverage: CoverageService,
  ) {
    this.reader = createRepositories(store.read);
  }

  /** The coverage service's clock, epoch ms. */
  now(): number {
    return this.coverage.now();
  }

  /** See CoverageService.stateKey. */
  stateKey(at: number): Promise<string> {
    return this.coverage.stateKey(at);
  }

  /**
   * Coverage of every scope at `at` (with crosswalks, default depth: the API's defaults), all of
   * the graph the key names (writes meanwhile show in the next pass). Yields to the event loop
   * between scopes, so requests are served while a large graph is evaluated.
   */
  async coverageFigures(at: number): Promise<CoverageFigures> {
    const key = await this.coverage.stateKey(at);
    const scopes: ScopeFigures[] = [];
    const systems = [null, ...(await this.aiSystems())];
    const answers = this.coverage.evaluateEach(METRICS_ACTOR, systems.map((system) => system?.id ?? null), { at });
    for (const system of systems) {
      const next = await answers.next();
      const answer = next.done ? null : next.value;
      if (!answer) continue; // not in the graph evaluated
      const controlStates = zeros(CONTROL_STATES);
      for (const state of answer.result.controlStates().values()) controlStates[state]++;
      const threatExposures = answer.result.threatExposureCounts();
      scopes.push({
        aiSystemId: system?.id ?? null,
        aiSystemName: system?.name ?? null,
        frameworks: answer.frameworks.map((f) => ({ frameworkId: f.frameworkId, refId: f.frameworkRow?.refId ?? String(f.frameworkId), summary: f.summary })),
        controlStates,
        threatExposures,
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { at, key, scopes };
  }

  /**
   * Current evidence (of every scope) whose validUntil lies in (at, at + window], per window:
   * what `evidenceExpiring` lists, counted over the organisation and every AI system at once.
   */
  async evidenceExpiring(at: number, windowsMs: readonly number[]): Promise<number[]> {
    const answer = await this.coverage.evaluate(METRICS_ACTOR, { at });
    return windowsMs.map((w) => answer!.expiringEvidence(at + w, true).length);
  }

  /** Evidence items by their latest review status. */
  async evidenceByStatus(): Promise<Record<EvidenceStatus, number>> {
    const out = zeros(EVIDENCE_STATUSES);
    for (const status of EVIDENCE_STATUSES) out[status] = await this.reader.evidence.count({ statuses: [status] });
    return out;
  }

  /** Sequence number of the audit trail's last entry (0 when empty). */
  async auditHead(): Promise<number> {
    return (await this.reader.audit.last())?.seq ?? 0;
  }

  /** Re-hashes the whole audit trail (what `auditVerify` does). */
  verifyAudit(): Promise<AuditVerification> {
    return verifyAuditTrail(this.reader.audit);
  }

  private async aiSystems(): Promise<{ id: number; name: string }[]> {
    const out: { id: number; name: string }[] = [];
    let after: SortKey | null = null;
    for (;;) {
      const page = await this.reader.aiSystems.list({}, { first: MAX_PAGE_SIZE, after });
      out.push(...page.items.map(({ id, name }) => ({ id, name })));
      if (!page.hasNextPage || page.items.length === 0) return out;
      after = aiSystemSortKey(page.items.at(-1)!);
    }
  }
}
