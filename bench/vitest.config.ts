import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@chronicle/source'] },
  ssr: { resolve: { conditions: ['@chronicle/source'] } },
  // The suite's smoke run starts every benchmark in turn (databases, servers, Chromium):
  // about a minute and a half on a quiet machine with two cores, longer beside other tests.
  test: { name: 'bench', testTimeout: 600_000 },
});
