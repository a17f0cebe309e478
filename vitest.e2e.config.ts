import { defineConfig } from 'vitest/config';

// Real-browser tests: the shipped build in Debian's Chromium against the local replica. One file at a time,
// since each starts its own browser and they share one replica.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A real browser on two busy cores now and then misses a beat that no user would: a failed test gets one more
    // try, and `npm test` names every test that needed it (with its first failure) so a flake is seen, not hidden.
    retry: 1,
  },
});
