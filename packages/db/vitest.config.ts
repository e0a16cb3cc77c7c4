import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@chronicle/source'] },
  ssr: { resolve: { conditions: ['@chronicle/source'] } },
  // Each database test file boots PGlite (seconds) and talks to PostgreSQL, in a database
  // of its own (createTestDatabase), so files may run side by side.
  test: { name: 'db', testTimeout: 60_000, hookTimeout: 60_000 },
});
