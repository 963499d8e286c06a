/**
 * The export gate's queue bound: a request whose first export would wait longer than the bound
 * behind other requests' exports is refused at once with BUSY and that wait as its retry hint;
 * a request already in the queue (its other aliases) is never refused by it, and the queue
 * drains in arrival order. Work here is a promise the test resolves: no clock is involved (the
 * gate's average starts at 1 s per export and only moves when an export ends).
 */
import { describe, expect, it } from 'vitest';
import { BusyError, ExportGate } from '../../src/services/export-gate.js';

function deferred(): { promise: Promise<string>; resolve: (v: string) => void } {
  let resolve!: (v: string) => void;
  const promise = new Promise<string>((r) => (resolve = r));
  return { promise, resolve };
}

const viewer = (tokenId: number) => ({ id: `token:${tokenId}`, role: 'VIEWER' as const, tokenId });

describe('export gate: queue bound', () => {
  it('refuses a new request with BUSY (reason queue) when the exports ahead would take longer than the bound', async () => {
    const gate = new ExportGate(undefined, 1_500);
    const first = deferred();
    const second = deferred();
    const order: string[] = [];
    const a = gate.run(viewer(1) as never, 'req-a', async () => order.push(await first.promise), undefined);
    // One export ahead (about 1 s by the starting average): within the bound of 1.5 s.
    const b = gate.run(viewer(2) as never, 'req-b', async () => order.push(await second.promise), undefined);
    // Two ahead (about 2 s): over the bound.
    const refused = gate.run(viewer(3) as never, 'req-c', async () => 'never', undefined);
    await expect(refused).rejects.toBeInstanceOf(BusyError);
    await expect(refused).rejects.toMatchObject({ reason: 'queue', retryAfterSeconds: 2 });
    await expect(refused).rejects.toThrow(/longer than the server lets a request wait: retry after 2 s/);

    // A second alias of a request already queued is not refused by the bound.
    const bAlias = gate.run(viewer(2) as never, 'req-b', async () => 'b alias', undefined);
    first.resolve('a');
    second.resolve('b');
    await Promise.all([a, b]);
    expect(await bAlias).toBe('b alias');
    expect(order).toEqual(['a', 'b']);

    // The queue is empty again: the refused token is served.
    expect(await gate.run(viewer(3) as never, 'req-d', async () => 'served', undefined)).toBe('served');
  });

  it('still refuses a second request of the same token with reason token', async () => {
    const gate = new ExportGate();
    const first = deferred();
    const a = gate.run(viewer(1) as never, 'req-a', () => first.promise, undefined);
    const again = gate.run(viewer(1) as never, 'req-b', async () => 'never', undefined);
    await expect(again).rejects.toMatchObject({ reason: 'token' });
    await expect(again).rejects.toThrow(/one at a time per token/);
    first.resolve('done');
    expect(await a).toBe('done');
  });
});
