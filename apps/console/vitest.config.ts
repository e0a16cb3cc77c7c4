import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@chronicle/source'] },
  ssr: { resolve: { conditions: ['@chronicle/source'] } },
  // The browser tests drive the system Chromium against a real server on the embedded
  // database, serving the console's build: each file its own server, data folder and
  // browser, so files may run side by side.
  test: {
    name: 'console',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // What a page shows after a click or a sign-in can take seconds on a machine busy with
    // other test files (expect.poll's own default is 1 s, which failed CI once).
    expect: { poll: { timeout: 20_000 } },
  },
});
