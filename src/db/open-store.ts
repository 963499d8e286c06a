/**
 * Opens the store the configuration asks for: PostgreSQL when CROSSWALK_DATABASE_URL is set,
 * else the SQLite file in the data directory. Both are migrated before they are returned.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteStore } from './sqlite-store.js';
import { DatabaseUnavailableError } from './unavailable.js';
import type { Store, StoreOptions } from './store.js';

/** The parts of the configuration (src/config.ts) that choose and size the store. */
export interface DatabaseSettings {
  databaseFile: string;
  databaseUrl: string | null;
  databasePoolSize: number;
  databaseStatementTimeoutMs: number;
  lockWaitMs: number;
}

export interface OpenOptions {
  /**
   * PostgreSQL: return the store connected but not yet migrated (no connection is made); the
   * caller runs `migrateStore` later. SQLite is always migrated at open.
   */
  deferMigrations?: boolean;
  /**
   * Keep trying while PostgreSQL cannot be reached (back-off from 0.5 s doubling to 15 s), telling
   * `onRetry` each time; without it an unreachable server fails the open with DatabaseUnavailableError.
   */
  onRetry?: (error: DatabaseUnavailableError, retryInMs: number) => void;
  /** Stops the retries (the last failure is thrown). */
  signal?: AbortSignal;
}

const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 15_000;

export async function openStore(settings: DatabaseSettings, options: StoreOptions = {}, open: OpenOptions = {}): Promise<Store> {
  const storeOptions = { lockWaitMs: settings.lockWaitMs, ...options };
  if (settings.databaseUrl === null) return SqliteStore.open(settings.databaseFile, storeOptions);
  // Loaded only when asked for: a SQLite deployment never loads the PostgreSQL driver.
  const { PostgresStore } = await import('./pg-store.js');
  const store = PostgresStore.connect(settings.databaseUrl, {
    ...storeOptions,
    poolSize: settings.databasePoolSize,
    statementTimeoutMs: settings.databaseStatementTimeoutMs,
  });
  if (open.deferMigrations) return store;
  try {
    await migrateStore(store, open);
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * Applies pending migrations to a store opened with `deferMigrations` (nothing to do on SQLite),
 * retrying while PostgreSQL cannot be reached when `onRetry` is given.
 */
export async function migrateStore(store: Store, open: Pick<OpenOptions, 'onRetry' | 'signal'> = {}): Promise<void> {
  if (store.dialect !== 'postgres') return;
  const migrating = store as Store & { migrate(): Promise<void> };
  for (let pause = FIRST_RETRY_MS; ; pause = Math.min(pause * 2, LONGEST_RETRY_MS)) {
    try {
      await migrating.migrate();
      return;
    } catch (error) {
      if (!(error instanceof DatabaseUnavailableError) || !open.onRetry || open.signal?.aborted) throw error;
      open.onRetry(error, pause);
      await sleep(pause, undefined, { signal: open.signal }).catch(() => undefined);
      if (open.signal?.aborted) throw error;
    }
  }
}
