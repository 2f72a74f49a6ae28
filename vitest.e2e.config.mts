import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: Chromium against the browser harness (tests/e2e). One file at a time in one
 * fork (each file starts its own harness and browser), generous timeouts for a busy 2-core CI box.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
