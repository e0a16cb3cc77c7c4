// `pnpm bench` (issue 8): the suite's runner at its smoke sizes. Guards that every
// benchmark still runs and reports its figure against the baseline it measured in the same
// run, that the results and their table are written, and that a benchmark that fails is
// named while the others still run. No figure is judged: these are tiny sizes on a shared
// machine.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ADMIN_URL, DATABASE_KINDS } from '@chronicle/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRows, type SuiteResults } from '../results-table.js';
import { profileBenchmarks } from '../suite.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs bench/run.ts as `pnpm bench` does, into a fresh output folder. */
async function runSuite(
  args: string[],
): Promise<{ code: number | null; output: string; out: string }> {
  const out = mkdtempSync(join(tmpdir(), 'chronicle-bench-test-'));
  dirs.push(out);
  const child = spawn(
    process.execPath,
    ['--conditions=@chronicle/source', '--import', 'tsx', 'bench/run.ts', '--out', out, ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('close', done));
  return { code, output, out };
}

/** The benchmarks the first test runs (see there). */
const CI_SUBSET = ['audit', 'db-audit-postgres', 'report-render'];

const readResults = (out: string) =>
  JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as SuiteResults;

describe('the benchmark suite (bench/run.ts)', () => {
  it('runs benchmarks of the smoke profile, each reporting a finite ratio to its in-run baseline, and tables them', async () => {
    // Three of the profile's benchmarks (the engine, a stored audit on PostgreSQL, the
    // report): CI's run of every test is near its time budget, and the others start
    // embedded databases, servers and Chromium. `pnpm bench --profile smoke` runs them all.
    const expected = profileBenchmarks('smoke').filter(
      (b) => CI_SUBSET.includes(b.name) && (!b.postgres || DATABASE_KINDS.includes('postgres')),
    );
    const { code, output, out } = await runSuite([
      ...['--profile', 'smoke', '--postgres', ADMIN_URL],
      ...['--only', expected.map((b) => b.name).join(',')],
    ]);
    expect(code, output.slice(-4000)).toBe(0);

    const results = readResults(out);
    expect(results.profile).toBe('smoke');
    expect(results.machine.node).toBe(process.version);
    expect(results.machine.cpus).toBeGreaterThan(0);
    expect(results.machine.commit).toMatch(/^([0-9a-f]{40}|unknown)$/);
    expect(results.benchmarks.map((b) => [b.name, b.ok])).toEqual(
      expected.map((b) => [b.name, true]),
    );
    const table = readFileSync(join(out, 'results.md'), 'utf8');
    expect(table).toContain('| benchmark | what | baseline | value | ratio | better | runs |');
    for (const benchmark of expected) {
      const rows = results.rows.filter((r) => r.benchmark === benchmark.name);
      expect(rows.length, benchmark.name).toBeGreaterThan(0);
      for (const row of rows) {
        expect(Number.isFinite(row.ratio) && row.ratio > 0, `${row.name}: ${row.ratio}`).toBe(true);
        expect(row.value > 0 && row.baseline.value > 0, row.name).toBe(true);
      }
      expect(table).toContain(`\n| ${benchmark.name} | `);
    }
    // The table is printed as well as written.
    expect(output).toContain(table.split('\n')[0]);
  });

  it('names a benchmark that fails, still runs the rest, and exits non-zero', async () => {
    // Nothing listens on port 1: the PostgreSQL benchmark fails at once.
    const { code, output, out } = await runSuite([
      ...['--profile', 'smoke', '--postgres', 'postgres://postgres@127.0.0.1:1/postgres'],
      ...['--only', 'db-audit-postgres,report-render'],
    ]);
    expect(code, output.slice(-4000)).toBe(1);
    expect(output).toMatch(/benchmarks failed: db-audit-postgres \(exited with code \d+\)/);

    const results = readResults(out);
    expect(results.benchmarks.map((b) => [b.name, b.ok])).toEqual([
      ['db-audit-postgres', false],
      ['report-render', true],
    ]);
    expect(results.rows.map((r) => r.benchmark)).toEqual([
      'report-render',
      'report-render',
      'report-render',
    ]);
    expect(readFileSync(join(out, 'results.md'), 'utf8')).toContain('Failed: db-audit-postgres.');
  });

  it('refuses a benchmark name it does not know, listing those it does', async () => {
    const { code, output } = await runSuite(['--only', 'audit,no-such-benchmark']);
    expect(code).toBe(2);
    expect(output).toContain('--only: no benchmark "no-such-benchmark" (audit, db-audit-postgres');
  });

  it('takes no row without a finite positive figure: JSON writes a NaN ratio as null', () => {
    const row = {
      name: 'audit-throughput',
      metric: 'audit',
      unit: 'ms',
      value: 20,
      baseline: { name: 'parse', value: 10 },
      ratio: 2,
      better: 'lower',
      runs: 1,
    };
    expect(checkRows(JSON.stringify([row]))).toEqual({ ok: true, rows: [row] });
    expect(checkRows(JSON.stringify([{ ...row, ratio: NaN }]))).toEqual({
      ok: false,
      error: 'result audit-throughput: ratio null',
    });
    expect(checkRows(JSON.stringify([{ ...row, baseline: { name: 'parse', value: 0 } }])).ok).toBe(
      false,
    );
    expect(checkRows('[]')).toEqual({ ok: false, error: 'it reported no results' });
  });
});
