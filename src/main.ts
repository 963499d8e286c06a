/** `npm start`: runs the service until SIGTERM or SIGINT, then shuts down gracefully. */
import { loadConfig, type Config } from './config.js';
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
console.log(`Crosswalk ready in ${Date.now() - started} ms`);
console.log(`  GraphQL API and explorer: ${instance.url}/graphql`);
console.log(`  database: ${config!.databaseFile}`);

let shuttingDown = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log(`${signal} received: finishing in-flight requests`);
    instance.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed', error);
        process.exit(1);
      },
    );
  });
}
