/**
 * `npm start`: runs the service until SIGTERM or SIGINT, then shuts down gracefully. A signal
 * during the start (PostgreSQL still being waited for) gives the start up: the process ends with
 * exit code 0 once the start has let go of what it opened.
 */
import { describeDatabase, loadConfig, type Config } from './config.js';
import { startCrosswalk, type Instance } from './server.js';
import { exitOnStartupFailure } from './startup-failure.js';

let config: Config | undefined;
let instance: Instance | undefined;
let stopSignal: NodeJS.Signals | null = null;
const giveUpStart = new AbortController();

/** Stops the running instance (once), then ends the process. */
function stop(signal: NodeJS.Signals, running: Instance): void {
  const logger = running.logger;
  logger.info(`${signal} received: finishing in-flight requests`);
  running.stop().then(
    () => logger.flush(() => process.exit(0)),
    (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      logger.flush(() => process.exit(1));
    },
  );
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopSignal) return;
    stopSignal = signal;
    if (instance) stop(signal, instance);
    else giveUpStart.abort();
  });
}

const started = Date.now();
try {
  config = loadConfig();
  instance = await startCrosswalk(config, { signal: giveUpStart.signal });
} catch (error) {
  if (stopSignal) {
    console.error(`crosswalk: ${stopSignal} received while starting; stopped before serving`);
    process.exit(0);
  }
  // A configuration mistake (bad variable, port in use, …) is one line with exit code 2.
  exitOnStartupFailure(error, 'crosswalk', config);
}
const running = instance!;
// An unexpected error outside any request: logged with its stack, then the process ends.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    running.logger.fatal({ err: error }, event);
    running.logger.flush(() => process.exit(1));
  });
}
const logger = running.logger;
logger.info({ readyMs: Date.now() - started, database: describeDatabase(config!), metrics: running.metricsUrl }, `Crosswalk ready in ${Date.now() - started} ms`);
logger.info(`GraphQL API and explorer: ${running.url}/graphql`);
if (running.metricsUrl) logger.info(`Metrics without a token: ${running.metricsUrl}/metrics`);
// A signal that came while the start was finishing (past the point where it could give up).
if (stopSignal) stop(stopSignal, running);
