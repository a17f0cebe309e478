import { defineConfig } from 'vitest/config';

// Unit tests that take minutes (a zip past 4 GiB written to disk and read back; every corpus message saved by
// every route of Attachments (.zip) and compared): the `slow` step of `npm test`.
export default defineConfig({
  test: {
    include: ['src/**/*.slow.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
  },
});
