/** Configuration from the environment; every variable is documented in README.md. */
import { resolve } from 'node:path';
import { DEFAULT_MAX_UPLOAD_BYTES } from './domain/blobs.js';
import { DEFAULT_LOCK_WAIT_MS } from './db/busy.js';

/**
 * A configuration or start-up mistake the operator fixes (a bad variable, a port in use):
 * printed as one line saying what is wrong and how to fix it, exit code 2, no stack trace.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `<dataDir>/crosswalk.db` */
  databaseFile: string;
  /** Built-in catalogs to load into an empty database at start ('all', 'none' or a comma list). */
  seedCatalogs: string;
  /** CROSSWALK_ADMIN_TOKEN: accepted as an ADMIN token (stored hashed). */
  adminToken: string | undefined;
  /** CROSSWALK_MAX_UPLOAD_BYTES: largest evidence file accepted by `PUT /v1/blobs` (default 100 MiB). */
  maxUploadBytes: number;
  /** CROSSWALK_PERSISTED_QUERIES=on: accept Apollo automatic persisted queries (off by default). */
  persistedQueries: boolean;
  /** CROSSWALK_LOCK_WAIT_MS: how long a write waits for the database lock before DATABASE_BUSY (default 10 s). */
  lockWaitMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer from 0 to 65535; got "${env.PORT}"`);
  }
  const dataDir = resolve(env.CROSSWALK_DATA_DIR ?? './data');
  const maxUploadBytes = Number(env.CROSSWALK_MAX_UPLOAD_BYTES ?? DEFAULT_MAX_UPLOAD_BYTES);
  if (!Number.isSafeInteger(maxUploadBytes) || maxUploadBytes < 1) {
    throw new ConfigError(`CROSSWALK_MAX_UPLOAD_BYTES must be a positive whole number of bytes; got "${env.CROSSWALK_MAX_UPLOAD_BYTES}"`);
  }
  const persistedQueries = (env.CROSSWALK_PERSISTED_QUERIES ?? 'off').trim().toLowerCase();
  if (persistedQueries !== 'on' && persistedQueries !== 'off') {
    throw new ConfigError(`CROSSWALK_PERSISTED_QUERIES must be on or off; got "${env.CROSSWALK_PERSISTED_QUERIES}"`);
  }
  const lockWaitMs = Number(env.CROSSWALK_LOCK_WAIT_MS ?? DEFAULT_LOCK_WAIT_MS);
  if (!Number.isSafeInteger(lockWaitMs) || lockWaitMs < 0) {
    throw new ConfigError(`CROSSWALK_LOCK_WAIT_MS must be a whole number of milliseconds (0 or more); got "${env.CROSSWALK_LOCK_WAIT_MS}"`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    databaseFile: resolve(dataDir, 'crosswalk.db'),
    seedCatalogs: env.CROSSWALK_SEED ?? 'all',
    adminToken: env.CROSSWALK_ADMIN_TOKEN || undefined,
    maxUploadBytes,
    persistedQueries: persistedQueries === 'on',
    lockWaitMs,
  };
}
