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
    // leave the other core idle. Two at once. Every file keeps its state apart (its own
    // databases, data folders, ports and browser), so no project sets fileParallelism:
    // false, which would put its files in one queue run after all the others, one by one.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
