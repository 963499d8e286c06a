/**
 * The audit of failed authentication, bounded so that a flood of bad tokens cannot turn into a
 * flood of durable writes (every audit entry is an fsync'd transaction on the single writer).
 *
 * Rules, per client address and window (60 s by default):
 * - The first failure of a window is recorded at once: `authenticate`, DENIED, with its reason,
 *   method, path and address.
 * - Later failures from that address in the same window are counted, not recorded one by one.
 *   When the window has ended (checked every window and at the address's next failure) or the
 *   server stops, one DENIED entry records them: how many, by reason, first and last time.
 * - At most `maxAddresses` addresses are tracked per window; failures from any further address
 *   count under one bucket (address `*`), recorded the same way.
 * So every failure is accounted for, and a window costs at most 2 × (maxAddresses + 1) entries.
 */
import { systemClock } from '../clock.js';
import { ANONYMOUS } from '../domain/actor.js';
import type { MutationRunner } from './mutation-runner.js';
import { forOperation } from './operation-scope.js';

export interface FailedAuthentication {
  reason: string;
  method: string;
  path: string;
  /** The client's address (the socket's, as Express reports it). */
  address: string;
  requestId: string;
}

interface Window {
  address: string;
  startedAt: number;
  /** Failures after the first one, by reason. */
  repeated: Map<string, number>;
  firstRepeatAt: number;
  lastRepeatAt: number;
  lastRequestId: string;
}

const OTHER_ADDRESSES = '*';

export class FailedAuthAudit {
  private readonly windows = new Map<string, Window>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly runner: MutationRunner,
    private readonly clock: () => Date = systemClock,
    private readonly windowMs = 60_000,
    private readonly maxAddresses = 1_000,
  ) {}

  /** Accounts for one failed authentication (see the rules above). */
  async record(failure: FailedAuthentication): Promise<void> {
    const now = this.clock().getTime();
    const key = this.windows.has(failure.address) || this.windows.size < this.maxAddresses ? failure.address : OTHER_ADDRESSES;
    const current = this.windows.get(key);
    if (current && now - current.startedAt < this.windowMs) {
      if (current.repeated.size === 0) current.firstRepeatAt = now;
      current.repeated.set(failure.reason, (current.repeated.get(failure.reason) ?? 0) + 1);
      current.lastRepeatAt = now;
      current.lastRequestId = failure.requestId;
      return;
    }
    if (current) await this.close(key, current);
    this.windows.set(key, { address: key, startedAt: now, repeated: new Map(), firstRepeatAt: now, lastRepeatAt: now, lastRequestId: failure.requestId });
    this.ensureTimer();
    await this.write(failure.requestId, { reason: failure.reason, method: failure.method, path: failure.path, address: failure.address });
  }

  /** Records the counts of every ended window (all windows when `all`). */
  async flush(all = false): Promise<void> {
    const now = this.clock().getTime();
    for (const [key, window] of [...this.windows]) {
      if (all || now - window.startedAt >= this.windowMs) await this.close(key, window);
    }
    if (this.windows.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** At shutdown, before the database closes: records every pending count. */
  async stop(): Promise<void> {
    await this.flush(true);
  }

  private async close(key: string, window: Window): Promise<void> {
    this.windows.delete(key);
    const count = sum(window.repeated);
    if (count === 0) return;
    await this.write(window.lastRequestId, {
      reason: 'repeated failed authentication',
      address: window.address,
      count,
      reasons: Object.fromEntries([...window.repeated].sort(([a], [b]) => a.localeCompare(b))),
      from: new Date(window.firstRepeatAt).toISOString(),
      to: new Date(window.lastRepeatAt).toISOString(),
    });
  }

  private write(requestId: string, details: Record<string, unknown>): Promise<void> {
    return this.runner.auditOutsideChange(forOperation(ANONYMOUS, 'authenticate', { requestId }), 'DENIED', [], details);
  }

  private ensureTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.flush().catch((error: unknown) => console.error('failed-authentication audit flush failed', error));
    }, this.windowMs);
    this.timer.unref();
  }
}

function sum(counts: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const v of counts.values()) n += v;
  return n;
}
