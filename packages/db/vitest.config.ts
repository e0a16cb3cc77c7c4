import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@chronicle/source'] },
  ssr: { resolve: { conditions: ['@chronicle/source'] } },
  // Each database test file boots PGlite (seconds) and talks to PostgreSQL: files run one
  // at a time so that two files never migrate the same PostgreSQL schema at once.
  test: { name: 'db', fileParallelism: false, testTimeout: 60_000, hookTimeout: 60_000 },
});
