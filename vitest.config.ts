import { defineConfig } from 'vitest/config';

// One run covers every workspace; each package has its own project config.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'plugins/*', 'scripts', 'bench'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
