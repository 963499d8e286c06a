/** Configuration from the environment; every variable is documented in docs/operations.md (logs and metrics: docs/logs-and-metrics.md). */
import { resolve } from 'node:path';
import { DEFAULT_MAX_UPLOAD_BYTES } from './domain/blobs.js';
import { DEFAULT_LOCK_WAIT_MS } from './db/busy.js';
import { DEFAULT_POOL_SIZE } from './db/store.js';
import { DEFAULT_EXPORT_BYTES_IN_FLIGHT } from './services/export-gate.js';
import { EXPORT_WORKER_HEAP_MIB } from './services/export-offload.js';
import { LOG_LEVELS, type LogLevel } from './ops/log.js';

/** Requests per token and minute when CROSSWALK_RATE_LIMIT is not set (here, not in http/: the CLI reads the config too). */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 6000;

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
  /** `<dataDir>/crosswalk.db` (the SQLite database, used when databaseUrl is null) */
  databaseFile: string;
  /** CROSSWALK_DATABASE_URL: a PostgreSQL database (`postgres://…`) instead of the SQLite file; null (default): SQLite. */
  databaseUrl: string | null;
  /** CROSSWALK_DATABASE_POOL_SIZE: connections per instance to PostgreSQL (default 10). */
  databasePoolSize: number;
  /** CROSSWALK_DATABASE_STATEMENT_TIMEOUT_MS: PostgreSQL cancels a statement running longer (default 0: no limit). */
  databaseStatementTimeoutMs: number;
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
  /** CROSSWALK_RATE_LIMIT: requests per token and minute (default 6000; 0 turns the limit off). */
  rateLimitPerMinute: number;
  /** CROSSWALK_EXPORT_MEMORY_MIB: budget of export documents in flight until their response is sent (default 64). */
  exportMemoryMib: number;
  /** CROSSWALK_EXPORT_WORKER_MIB: heap limit of the export worker thread (default 256). */
  exportWorkerMib: number;
  /** CROSSWALK_CORS_ORIGINS: browser origins allowed to call the API (none by default). */
  corsOrigins: string[];
  /** CROSSWALK_LOG_LEVEL: fatal, error, warn, info (default), debug, trace or silent. */
  logLevel: LogLevel;
  /** CROSSWALK_METRICS_PORT: a second listener serving GET /metrics without a token; null (default): none. */
  metricsPort: number | null;
  /** CROSSWALK_METRICS_HOST: where that listener binds (default 127.0.0.1). */
  metricsHost: string;
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
  const rateLimitPerMinute = Number(env.CROSSWALK_RATE_LIMIT ?? DEFAULT_RATE_LIMIT_PER_MINUTE);
  if (!Number.isSafeInteger(rateLimitPerMinute) || rateLimitPerMinute < 0) {
    throw new ConfigError(`CROSSWALK_RATE_LIMIT must be a whole number of requests per minute (0: no limit); got "${env.CROSSWALK_RATE_LIMIT}"`);
  }
  const mib = (name: string, fallback: number): number => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isSafeInteger(value) || value < 1) throw new ConfigError(`${name} must be a positive whole number of MiB; got "${env[name]}"`);
    return value;
  };
  const exportMemoryMib = mib('CROSSWALK_EXPORT_MEMORY_MIB', DEFAULT_EXPORT_BYTES_IN_FLIGHT / 1024 / 1024);
  const exportWorkerMib = mib('CROSSWALK_EXPORT_WORKER_MIB', EXPORT_WORKER_HEAP_MIB);
  const logLevel = (env.CROSSWALK_LOG_LEVEL ?? 'info').trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`CROSSWALK_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${env.CROSSWALK_LOG_LEVEL}"`);
  }
  const databaseUrl = parseDatabaseUrl(env.CROSSWALK_DATABASE_URL);
  const databasePoolSize = Number(env.CROSSWALK_DATABASE_POOL_SIZE ?? DEFAULT_POOL_SIZE);
  if (!Number.isSafeInteger(databasePoolSize) || databasePoolSize < 1) {
    throw new ConfigError(`CROSSWALK_DATABASE_POOL_SIZE must be a positive whole number of connections; got "${env.CROSSWALK_DATABASE_POOL_SIZE}"`);
  }
  const databaseStatementTimeoutMs = Number(env.CROSSWALK_DATABASE_STATEMENT_TIMEOUT_MS ?? 0);
  if (!Number.isSafeInteger(databaseStatementTimeoutMs) || databaseStatementTimeoutMs < 0) {
    throw new ConfigError(
      `CROSSWALK_DATABASE_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds (0: no limit); got "${env.CROSSWALK_DATABASE_STATEMENT_TIMEOUT_MS}"`,
    );
  }
  let metricsPort: number | null = null;
  if (env.CROSSWALK_METRICS_PORT !== undefined && env.CROSSWALK_METRICS_PORT.trim() !== '') {
    metricsPort = Number(env.CROSSWALK_METRICS_PORT);
    if (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535) {
      throw new ConfigError(`CROSSWALK_METRICS_PORT must be an integer from 0 to 65535 (or unset: no separate metrics listener); got "${env.CROSSWALK_METRICS_PORT}"`);
    }
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    databaseFile: resolve(dataDir, 'crosswalk.db'),
    databaseUrl,
    databasePoolSize,
    databaseStatementTimeoutMs,
    seedCatalogs: env.CROSSWALK_SEED ?? 'all',
    adminToken: env.CROSSWALK_ADMIN_TOKEN || undefined,
    maxUploadBytes,
    persistedQueries: persistedQueries === 'on',
    lockWaitMs,
    rateLimitPerMinute,
    exportMemoryMib,
    exportWorkerMib,
    corsOrigins: parseCorsOrigins(env.CROSSWALK_CORS_ORIGINS),
    logLevel: logLevel as LogLevel,
    metricsPort,
    metricsHost: env.CROSSWALK_METRICS_HOST?.trim() || '127.0.0.1',
  };
}

/**
 * CROSSWALK_DATABASE_URL: unset or empty selects the SQLite file; otherwise a PostgreSQL
 * connection URL (`postgres://` or `postgresql://`, as libpq and node-postgres read it). The
 * message about a bad value never repeats the value: it may hold a password.
 */
export function parseDatabaseUrl(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  const example = 'postgres://user:password@host:5432/crosswalk';
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigError(`CROSSWALK_DATABASE_URL is not a URL; set it to a PostgreSQL URL such as ${example}, or unset it to use the SQLite file in CROSSWALK_DATA_DIR`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      `CROSSWALK_DATABASE_URL must start with postgres:// or postgresql:// (got ${url.protocol}//…); set it to a PostgreSQL URL such as ${example}, or unset it to use the SQLite file in CROSSWALK_DATA_DIR`,
    );
  }
  return value.trim();
}

/** Where the data is, for logs: the SQLite file, or the PostgreSQL server and database without user or password. */
export function describeDatabase(config: Pick<Config, 'databaseFile' | 'databaseUrl'>): string {
  if (config.databaseUrl === null) return config.databaseFile;
  const url = new URL(config.databaseUrl);
  return `postgres://${url.host}${url.pathname}`;
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
      throw new ConfigError(
        `CROSSWALK_CORS_ORIGINS must be a comma-separated list of origins such as https://dash.example.com,http://localhost:5173 (http or https, host, optional port; no path, no wildcard); "${entry}" is not one`,
      );
    }
    return url!.origin;
  });
}
