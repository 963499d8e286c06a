import { defineConfig } from 'vitest/config';

/** `npm run test:e2e`: the browser tests (test/e2e, *.e2e.ts), apart from `npm test`. See docs/dashboard.md. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One browser at a time on a small machine; the server is shared.
    fileParallelism: false,
    pool: 'forks',
  },
});
