/**
 * The server under test, run as a child process of the benchmark (so autocannon and the server do
 * not share an event loop, and the server's peak RSS is its own). Configured from the environment
 * like `npm start`; reports its URL over IPC and stops gracefully on the message 'stop'.
 */
import { loadConfig } from '../../src/config.js';
import { startCrosswalk } from '../../src/server.js';

const instance = await startCrosswalk(loadConfig(process.env), { log: () => {} });
process.send?.({ url: instance.url });
process.on('message', (message) => {
  if (message === 'memory') process.send?.({ memory: process.memoryUsage() });
  if (message !== 'stop') return;
  instance.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
