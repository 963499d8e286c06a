/**
 * Starts what every e2e file uses once: the Crosswalk server with the scenario (scenario.ts) and two
 * other origins' pages (second-origin.ts), one listed in CROSSWALK_CORS_ORIGINS and one not.
 * Without Chromium: fails in CI, else tells the files to skip (and says so).
 */
import type { TestProject } from 'vitest/node';
import { chromiumMissing } from './browser.js';
import { seedScenario, startServer } from './scenario.js';
import { startSecondOrigin } from './second-origin.js';

export interface E2eContext {
  /** Why the browser tests are skipped; null when they run. */
  skip: string | null;
  url: string;
  viewerToken: string;
  adminToken: string;
  allowedOrigin: string;
  refusedOrigin: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const missing = chromiumMissing();
  if (missing) {
    if (process.env.CI) throw new Error(`npm run test:e2e needs Chromium in CI: ${missing}`);
    console.warn(`\n  SKIPPED: the browser tests (npm run test:e2e) did not run. ${missing}\n`);
    project.provide('e2e', { skip: missing, url: '', viewerToken: '', adminToken: '', allowedOrigin: '', refusedOrigin: '' });
    return async () => {};
  }
  const allowed = await startSecondOrigin(0);
  const refused = await startSecondOrigin(0);
  const allowedOrigin = `http://127.0.0.1:${allowed.port}`;
  const server = await startServer({ CROSSWALK_CORS_ORIGINS: allowedOrigin });
  try {
    const { viewerToken } = await seedScenario(server.url, server.adminToken);
    project.provide('e2e', { skip: null, url: server.url, viewerToken, adminToken: server.adminToken, allowedOrigin, refusedOrigin: `http://127.0.0.1:${refused.port}` });
  } catch (error) {
    await Promise.all([server.stop(), allowed.close(), refused.close()]);
    throw error;
  }
  return async () => {
    await Promise.all([server.stop(), allowed.close(), refused.close()]);
  };
}
