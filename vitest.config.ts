import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances and servers are heavy: two cores, so two files at a time.
    maxWorkers: 2,
    pool: 'forks',
  },
});
