/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (The function the benchmark hands to waitForFunction runs in the page, on its DOM.)
// The console's patients worklist with a large practice: how long after navigation its
// first page is usable (25 rows shown and the pager ready), in headless Chromium, against
// the same page of the API asked for directly in the same run. Run from the repository
// root after `pnpm build` (the console's build is served):
//   node --conditions=@chronicle/source --import tsx bench/console-worklist.ts \
//     [--patients 10000] [--runs 7] [--db DIR_OR_URL] [--json FILE]
// The practice (seed 1, 11 months of 2026) is imported into a fresh embedded database
// (or the PostgreSQL database --db names) with a care manager to sign in as; the server
// runs in this process, Chromium (Debian's, or CHROMIUM_PATH) in its own, the console's
// build from apps/console/dist (or CONSOLE_DIST). --json writes the results for the
// suite's runner (bench/run.ts).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connect, importDataset } from '@chronicle/db';
import { startServer } from '@chronicle/server';
import { generateDataset } from '@chronicle/synthetic';
import { chromium } from 'playwright-core';
import { createCareManager, EMAIL, ORG, PASSWORD, setCareManagerPassword } from './care-manager.js';
import { median, writeResults, type BenchResult } from './support.js';

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '7' },
    db: { type: 'string' },
    json: { type: 'string' },
  },
});
const CONSOLE =
  process.env.CONSOLE_DIST ?? fileURLToPath(new URL('../apps/console/dist', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(join(CONSOLE, 'index.html')))
  throw new Error('build the console first: pnpm build');

const work = mkdtempSync(join(tmpdir(), 'chronicle-console-bench-'));
const db = values.db ?? join(work, 'data');
const runs = Number(values.runs);
const results: BenchResult[] = [];
try {
  const conn = await connect({ url: db });
  const dataset = generateDataset({
    seed: 1,
    patients: Number(values.patients),
    year: 2026,
    months: 11,
  });
  let t = performance.now();
  await importDataset(conn.db, { orgId: ORG, actor: 'bench', dataset });
  const importMs = performance.now() - t;
  await createCareManager(conn.db);
  await setCareManagerPassword(conn.db);
  await conn.close();
  console.log(
    `${dataset.patients.length} patients imported in ${(importMs / 1000).toFixed(0)} s into ${values.db ? 'PostgreSQL' : 'the embedded database'}`,
  );

  const server = await startServer({
    db,
    env: { PORT: '0', CONSOLE_DIR: CONSOLE, CHRONICLE_DEMO: '0', LOG_LEVEL: 'warn' },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.url);
    await page.getByLabel('Organization').fill(ORG);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('patient-row').nth(24).waitFor();
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const month = new Date().toISOString().slice(0, 7);
    const practices = (await (
      await fetch(`${server.url}/api/trpc/patients.practices`, { headers: { cookie } })
    ).json()) as { result: { data: Array<{ id: string }> } };
    const practiceId = practices.result.data[0]?.id as string;
    const listUrlWith = (filter: Record<string, unknown>) =>
      `${server.url}/api/trpc/patients.list?input=` +
      encodeURIComponent(
        JSON.stringify({
          practiceId,
          page: { index: 0, size: 25 },
          sort: { field: 'name', direction: 'asc' },
          month,
          ...filter,
        }),
      );
    const listUrl = listUrlWith({});
    const timedFetch = async (url: string) => {
      const start = performance.now();
      const res = await fetch(url, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`patients.list: ${res.status}`);
      const body = (await res.json()) as { result: { data: { total: number } } };
      return { ms: performance.now() - start, total: body.result.data.total };
    };

    const pageMs: number[] = [];
    const apiMs: number[] = [];
    for (let run = 0; run <= Number(values.runs); run++) {
      // Baseline: the first page's request alone, as the console sends it.
      t = performance.now();
      const res = await fetch(listUrl, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`patients.list: ${res.status}`);
      await res.arrayBuffer();
      const api = performance.now() - t;
      // The console: navigation until the first page's rows and the pager are ready, read
      // by the page itself on each frame (Playwright's own waits poll at growing
      // intervals, up to half a second late) against the navigation's start.
      await page.goto(server.url, { waitUntil: 'commit' });
      const ready = await page.waitForFunction(
        () => {
          const rows = document.querySelectorAll('[data-testid="patient-row"]').length;
          const pager = [...document.querySelectorAll('button')].some(
            (b) => b.textContent === 'Next',
          );
          return rows >= 25 && pager ? performance.now() : false;
        },
        undefined,
        { polling: 'raf' },
      );
      const shown = Number(await ready.jsonValue());
      if (run === 0) continue; // warm-up
      apiMs.push(api);
      pageMs.push(shown);
      console.log(
        `  run ${run}: page usable after ${shown.toFixed(0)} ms; the API's page alone ${api.toFixed(0)} ms`,
      );
    }
    const ratios = pageMs.map((p, i) => p / (apiMs[i] as number));
    console.log(
      `median: page usable after ${median(pageMs).toFixed(0)} ms (target 1000 ms); ` +
        `API page ${median(apiMs).toFixed(0)} ms; page / API ${median(ratios).toFixed(2)}`,
    );
    const database = values.db ? 'PostgreSQL' : 'PGlite';
    results.push({
      name: 'console-worklist/page',
      metric: `worklist usable after navigation, ${database}, ${dataset.patients.length} patients`,
      unit: 'ms',
      value: median(pageMs),
      baseline: { name: "the API's first page alone", value: median(apiMs) },
      ratio: median(ratios),
      better: 'lower',
      runs,
      notes: 'target: usable within 1000 ms',
    });

    // The saved views' first pages from the API, each against the unfiltered page asked
    // for just before it: "10 minutes or less from the next level" computes the month
    // status of every patient of the practice before it can cut a page.
    const views = {
      'eligible, not enrolled': { enrollment: ['none', 'candidate', 'invited'], eligible: true },
      '10 minutes or less from the next level': { nearNextLevel: { withinMinutes: 10 } },
    };
    for (const [name, filter] of Object.entries(views)) {
      const viewMs: number[] = [];
      const baseMs: number[] = [];
      let total = 0;
      for (let run = 0; run <= Number(values.runs); run++) {
        const base = await timedFetch(listUrl);
        const view = await timedFetch(listUrlWith(filter));
        if (run === 0) continue;
        baseMs.push(base.ms);
        viewMs.push(view.ms);
        total = view.total;
      }
      const viewRatios = viewMs.map((v, i) => v / (baseMs[i] as number));
      console.log(
        `view "${name}" (${total} patients): first page ${median(viewMs).toFixed(0)} ms; ` +
          `unfiltered page ${median(baseMs).toFixed(0)} ms; view / unfiltered ${median(viewRatios).toFixed(2)}`,
      );
      results.push({
        name: `console-worklist/view/${name.replaceAll(/[^a-z0-9]+/g, '-')}`,
        metric: `saved view "${name}" from the API, ${database}, ${total} matches`,
        unit: 'ms',
        value: median(viewMs),
        baseline: { name: 'the unfiltered first page', value: median(baseMs) },
        ratio: median(viewRatios),
        better: 'lower',
        runs,
      });
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  writeResults(values.json, results);
} finally {
  if (!values.db) rmSync(work, { recursive: true, force: true });
}
