import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@chronicle/source'] },
  ssr: { resolve: { conditions: ['@chronicle/source'] } },
  // Each file boots PGlite and talks to PostgreSQL in databases of its own, with servers
  // on ports of their own: files may run side by side, as in packages/db.
  test: {
    name: 'server',
    // Reads every log line of the run for patient data once all files have run.
    globalSetup: ['./test/support/check-logs.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
