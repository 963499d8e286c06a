import { defineConfig } from 'vitest/config';

/** `npm run test:e2e`: the browser tests (test/e2e, *.e2e.ts), apart from `npm test`. See docs/dashboard.md. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 90_000,
    // What the page shows arrives over HTTP on a busy machine: polls wait for it, up to 30 s.
    expect: { poll: { timeout: 30_000, interval: 100 } },
    hookTimeout: 60_000,
    // One browser at a time on a small machine; the server is shared.
    fileParallelism: false,
    pool: 'forks',
  },
});
