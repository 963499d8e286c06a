/**
 * Starts a whole Crosswalk instance: open (and migrate) the database, load the built-in
 * catalogs into an empty database, serve HTTP, then make sure an ADMIN token exists. `stop()` finishes in-flight requests, then
 * closes the database.
 */
import type { Config } from './config.js';
import { Store, type StoreOptions } from './db/store.js';
import { exportWorker } from './services/export-offload.js';
import { createServices, type Services } from './services/index.js';
import { listen } from './http/app.js';
import { seedIfEmpty } from './services/seeding.js';

export interface Instance {
  url: string;
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
  log?: (message: string) => void;
}

export async function startCrosswalk(config: Config, options: StartOptions = {}): Promise<Instance> {
  const log = options.log ?? ((message: string) => console.log(message));
  const store = Store.open(config.databaseFile, { lockWaitMs: config.lockWaitMs, ...options.store });
  try {
    exportWorker.heapMib = config.exportWorkerMib;
    const services = createServices(store, options.clock, { exportBytesInFlight: config.exportMemoryMib * 1024 * 1024 });
    await services.evidenceFiles.start({ dataDir: config.dataDir, maxUploadBytes: config.maxUploadBytes }, log);
    await seedIfEmpty(store, services, config.seedCatalogs, log);
    const running = await listen(
      {
        store,
        services,
        maximumQueryCost: options.maximumQueryCost,
        persistedQueries: config.persistedQueries,
        rateLimitPerMinute: options.rateLimitPerMinute ?? config.rateLimitPerMinute,
        corsOrigins: config.corsOrigins,
        coverageRowsPerCostUnit: options.coverageRowsPerCostUnit,
      },
      config.port,
      config.host,
    );
    // The ADMIN token is created (and its secret printed) only once the server listens: a start
    // that fails before (a port in use) creates none, so the next start still prints one.
    try {
      const { printedSecret } = await services.tokens.bootstrap(config.adminToken);
      if (printedSecret) {
        log(`Created an ADMIN API token. It is shown only this once; store it now:\n\n    ${printedSecret}\n`);
      }
    } catch (error) {
      await running.stop();
      throw error;
    }
    let stopping: Promise<void> | undefined;
    return {
      url: running.url,
      store,
      services,
      stop: () =>
        (stopping ??= (async () => {
          await running.stop();
          await services.failedAuth.stop();
          await services.tokens.usage.stop();
          await store.close();
        })()),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
