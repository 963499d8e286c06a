import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the migrated template database every test database is copied from.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Files and the tests in each file run in a random order (the seed is printed; repeat an
    // order with --sequence.seed=<n>): no test may depend on another having run before it.
    sequence: { shuffle: { files: true, tests: true } },
  },
});
