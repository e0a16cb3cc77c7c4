import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One run covers every workspace; each package has its own project config.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'plugins/*', 'scripts', 'bench'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Vitest's default is one worker fewer than the cores: on CI's two cores, one file at a
    // time, while most files wait on child processes (servers, Chromium, PostgreSQL) and
    // leave the other core idle (the whole run then took about 29 minutes). Two at once;
    // projects whose files share state still run their own files one by one
    // (fileParallelism: false in their configs).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
