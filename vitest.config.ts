import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Each test file gets its own SQLite files and PostgreSQL schema, so files can run in parallel.
    pool: 'forks',
  },
});
