/**
 * Keeps the dashboard gauges of {@link Metrics} up to date, off the scrape path: a scrape only
 * serialises what is already there.
 *
 * Every `intervalMs` (and once changes pause, NUDGE_QUIET_MS after a request of this process that may have
 * changed data or another instance's change, at most every NUDGE_SPACING_MS, see `nudge`) one pass runs: it asks the coverage service for the state key of now (data version and
 * evidence-expiry epoch: one tiny statement while nothing changed) and evaluates every scope again
 * (and counts evidence by status) only when that key changed, through the same cached evaluations
 * the API reads; the evidence expiring within 7 and 30 days and the audit head are read every pass (they move with time or
 * with every audited request). The audit chain is re-hashed every `auditVerifyMs`. Passes never
 * overlap; a failure is logged at error level and the next pass tries again.
 */
import type { Logger } from './log.js';
import { EXPIRING_WINDOWS, type Metrics } from './metrics.js';
import type { OperationsFigures } from '../services/operations-figures.js';
import type { EvidenceStatus } from '../domain/vocabulary.js';

/** How often the state key is checked (changes by other processes, evidence expiring with time). */
export const FIGURES_INTERVAL_MS = 15_000;
/** How often the audit chain is verified (it is read whole). */
export const AUDIT_VERIFY_INTERVAL_MS = 10 * 60_000;
/**
 * A nudged pass waits until no nudge came for this long: writes in a stream share one pass after
 * it ends (the interval's passes go on meanwhile). A pass over every scope of a large graph takes
 * a second or more of CPU, which the requests of the stream need.
 */
export const NUDGE_QUIET_MS = 1_000;
/** A nudged pass starts at least this long after the previous one ended. */
export const NUDGE_SPACING_MS = 5_000;

export interface RefresherOptions {
  intervalMs?: number;
  auditVerifyMs?: number;
  logger?: Logger;
}

export class FiguresRefresher {
  private lastKey: string | null = null;
  private byStatus: Record<EvidenceStatus, number> | null = null;
  private lastVerifiedAt = -Infinity;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private nudged: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastPassEnded = -Infinity;
  /** Passes that evaluated the coverage again (tests and the benchmark read it). */
  coverageRefreshes = 0;

  constructor(
    private readonly figures: OperationsFigures,
    private readonly metrics: Metrics,
    private readonly options: RefresherOptions = {},
  ) {}

  /** First pass now, then one every interval (the timer does not keep the process alive). */
  start(): Promise<void> {
    this.timer = setInterval(() => void this.refresh(), this.options.intervalMs ?? FIGURES_INTERVAL_MS);
    this.timer.unref();
    return this.refresh();
  }

  /** Data may have changed (a mutation or upload of this process, another instance's commit): a pass once the changes pause. */
  nudge(): void {
    if (this.stopped) return;
    if (this.nudged) clearTimeout(this.nudged);
    const delay = Math.max(NUDGE_QUIET_MS, this.lastPassEnded + NUDGE_SPACING_MS - Date.now());
    this.nudged = setTimeout(() => {
      this.nudged = null;
      void this.refresh();
    }, delay);
    this.nudged.unref();
  }

  /** One pass (or, when one is running, one more right after it); resolves when the gauges are set. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again && !this.stopped);
      } catch (error) {
        this.options.logger?.error({ err: error }, 'metrics: refreshing the dashboard gauges failed');
      } finally {
        this.running = null;
        this.lastPassEnded = Date.now();
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.nudged) clearTimeout(this.nudged);
    await this.running;
  }

  private async pass(): Promise<void> {
    const at = this.figures.now();
    const key = await this.figures.stateKey(at);
    if (key !== this.lastKey) {
      const coverage = await this.figures.coverageFigures(at);
      this.metrics.setCoverage(coverage);
      // A review or new evidence changes the key too.
      this.byStatus = await this.figures.evidenceByStatus();
      this.coverageRefreshes++;
      this.lastKey = coverage.key;
    }
    const windows = Object.keys(EXPIRING_WINDOWS) as (keyof typeof EXPIRING_WINDOWS)[];
    const counts = await this.figures.evidenceExpiring(at, windows.map((w) => EXPIRING_WINDOWS[w]));
    const expiring = Object.fromEntries(windows.map((w, i) => [w, counts[i]!])) as Record<keyof typeof EXPIRING_WINDOWS, number>;
    this.metrics.setEvidence(this.byStatus!, expiring);
    this.metrics.setAuditHead(await this.figures.auditHead());
    if (at - this.lastVerifiedAt >= (this.options.auditVerifyMs ?? AUDIT_VERIFY_INTERVAL_MS)) {
      this.lastVerifiedAt = at;
      this.metrics.setAuditVerification(await this.figures.verifyAudit(), at);
    }
  }
}
