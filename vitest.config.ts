import { defineConfig } from 'vitest/config';

/**
 * Two projects run the same suite: one on the embedded store (PGlite) and one on the PostgreSQL server.
 * `test/setup/backend.ts` reads AMONT_TEST_BACKEND to decide which store a test opens.
 * The postgres project is skipped with a visible message when no server answers, unless CI=true.
 */
export default defineConfig({
  test: {
    globalSetup: ['test/setup/global-setup.ts'],
    // Generous: a loaded 2-core machine makes PGlite start-ups and CLI subprocesses slow; speed is benchmarked.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    sequence: { shuffle: true },
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'pglite',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          env: { AMONT_TEST_BACKEND: 'pglite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['src/**/*.test.ts'],
          env: { AMONT_TEST_BACKEND: 'postgres' },
        },
      },
    ],
  },
});
