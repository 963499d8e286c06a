/**
 * The first read of every authenticated request, its token by hash and the coverage graph's
 * version, shared by the requests that arrive together. While one such read is in flight, the
 * requests that arrive wait for it to end (at most {@link MOST_WAIT_MS}) and then share the next
 * read: under load, one statement (on PostgreSQL, one round trip) answers many requests instead of
 * one each.
 *
 * Nothing is read earlier than before: a read starts after every request it answers arrived, so
 * it sees each revocation, expiry and coverage write committed before any of them. Requests
 * never share an answer: each gets the row of its own hash (or none) and the version.
 */
import DataLoader from 'dataloader';
import type { GraphVersion } from '../db/repositories/coverage/graph-version.js';
import type { ApiTokenRow } from '../db/repositories/token-repository.js';

export interface TokenRead {
  /** The token with the hash, if any (revoked and expired ones included). */
  token: ApiTokenRow | undefined;
  graphVersion: GraphVersion;
}

/** What one shared read reads: the tokens found among the hashes, and the graph version. */
export type ReadTokens = (hashes: readonly string[]) => Promise<{ tokens: ReadonlyMap<string, ApiTokenRow>; graphVersion: GraphVersion }>;

/** The most hashes one read looks up; more requests waiting make another read. */
const MOST_HASHES = 200;

/**
 * The longest the next read waits for the one in flight. A read normally takes about a
 * millisecond; one that hangs (a connection lost without a reset) holds the others back no longer
 * than this, and they then read on their own, as every request did before reads were shared.
 */
export const MOST_WAIT_MS = 20;

export class TokenReads {
  /** The read that started last, while in flight: the next one waits for it. */
  private inFlight: Promise<unknown> | null = null;
  private readonly loader: DataLoader<string, TokenRead>;

  constructor(read: ReadTokens) {
    this.loader = new DataLoader<string, TokenRead>(
      async (hashes) => {
        const reading = read([...new Set(hashes)]);
        this.inFlight = reading;
        try {
          const { tokens, graphVersion } = await reading;
          return hashes.map((hash) => ({ token: tokens.get(hash), graphVersion }));
        } finally {
          if (this.inFlight === reading) this.inFlight = null;
        }
      },
      {
        // Each request reads afresh: nothing is kept between reads.
        cache: false,
        maxBatchSize: MOST_HASHES,
        batchScheduleFn: (dispatch) => {
          const before = this.inFlight;
          if (!before) return process.nextTick(dispatch);
          let dispatched = false;
          const go = () => {
            if (dispatched) return;
            dispatched = true;
            clearTimeout(timer);
            dispatch();
          };
          const timer = setTimeout(go, MOST_WAIT_MS);
          void before.then(go, go);
        },
      },
    );
  }

  /** The token with this hash (if any) and the graph version, read after this call. */
  read(tokenHash: string): Promise<TokenRead> {
    return this.loader.load(tokenHash);
  }
}
