/**
 * Waiting for SQLite's write lock without blocking the event loop.
 *
 * SQLite's own `busy_timeout` waits synchronously: while another connection (another process: a
 * CLI import, a backup, any `BEGIN IMMEDIATE`) holds the write lock, the whole process would
 * stand still. The write connection therefore has no busy timeout; `BEGIN IMMEDIATE` is retried
 * with back-off between timers, and gives up with {@link DatabaseBusyError} at the deadline.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** How long a write waits for the lock by default (CROSSWALK_LOCK_WAIT_MS). */
export const DEFAULT_LOCK_WAIT_MS = 10_000;

/**
 * SQLite refused because another connection holds a lock (`SQLITE_BUSY` and its extended codes),
 * also when wrapped (drizzle's query errors carry the driver's error as `cause`).
 */
export function isSqliteBusy(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'))) return true;
  }
  return false;
}

/** The lock was not free before the deadline: nothing was written; the client may retry later. */
export class DatabaseBusyError extends Error {
  readonly code = 'DATABASE_BUSY';

  constructor(
    /** Seconds after which a retry is sensible (the `Retry-After` header). */
    readonly retryAfterSeconds: number,
  ) {
    super(`the database is busy (another writer holds its lock): nothing was changed; retry in ${retryAfterSeconds} s`);
  }
}

/** `Retry-After` for a given lock wait: the same length of time, in whole seconds (at least 1). */
export const retryAfterFor = (lockWaitMs: number): number => Math.max(1, Math.ceil(lockWaitMs / 1000));

/**
 * Runs `attempt` until it does not fail with SQLITE_BUSY, sleeping between tries (2 ms doubling
 * to 50 ms, with jitter so that processes do not retry in step). Past `deadline` (epoch ms) the
 * last failure becomes a DatabaseBusyError. `attempt` is tried at least once.
 */
export async function retryWhileBusy<T>(attempt: () => T, deadline: number, lockWaitMs: number): Promise<T> {
  let pause = 2;
  for (;;) {
    try {
      return attempt();
    } catch (error) {
      if (!isSqliteBusy(error)) throw error;
      const left = deadline - Date.now();
      if (left <= 0) throw new DatabaseBusyError(retryAfterFor(lockWaitMs));
      await sleep(Math.min(left, pause / 2 + Math.random() * pause));
      pause = Math.min(pause * 2, 50);
    }
  }
}
