/**
 * The shared token reads (services/token-reads.ts): requests that arrive while a read is in flight
 * share the next one, each read starts after every request it answers arrived, each request gets
 * the row of its own hash, and a failed read fails only its own requests. The read is a stand-in
 * the test settles by hand, and the clock of the wait's limit is the test's (fake timers): no
 * outcome depends on how fast the machine is. test/access/tokens.test.ts sends requests that
 * arrive together over HTTP on both backends.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GraphVersion } from '../../src/db/repositories/coverage/graph-version.js';
import type { ApiTokenRow } from '../../src/db/repositories/token-repository.js';
import { MOST_WAIT_MS, TokenReads, type TokenRead } from '../../src/services/token-reads.js';

interface PendingRead {
  hashes: readonly string[];
  /** How many requests had arrived when the read started. */
  arrivedBefore: number;
  settle(error?: Error): void;
}

const version = (revision: number): GraphVersion => ({ tracked: false, revision, schema: 1, data: String(revision) });
const row = (hash: string) => ({ id: hash.length, tokenHash: hash }) as unknown as ApiTokenRow;
// The limit on the wait moves only when a test advances the clock.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Lets scheduled work (process.nextTick, promise reactions) run. */
const settleTurns = () => new Promise((resolve) => setImmediate(resolve));

/** TokenReads over a read that knows the hashes in `known`; every read waits until the test settles it. */
function harness(known: readonly string[]) {
  const reads: PendingRead[] = [];
  let arrived = 0;
  const tokenReads = new TokenReads(
    (hashes) =>
      new Promise((resolve, reject) => {
        const revision = reads.length + 1;
        reads.push({
          hashes,
          arrivedBefore: arrived,
          settle: (error) =>
            error ? reject(error) : resolve({ tokens: new Map(hashes.filter((h) => known.includes(h)).map((h) => [h, row(h)])), graphVersion: version(revision) }),
        });
      }),
  );
  const read = (hash: string): Promise<TokenRead> => {
    arrived++;
    return tokenReads.read(hash);
  };
  return { reads, read };
}

describe('token reads shared by the requests that arrive together', () => {
  it('reads at once when none is in flight; the requests arriving meanwhile share the next read, each with its own row', async () => {
    const { reads, read } = harness(['a', 'b']);
    const first = read('a');
    await settleTurns();
    expect(reads.map((r) => r.hashes)).toEqual([['a']]);

    const waiting = [read('b'), read('c'), read('b'), read('a')];
    await settleTurns();
    // Nothing more is read while the first read is in flight.
    expect(reads).toHaveLength(1);
    reads[0]!.settle();
    expect(await first).toEqual({ token: row('a'), graphVersion: version(1) });
    await settleTurns();
    expect(reads.map((r) => r.hashes)).toEqual([['a'], ['b', 'c', 'a']]);
    // The shared read started after all four arrived.
    expect(reads[1]!.arrivedBefore).toBe(5);
    reads[1]!.settle();
    expect(await Promise.all(waiting)).toEqual([
      { token: row('b'), graphVersion: version(2) },
      { token: undefined, graphVersion: version(2) },
      { token: row('b'), graphVersion: version(2) },
      { token: row('a'), graphVersion: version(2) },
    ]);
  });

  it('never answers a request with a read that started before it arrived', async () => {
    const { reads, read } = harness(['a']);
    const answers: Promise<TokenRead>[] = [];
    const arrivals: number[] = [];
    // Arrivals interleaved with reads settling, in a fixed pattern.
    for (let step = 0; step < 30; step++) {
      arrivals.push(answers.length + 1);
      answers.push(read(step % 3 === 0 ? 'a' : `x${step}`));
      if (step % 4 === 3) {
        await settleTurns();
        reads.at(-1)?.settle();
      }
      await settleTurns();
    }
    // One read at most is in flight: settle the last until no request waits for another.
    for (;;) {
      const started = reads.length;
      reads.at(-1)!.settle();
      await settleTurns();
      if (reads.length === started) break;
    }
    const settled = await Promise.all(answers);
    for (const [i, answer] of settled.entries()) {
      const serving = reads[answer.graphVersion.revision - 1]!;
      expect(serving.arrivedBefore).toBeGreaterThanOrEqual(arrivals[i]!);
      expect(answer.token?.tokenHash ?? null).toBe(i % 3 === 0 ? 'a' : null);
    }
    // Fewer reads than requests: the ones that arrived during a read were shared.
    expect(reads.length).toBeLessThan(answers.length);
  });

  it('fails only the requests of a read that fails; the next read goes ahead', async () => {
    const { reads, read } = harness(['a']);
    const first = read('a');
    await settleTurns();
    const second = read('a');
    await settleTurns();
    reads[0]!.settle(new Error('database unavailable'));
    await expect(first).rejects.toThrow('database unavailable');
    await settleTurns();
    expect(reads).toHaveLength(2);
    reads[1]!.settle();
    expect(await second).toEqual({ token: row('a'), graphVersion: version(2) });
  });
});

describe('a read that hangs', () => {
  it(`holds the next read back no longer than ${MOST_WAIT_MS} ms: the waiting requests then read on their own`, async () => {
    const { reads, read } = harness(['a', 'b']);
    const hanging = read('a');
    await settleTurns();
    const waiting = read('b');
    await settleTurns();
    vi.advanceTimersByTime(MOST_WAIT_MS - 1);
    await settleTurns();
    expect(reads).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await settleTurns();
    expect(reads.map((r) => r.hashes)).toEqual([['a'], ['b']]);
    reads[1]!.settle();
    expect(await waiting).toEqual({ token: row('b'), graphVersion: version(2) });
    // The first still answers its own request when it ends.
    reads[0]!.settle();
    expect(await hanging).toEqual({ token: row('a'), graphVersion: version(1) });
  });
});
