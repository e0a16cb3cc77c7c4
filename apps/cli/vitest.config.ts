import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@chronicle/source'] },
  ssr: { resolve: { conditions: ['@chronicle/source'] } },
  // Database tests boot PGlite and PostgreSQL: the root config's timeouts, not the 5-10 s defaults.
  test: { name: 'cli', testTimeout: 60_000, hookTimeout: 60_000 },
});
