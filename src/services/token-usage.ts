/**
 * When tokens were last used (`lastUsedAt`), written without ever delaying a request.
 *
 * Rules:
 * - Authentication only notes the instant in memory; notes are written together, in one
 *   transaction, shortly afterwards (`delayMs`), keeping the latest instant per token.
 * - The write is best effort: it does not wait for the database lock. When another writer holds
 *   it (DATABASE_BUSY), the notes are kept and tried again `retryMs` later; while the database
 *   cannot be reached (DATABASE_UNAVAILABLE, PostgreSQL), they are kept and tried again after
 *   the error's retry delay. A newer note of the same token replaces an older one.
 * - `stop()` writes what is pending (waiting for the lock as any write does) before the store closes.
 */
import { DatabaseBusyError } from '../db/busy.js';
import { DatabaseUnavailableError } from '../db/unavailable.js';
import type { Store } from '../db/store.js';
import { createRepositories } from '../db/repositories/index.js';

export class TokenUsage {
  private pending = new Map<number, Date>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly delayMs = 50,
    private readonly retryMs = 1_000,
    private readonly log: (message: string, error: unknown) => void = (message, error) => console.error(message, error),
  ) {}

  /** Notes that the token was used at `at` (written later). */
  note(tokenId: number, at: Date): void {
    const known = this.pending.get(tokenId);
    if (!known || known < at) this.pending.set(tokenId, at);
    this.schedule(this.delayMs);
  }

  /** Writes the pending notes now (waiting for the lock); resolves when they are written or set aside. */
  flush(): Promise<void> {
    return this.write(undefined);
  }

  /** Writes what is pending and stops scheduling writes. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.write(0);
    }, delayMs);
    this.timer.unref();
  }

  /** One write after the previous one; `lockWaitMs` 0: give up at once when the lock is taken. */
  private write(lockWaitMs: number | undefined): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.store.transaction(async (tx) => {
          const tokens = createRepositories(tx).tokens;
          for (const [id, at] of batch) await tokens.touch(id, at);
        }, { lockWaitMs });
      } catch (error) {
        for (const [id, at] of batch) {
          const newer = this.pending.get(id);
          if (!newer || newer < at) this.pending.set(id, at);
        }
        if (error instanceof DatabaseBusyError) this.schedule(this.retryMs);
        else if (error instanceof DatabaseUnavailableError) this.schedule(Math.max(this.retryMs, error.retryAfterSeconds * 1000));
        else if (!this.stopped) this.log('writing tokens\' lastUsedAt failed', error);
      }
    });
    return this.writing;
  }
}
