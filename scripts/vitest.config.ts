import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@chronicle/source'] },
  ssr: { resolve: { conditions: ['@chronicle/source'] } },
  // The repository checks start Node with tsx and load every rule and the API's router:
  // seconds on a quiet machine, more than vitest's 5 s default on a busy one.
  test: { name: 'scripts', testTimeout: 120_000 },
});
