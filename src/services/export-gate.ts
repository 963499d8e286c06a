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
 * - Documents are written to files (export-files.ts) and downloaded from there; only a document
 *   returned inline (`ExportDocument.content`, small ones) is held in memory. Those have a
 *   process-wide byte budget: inline content counts from the moment it is read (`admit`) until
 *   its request's response has been sent (its `sent` signal aborts: the HTTP response closed);
 *   an export starts, and inline content is read, only while the content of other requests in
 *   flight weighs less than the budget, otherwise it waits (at most ROOM_WAIT_MS, then
 *   BusyError). A request's own content does not hold back its own exports (its answer needs
 *   them all), so the bytes in flight stay under the budget plus one request's content,
 *   however slowly clients read their answers.
 * - A request whose first export would wait for its turn longer than MAX_QUEUE_WAIT_MS (the
 *   exports queued ahead of it times their recent average duration) is refused at once with
 *   BusyError and that wait as its retry hint, instead of holding its client's request open for
 *   minutes (clients give up long before; a large organisation's export takes tens of seconds).
 * Callers without a token (the CLI, the seeder) are keyed by their actor id.
 */
import type { Actor } from '../domain/actor.js';

/** Why an export was refused with BUSY. */
export type BusyReason = 'token' | 'queue' | 'room';

const BUSY_MESSAGES: Record<BusyReason, string> = {
  token: 'this token already has an export in progress (one at a time per token)',
  queue: "the exports of other requests ahead of this one would take longer than the server lets a request wait",
  room: "documents not yet sent to their clients fill the server's budget for exports in flight",
};

/** An export refused for now (code BUSY): the same token has one in flight, the queue is too long, or no room. */
export class BusyError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    readonly reason: BusyReason = 'token',
  ) {
    super(`${BUSY_MESSAGES[reason]}: retry after ${retryAfterSeconds} s`);
  }
}

/** The export's request was over before its turn: nobody waits for its document. */
export class RequestOverError extends Error {
  constructor() {
    super('the request was over before the export ran');
  }
}

/** Default budget of inline export content in flight (bytes). */
export const DEFAULT_EXPORT_BYTES_IN_FLIGHT = 64 * 1024 * 1024;
/** How long an export waits at the head of the queue for room in the budget before BUSY. */
const ROOM_WAIT_MS = 30_000;
/** The longest a request's first export may expect to wait for its turn before BUSY. */
export const MAX_QUEUE_WAIT_MS = 120_000;

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
  /** Bytes of produced documents whose response is not sent yet, in all and per request. */
  private inFlight = 0;
  private readonly inFlightBy = new Map<string, number>();
  /** Called whenever documents leave the budget. */
  private readonly roomListeners = new Set<() => void>();
  private waitingForRoom = 0;

  /** `bytesInFlight`: the budget of documents in flight; `maxQueueWaitMs`: see the rules above. */
  constructor(
    private readonly bytesInFlight = DEFAULT_EXPORT_BYTES_IN_FLIGHT,
    private readonly maxQueueWaitMs = MAX_QUEUE_WAIT_MS,
  ) {}

  /** The documents in flight (bytes) and the exports waiting for room in the budget. */
  usage(): { bytesInFlight: number; budget: number; waitingForRoom: number } {
    return { bytesInFlight: this.inFlight, budget: this.bytesInFlight, waitingForRoom: this.waitingForRoom };
  }

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
    if (!holder) {
      const expectedWaitMs = this.averageMs * this.queued;
      if (this.queued > 0 && expectedWaitMs > this.maxQueueWaitMs) throw new BusyError(Math.ceil(expectedWaitMs / 1000), 'queue');
      this.holders.set(key, (holder = { owner, pending: 0 }));
    }
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
      await this.room(owner, signal);
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

  /**
   * Admits `bytes` of inline content of the request `owner`: waits for room in the budget (see
   * the rules above), then counts them until `sent` aborts (not at all without `sent`, or when
   * it has aborted: nobody holds the content then).
   */
  async admit(owner: string, bytes: number, signal?: AbortSignal, sent?: AbortSignal): Promise<void> {
    if (!sent || sent.aborted) return;
    await this.room(owner, signal);
    this.hold(owner, bytes, sent);
  }

  /** Waits until other requests' content in flight weighs less than the budget. */
  private async room(owner: string, signal?: AbortSignal): Promise<void> {
    const full = () => this.inFlight - (this.inFlightBy.get(owner) ?? 0) >= this.bytesInFlight;
    if (!full()) return;
    this.waitingForRoom++;
    try {
      await new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          clearTimeout(timer);
          this.roomListeners.delete(check);
          signal?.removeEventListener('abort', over);
          if (error) reject(error);
          else resolve();
        };
        const check = () => {
          if (!full()) done();
        };
        const over = () => done(new RequestOverError());
        const timer = setTimeout(() => done(new BusyError(Math.max(1, Math.ceil(ROOM_WAIT_MS / 1000)), 'room')), ROOM_WAIT_MS);
        this.roomListeners.add(check);
        signal?.addEventListener('abort', over, { once: true });
      });
    } finally {
      this.waitingForRoom--;
    }
  }

  /** Counts `bytes` of `owner`'s document until `sent` aborts (at once if it has). */
  private hold(owner: string, bytes: number, sent: AbortSignal): void {
    if (sent.aborted) return;
    this.inFlight += bytes;
    this.inFlightBy.set(owner, (this.inFlightBy.get(owner) ?? 0) + bytes);
    sent.addEventListener(
      'abort',
      () => {
        this.inFlight -= bytes;
        const left = (this.inFlightBy.get(owner) ?? 0) - bytes;
        if (left > 0) this.inFlightBy.set(owner, left);
        else this.inFlightBy.delete(owner);
        for (const listener of [...this.roomListeners]) listener();
      },
      { once: true },
    );
  }
}
