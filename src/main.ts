/** `npm start`: runs the service until SIGTERM or SIGINT, then shuts down gracefully. */
import { describeDatabase, loadConfig, type Config } from './config.js';
import { startCrosswalk, type Instance } from './server.js';
import { exitOnStartupFailure } from './startup-failure.js';

let config: Config | undefined;
let instance: Instance;
const started = Date.now();
try {
  config = loadConfig();
  instance = await startCrosswalk(config);
} catch (error) {
  // A configuration mistake (bad variable, port in use, …) is one line with exit code 2.
  exitOnStartupFailure(error, 'crosswalk', config);
}
// An unexpected error outside any request: logged with its stack, then the process ends.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    instance.logger.fatal({ err: error }, event);
    instance.logger.flush(() => process.exit(1));
  });
}
const logger = instance.logger;
logger.info({ readyMs: Date.now() - started, database: describeDatabase(config!), metrics: instance.metricsUrl }, `Crosswalk ready in ${Date.now() - started} ms`);
logger.info(`GraphQL API and explorer: ${instance.url}/graphql`);
if (instance.metricsUrl) logger.info(`Metrics without a token: ${instance.metricsUrl}/metrics`);

let shuttingDown = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info(`${signal} received: finishing in-flight requests`);
    instance.stop().then(
      () => logger.flush(() => process.exit(0)),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        logger.flush(() => process.exit(1));
      },
    );
  });
}
