import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@chronicle/source'] },
  ssr: { resolve: { conditions: ['@chronicle/source'] } },
  // Each file boots PGlite and talks to PostgreSQL in a database of its own, as in
  // packages/db: files may run side by side.
  test: { name: 'api', testTimeout: 60_000, hookTimeout: 120_000 },
});
