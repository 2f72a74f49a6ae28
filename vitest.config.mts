import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'migrations/**/*.test.ts', 'electron/**/*.test.ts', 'packaging/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // The database driver is a native module: separate processes, not worker threads.
    pool: 'forks',
    // A test that asserts nothing cannot fail: every test must call expect at least once.
    expect: { requireAssertions: true },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
