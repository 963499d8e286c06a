/** `npm start`: runs the service until SIGTERM or SIGINT, then shuts down gracefully. */
import { loadConfig } from './config.js';
import { startCrosswalk } from './server.js';

const config = loadConfig();
const started = Date.now();
const instance = await startCrosswalk(config);
console.log(`Crosswalk ready in ${Date.now() - started} ms`);
console.log(`  GraphQL API and explorer: ${instance.url}/graphql`);
console.log(`  database: ${config.databaseFile}`);

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
