/** Configuration from the environment; every variable is documented in README.md. */
import { resolve } from 'node:path';
import { DEFAULT_MAX_UPLOAD_BYTES } from './domain/blobs.js';
import { DEFAULT_LOCK_WAIT_MS } from './db/busy.js';

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
  /** CROSSWALK_CORS_ORIGINS: browser origins allowed to call the API (none by default). */
  corsOrigins: string[];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535; got "${env.PORT}"`);
  }
  const dataDir = resolve(env.CROSSWALK_DATA_DIR ?? './data');
  const maxUploadBytes = Number(env.CROSSWALK_MAX_UPLOAD_BYTES ?? DEFAULT_MAX_UPLOAD_BYTES);
  if (!Number.isSafeInteger(maxUploadBytes) || maxUploadBytes < 1) {
    throw new Error(`CROSSWALK_MAX_UPLOAD_BYTES must be a positive whole number of bytes; got "${env.CROSSWALK_MAX_UPLOAD_BYTES}"`);
  }
  const persistedQueries = (env.CROSSWALK_PERSISTED_QUERIES ?? 'off').trim().toLowerCase();
  if (persistedQueries !== 'on' && persistedQueries !== 'off') {
    throw new Error(`CROSSWALK_PERSISTED_QUERIES must be on or off; got "${env.CROSSWALK_PERSISTED_QUERIES}"`);
  }
  const lockWaitMs = Number(env.CROSSWALK_LOCK_WAIT_MS ?? DEFAULT_LOCK_WAIT_MS);
  if (!Number.isSafeInteger(lockWaitMs) || lockWaitMs < 0) {
    throw new Error(`CROSSWALK_LOCK_WAIT_MS must be a whole number of milliseconds (0 or more); got "${env.CROSSWALK_LOCK_WAIT_MS}"`);
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
    corsOrigins: parseCorsOrigins(env.CROSSWALK_CORS_ORIGINS),
  };
}

/**
 * CROSSWALK_CORS_ORIGINS: comma-separated origins (`https://dash.example.com,http://localhost:5173`):
 * scheme (http or https), host and optional port, as a browser sends them in `Origin`.
 */
export function parseCorsOrigins(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  return value.split(',').map((raw) => {
    const entry = raw.trim();
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    const isOrigin =
      url !== undefined &&
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      !entry.includes('*') &&
      url.pathname === '/' &&
      !/[?#]/.test(entry) &&
      url.username === '' &&
      url.password === '';
    if (!isOrigin) {
      throw new Error(
        `CROSSWALK_CORS_ORIGINS must be a comma-separated list of origins such as https://dash.example.com,http://localhost:5173 (http or https, host, optional port; no path, no wildcard); "${entry}" is not one`,
      );
    }
    return url!.origin;
  });
}
