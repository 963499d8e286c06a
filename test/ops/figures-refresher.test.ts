/**
 * When the dashboard gauges are evaluated again (src/ops/figures-refresher.ts): a nudge (a write of
 * this instance, another instance's change) leads to one pass once nudges pause for NUDGE_QUIET_MS,
 * never sooner than NUDGE_SPACING_MS after the previous pass; a stream of writes gets no nudged
 * pass while it lasts. On a fake clock, with figures whose state key changes at every call (every
 * pass then evaluates the coverage again).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FiguresRefresher, NUDGE_QUIET_MS, NUDGE_SPACING_MS } from '../../src/ops/figures-refresher.js';
import { Metrics } from '../../src/ops/metrics.js';
import type { OperationsFigures } from '../../src/services/operations-figures.js';

/** Figures of an empty organisation whose state key differs at every pass. */
function changingFigures(): OperationsFigures {
  let key = 0;
  const figures = {
    now: () => Date.now(),
    stateKey: async () => `k${++key}`,
    coverageFigures: async (at: number) => ({ at, key: `k${key}`, scopes: [] }),
    evidenceByStatus: async () => ({ PENDING_REVIEW: 0, ACCEPTED: 0, REJECTED: 0 }),
    evidenceExpiring: async (_at: number, windows: number[]) => windows.map(() => 0),
    auditHead: async () => 0,
    verifyAudit: async () => ({ ok: true, entries: 0 }),
  };
  return figures as unknown as OperationsFigures;
}

describe('nudged passes of the gauges', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('wait until the nudges pause, then run once; never sooner than the spacing after the last pass', async () => {
    const refresher = new FiguresRefresher(changingFigures(), new Metrics(), { auditVerifyMs: Infinity });
    await refresher.refresh(); // a first pass, as at start
    expect(refresher.coverageRefreshes).toBe(1);

    // A stream of writes, one every 100 ms for 10 s: no nudged pass while it lasts.
    for (let t = 0; t < 10_000; t += 100) {
      refresher.nudge();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(refresher.coverageRefreshes).toBe(1);
    // The stream stops: one pass NUDGE_QUIET_MS after its last nudge.
    await vi.advanceTimersByTimeAsync(NUDGE_QUIET_MS);
    expect(refresher.coverageRefreshes).toBe(2);

    // A single write just after that pass (which ran at most 100 ms ago): its pass waits for the spacing.
    refresher.nudge();
    await vi.advanceTimersByTimeAsync(NUDGE_SPACING_MS - 500);
    expect(refresher.coverageRefreshes).toBe(2);
    await vi.advanceTimersByTimeAsync(500);
    expect(refresher.coverageRefreshes).toBe(3);
    await refresher.stop();
  });
});
