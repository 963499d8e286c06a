/**
 * Who may run an export now. Rules:
 * - Exports run one at a time in the whole process, in arrival order, so that producing
 *   documents never takes more than one export's share of the machine.
 * - A token has exports of at most one request in flight (queued or running): the exports of
 *   that request (aliases) wait their turn; an export asked for by another request of the same
 *   token is refused at once with BusyError (code BUSY, with a retry hint in seconds).
 * - When the request is over (its answer was sent, e.g. early because another field failed), its
 *   `signal` aborts: its exports not started yet are dropped, and the token is free again at
 *   once (a running export finishes on its own and its document is discarded; the next export of
 *   the process still waits for it, so abandoned work stays bounded to one running export).
 * Callers without a token (the CLI, the seeder) are keyed by their actor id.
 */
import type { Actor } from '../domain/actor.js';

/** An export refused because the same token already has one in flight. */
export class BusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`this token already has an export in progress (one at a time per token): retry after ${retryAfterSeconds} s`);
  }
}

/** The export's request was over before its turn: nobody waits for its document. */
export class RequestOverError extends Error {
  constructor() {
    super('the request was over before the export ran');
  }
}

interface Holder {
  owner: string;
  pending: number;
}

export class ExportGate {
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private readonly holders = new Map<string, Holder>();
  /** Recent export duration (ms, moving average), for the retry hint. */
  private averageMs = 1000;

  /**
   * Runs `work` for `actor` in the request `owner` (its request id), or throws BusyError;
   * `signal` aborts when that request is over (see the rules above).
   */
  async run<T>(actor: Actor, owner: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new RequestOverError();
    const key = actor.tokenId !== undefined ? `token:${actor.tokenId}` : actor.id;
    let holder = this.holders.get(key);
    if (holder && holder.owner !== owner) {
      throw new BusyError(Math.max(1, Math.ceil((this.averageMs * (this.queued + 1)) / 1000)));
    }
    if (!holder) this.holders.set(key, (holder = { owner, pending: 0 }));
    const held = holder;
    held.pending++;
    this.queued++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.queued--;
      if (--held.pending === 0 && this.holders.get(key) === held) this.holders.delete(key);
    };
    signal?.addEventListener('abort', release, { once: true });
    const turn = this.tail.then(async () => {
      if (signal?.aborted) throw new RequestOverError();
      const started = performance.now();
      try {
        return await work();
      } finally {
        this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - started);
      }
    });
    this.tail = turn.catch(() => undefined);
    try {
      return await turn;
    } finally {
      signal?.removeEventListener('abort', release);
      release();
    }
  }
}
