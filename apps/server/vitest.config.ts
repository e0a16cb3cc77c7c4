import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@chronicle/source'] },
  ssr: { resolve: { conditions: ['@chronicle/source'] } },
  // Each file boots PGlite and talks to PostgreSQL; one file at a time, as in packages/db.
  test: { name: 'server', fileParallelism: false, testTimeout: 60_000, hookTimeout: 120_000 },
});
