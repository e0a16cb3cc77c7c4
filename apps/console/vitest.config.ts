import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@chronicle/source'] },
  ssr: { resolve: { conditions: ['@chronicle/source'] } },
  // The browser tests drive the system Chromium against a real server on the embedded
  // database, serving the console's build.
  test: { name: 'console', fileParallelism: false, testTimeout: 60_000, hookTimeout: 120_000 },
});
