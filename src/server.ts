/**
 * Starts a whole Crosswalk instance: open (and migrate) the database, load the built-in
 * catalogs into an empty database, serve HTTP, then make sure an ADMIN token exists. On
 * PostgreSQL it serves HTTP first (every request but /healthz and /readyz answered 503 until the
 * rest is done) and retries while the database cannot be reached. `stop()` finishes in-flight requests, then
 * closes the database.
 */
import type { Config } from './config.js';
import { migrateStore, openStore } from './db/open-store.js';
import type { Store, StoreOptions } from './db/store.js';
import { exportWorker } from './services/export-offload.js';
import { createServices, type Services } from './services/index.js';
import { exportSettings } from './services/export-service.js';
import { listen } from './http/app.js';
import { seedIfEmpty } from './services/seeding.js';
import { openEvidenceFileStorage } from './services/evidence-files-storage.js';
import { createLogger, type Logger } from './ops/log.js';
import { Metrics } from './ops/metrics.js';
import { FiguresRefresher } from './ops/figures-refresher.js';
import { OperationsFigures } from './services/operations-figures.js';
import { listenForScrapes, type MetricsListener } from './http/metrics-route.js';
import { ConfigError } from './config.js';
import { listenForChanges, type ChangeListener } from './db/pg-change-listener.js';

export interface Instance {
  url: string;
  /** The token-less metrics listener's address (CROSSWALK_METRICS_PORT); null without one. */
  metricsUrl: string | null;
  logger: Logger;
  metrics: Metrics;
  /** Keeps the dashboard gauges current; `refresh()` runs a pass now. */
  figures: FiguresRefresher;
  store: Store;
  services: Services;
  stop(): Promise<void>;
}

export interface StartOptions {
  store?: StoreOptions;
  /** Overrides the per-request query cost cap (tests of deliberately huge queries). */
  maximumQueryCost?: number;
  /** Overrides CROSSWALK_RATE_LIMIT (requests per token and minute; 0: off). */
  rateLimitPerMinute?: number;
  /** Overrides COVERAGE_ROWS_PER_COST_UNIT (tests weigh a small catalog like a large one). */
  coverageRowsPerCostUnit?: number;
  clock?: () => Date;
  /** Start-up messages (seeding, …); default: info lines of the logger. */
  log?: (message: string) => void;
  /** Default: JSON lines on stdout at CROSSWALK_LOG_LEVEL (src/ops/log.ts). */
  logger?: Logger;
  /**
   * How often the dashboard gauges check for changes (default FIGURES_INTERVAL_MS); null: never
   * by themselves, only when `figures.refresh()` is called (tests that count statements or cache
   * misses).
   */
  figuresIntervalMs?: number | null;
  /**
   * PostgreSQL: listen for the changes other instances commit (db/pg-change-listener.ts) and
   * patch the coverage cache when told (default true). Off in tests that count cache rebuilds.
   */
  changeNotifications?: boolean;
  /** Gives up a start still waiting for an unreachable PostgreSQL (the start then fails with DATABASE_UNAVAILABLE). */
  signal?: AbortSignal;
}

