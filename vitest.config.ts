import { configDefaults, defineConfig } from 'vitest/config';

// Unit tests: pure logic, no browser. The real-browser suite has its own config (vitest.e2e.config.ts), and so do
// the tests that write gigabytes (vitest.slow.config.ts, their own step of `npm test`).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/replica/**/*.test.ts'],
    exclude: [...configDefaults.exclude, '**/*.slow.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Files that start a replica (HTTPS server, generated corpus) in `beforeAll` took over the default 10 s on a
    // machine loaded by parallel builds; a hook that slow is load, not a fault.
    hookTimeout: 60_000,
  },
});
