import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// The JavaScript a browser loads before the console can show anything: every script and
// module preload the built index.html names, gzipped as a server would send it. Guards
// the budget of 350 KB (gzip) as dependencies are added.

// CONSOLE_DIST: a build of one's own, as the browser tests take it (support/console.ts).
const DIST = process.env.CONSOLE_DIST ?? fileURLToPath(new URL('../dist', import.meta.url));
const BUDGET_BYTES = 350 * 1024;

describe("the console's initial JavaScript", () => {
  it('stays under 350 KB gzipped', () => {
    const index = join(DIST, 'index.html');
    if (!existsSync(index))
      throw new Error(`no console build in ${DIST}: run "pnpm exec turbo run build" first`);
    const html = readFileSync(index, 'utf8');
    const scripts = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/([^"]+\.js)"/g)].map(
      (m) => m[1] as string,
    );
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce(
      (sum, file) => sum + gzipSync(readFileSync(join(DIST, file))).length,
      0,
    );
    expect(gzipped).toBeGreaterThan(10 * 1024);
    expect(gzipped).toBeLessThan(BUDGET_BYTES);
  });
});
