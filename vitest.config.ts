import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Generous: the CLI tests start many processes, which a busy 2-core machine runs slowly. A limit catches a hang;
    // speed is measured by the benchmarks, never here.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Each test file gets its own SQLite files and PostgreSQL schema, so files can run in parallel.
    pool: 'forks',
    setupFiles: ['tests/helpers/guard-pipeline-file.ts'],
  },
});
