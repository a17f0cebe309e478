import { defineConfig } from 'vitest/config';

// Unit tests: pure logic, no browser. The real-browser suite has its own config (vitest.e2e.config.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/replica/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