export async function startCrosswalk(config: Config, options: StartOptions = {}): Promise<Instance> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const log = options.log ?? ((message: string) => logger.info(message));
  // Opened (SQLite: and migrated); PostgreSQL is migrated in `prepare`.
  const store = await openStore(config, options.store, { deferMigrations: true });
  // SQLite: files under the data directory; PostgreSQL: in the database, over a pool of its own.
  const files = await openEvidenceFileStorage(config);
  try {
    exportWorker.heapMib = config.exportWorkerMib;
    const services = createServices(store, options.clock, { exportBytesInFlight: config.exportMemoryMib * 1024 * 1024, exports: exportSettings(config) });
    const metrics = new Metrics();
    const figures = new FiguresRefresher(new OperationsFigures(store, services.coverage), metrics, {
      logger,
      intervalMs: options.figuresIntervalMs ?? undefined,
    });
    const automatic = options.figuresIntervalMs !== null;
    // SQLite is prepared before listening (a start that fails there never listened). PostgreSQL
    // may have to be waited for: the instance listens first (/healthz answers, /readyz and the
    // rest 503 until prepared) and keeps trying to reach it.
    const prepare = async () => {
      await migrateStore(store, {
        signal: options.signal,
        onRetry: (error, retryInMs) =>
          logger.warn({ reason: error.reason, retryInMs }, `the database cannot be reached (${error.reason}); trying again in ${retryInMs} ms`),
      });
      await services.evidenceFiles.start({ dataDir: config.dataDir, maxUploadBytes: config.maxUploadBytes, storage: files.storage }, log);
      await seedIfEmpty(store, services, config.seedCatalogs, log);
    };
    const listenFirst = store.dialect === 'postgres';
    if (!listenFirst) await prepare();
    let starting = listenFirst;
    const running = await listen(
      {
        store,
        services,
        maximumQueryCost: options.maximumQueryCost,
        persistedQueries: config.persistedQueries,
        rateLimitPerMinute: options.rateLimitPerMinute ?? config.rateLimitPerMinute,
        corsOrigins: config.corsOrigins,
        coverageRowsPerCostUnit: options.coverageRowsPerCostUnit,
        logger,
        metrics,
        onDataChange: automatic ? () => figures.nudge() : undefined,
        starting: () => starting,
      },
      config.port,
      config.host,
    );
    if (listenFirst) {
      try {
        await prepare();
      } catch (error) {
        await running.stop();
        throw error;
      }
    }
    starting = false;
    // Other instances' writes: the coverage cache (and the gauges) catch up when told, not at the next read.
    let changes: ChangeListener | null = null;
    if (config.databaseUrl !== null && options.changeNotifications !== false) {
      changes = listenForChanges(config.databaseUrl, {
        onChange: (sender) => {
          // This instance's own commits: its cache is patched by its next read, its gauges were nudged by the request.
          if (sender !== null && store.ownsSession?.(sender)) return;
          services.coverage.changeAnnounced();
          if (automatic) figures.nudge();
        },
        onConnected: (again) => logger.info(`listening for changes of other instances${again ? ' again' : ''}`),
        onLost: (reason, retryInMs) => logger.warn({ reason, retryInMs }, `the connection listening for changes was lost (${reason}); trying again in ${retryInMs} ms`),
      });
    }
    let scrapes: MetricsListener | null = null;
    try {
      if (config.metricsPort !== null) scrapes = await listenForScrapes(metrics, config.metricsPort, config.metricsHost, logger);
    } catch (error) {
      await changes?.close();
      await running.stop();
      throw metricsListenFailure(error, config);
    }
    // The ADMIN token is created (and its secret printed) only once the server (and the metrics
    // listener) listen: a start that fails before (a port in use) creates none, so the next start still prints one.
    try {
      const { printedSecret } = await services.tokens.bootstrap(config.adminToken);
      if (printedSecret) {
        // Shown once, as a plain line: a secret never goes into a log record.
        (options.log ?? console.log)(`Created an ADMIN API token. It is shown only this once; store it now:\n\n    ${printedSecret}\n`);
      }
    } catch (error) {
      await changes?.close();
      await scrapes?.close();
      await running.stop();
      throw error;
    }
    if (automatic) void figures.start();
    let stopping: Promise<void> | undefined;
    return {
      url: running.url,
      metricsUrl: scrapes?.url ?? null,
      logger,
      metrics,
      figures,
      store,
      services,
      stop: () =>
        (stopping ??= (async () => {
          await running.stop();
          await changes?.close();
          // A refresh a notification started reads the database: let it end before the pool does.
          await services.coverage.settle();
          await scrapes?.close();
          await figures.stop();
          await services.failedAuth.stop();
          await services.tokens.usage.stop();
          await store.close();
          await files.close();
        })()),
    };
  } catch (error) {
    await store.close();
    await files.close();
    throw error;
  }
}

/** The metrics listener's port or host is the operator's mistake: say which variable to fix. */
function metricsListenFailure(error: unknown, config: Config): unknown {
  const code = (error as { code?: unknown })?.code;
  const where = `${config.metricsHost}:${config.metricsPort}`;
  if (code === 'EADDRINUSE') return new ConfigError(`CROSSWALK_METRICS_PORT ${config.metricsPort} is already in use on ${config.metricsHost}; set it to a free port`);
  if (code === 'EACCES') return new ConfigError(`not allowed to listen on ${where}; set CROSSWALK_METRICS_PORT to a port above 1023`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ConfigError(`CROSSWALK_METRICS_HOST=${config.metricsHost} is not an address of this machine; set it to 127.0.0.1 or a private interface's address`);
  }
  return error;
}
