/**
 * The server side of `npm run loadtest`, run as a child process (so the load generator does not
 * share its event loop): a Crosswalk instance on 127.0.0.1 with a fresh data directory seeded
 * with the built-in catalogs. Reads LOADTEST_DATA_DIR, LOADTEST_ADMIN_TOKEN and LOADTEST_SEED;
 * reports `{ url }` over IPC once listening and stops cleanly on a 'stop' message or SIGTERM.
 * Unexpected errors are written to stderr as JSON log records (level 50 and up, src/ops/log.ts).
 */
import { loadConfig } from '../../src/config.js';
import { startCrosswalk } from '../../src/server.js';
import { createLogger } from '../../src/ops/log.js';

const dataDir = process.env.LOADTEST_DATA_DIR;
const adminToken = process.env.LOADTEST_ADMIN_TOKEN;
if (!dataDir || !adminToken || !process.send) {
  console.error('test/load/server.ts is started by test/load/run.ts');
  process.exit(2);
}

const config = loadConfig({
  CROSSWALK_DATA_DIR: dataDir,
  PORT: '0',
  HOST: '127.0.0.1',
  CROSSWALK_ADMIN_TOKEN: adminToken,
  CROSSWALK_SEED: process.env.LOADTEST_SEED ?? 'all',
  // The load test drives one token hard: no per-token request limit.
  CROSSWALK_RATE_LIMIT: '0',
});
// Startup messages are not wanted; unexpected request errors go to stderr (the runner counts them).
const logger = createLogger({ level: 'error', pretty: false, destination: process.stderr });
const instance = await startCrosswalk(config, { log: () => {}, logger });
process.send({ url: instance.url });

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await instance.stop();
  process.send?.({ stopped: true });
  process.disconnect?.();
  process.exit(0);
}
process.on('message', (message) => {
  if (message === 'stop') void stop();
});
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
