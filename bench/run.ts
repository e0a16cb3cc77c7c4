// The benchmark suite, as `pnpm bench` runs it from the repository root:
//   node --conditions=@chronicle/source --import tsx bench/run.ts \
//     [--profile full|smoke] [--only audit,api-postgres,...] [--out bench/out] \
//     [--postgres postgres://postgres@127.0.0.1:5432/postgres] [--timeout SECONDS]
// Each benchmark of bench/suite.ts runs in a child process with the workspace sources, one
// after another (never two at once: they measure), and writes its rows with `--json`.
// The rows, with the machine's facts, go to OUT/results.json and OUT/results.md; the table
// is printed. A benchmark that fails is named and the rest still run; the exit code is 1
// when any failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeMachine } from './machine.js';
import {
  checkRows,
  markdownTable,
  type BenchmarkRun,
  type SuiteResults,
  type SuiteRow,
} from './results-table.js';
import {
  PROFILES,
  profileBenchmarks,
  SUITE,
  type Benchmark,
  type Profile,
  type SuiteContext,
} from './suite.js';

const BENCH = import.meta.dirname;
const ROOT = resolve(BENCH, '..');

const { values } = parseArgs({
  options: {
    profile: { type: 'string', default: 'full' },
    only: { type: 'string' },
    out: { type: 'string', default: join(BENCH, 'out') },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    // A benchmark that outlasts this is stopped and fails (default: none in full, 5 min in smoke).
    timeout: { type: 'string' },
  },
});

function usage(message: string): never {
  console.error(`bench/run.ts: ${message}`);
  process.exit(2);
}

if (!(PROFILES as readonly string[]).includes(values.profile))
  usage(`--profile: ${PROFILES.join(' or ')}, not "${values.profile}"`);
const profile = values.profile as Profile;
const only = values.only?.split(',').map((s) => s.trim());
for (const name of only ?? [])
  if (!SUITE.some((b) => b.name === name))
    usage(`--only: no benchmark "${name}" (${SUITE.map((b) => b.name).join(', ')})`);
const selected = only ? SUITE.filter((b) => only.includes(b.name)) : profileBenchmarks(profile);
const timeoutSeconds = Number(values.timeout ?? (profile === 'smoke' ? 300 : 0));
if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0)
  usage(`--timeout: seconds, not "${values.timeout}"`);

const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const context: SuiteContext = { postgres: values.postgres, out };

/** Runs one benchmark to its end: how it went, and its rows if it gave any. */
async function run(benchmark: Benchmark, scratch: string): Promise<[BenchmarkRun, SuiteRow[]]> {
  const json = join(scratch, `${benchmark.name}.json`);
  const args = [join(BENCH, benchmark.script), ...benchmark.args[profile](context)];
  const command = `node --conditions=@chronicle/source --import tsx ${args
    .map((arg) => arg.replace(`${ROOT}/`, ''))
    .join(' ')}`;
  console.log(`\n== ${benchmark.name}: ${command}`);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--conditions=@chronicle/source', '--import', 'tsx', ...args, '--json', json],
    { cwd: ROOT, stdio: 'inherit', timeout: timeoutSeconds * 1000 || undefined },
  );
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => {
    child.once('error', () => done([null, null]));
    child.once('exit', (c, s) => done([c, s]));
  });
  const seconds = (performance.now() - started) / 1000;
  const failed = (error: string): [BenchmarkRun, SuiteRow[]] => [
    { name: benchmark.name, command, ok: false, seconds, error },
    [],
  ];
  if (code !== 0)
    return failed(
      signal
        ? `stopped by ${signal}${timeoutSeconds && seconds >= timeoutSeconds ? ` after ${timeoutSeconds} s` : ''}`
        : `exited with code ${code}`,
    );
  if (!existsSync(json)) return failed('it wrote no results');
  const checked = checkRows(readFileSync(json, 'utf8'));
  if (!checked.ok) return failed(checked.error);
  return [
    { name: benchmark.name, command, ok: true, seconds },
    checked.rows.map((row) => ({ benchmark: benchmark.name, ...row })),
  ];
}

const results: SuiteResults = {
  profile,
  machine: await describeMachine(
    ROOT,
    selected.some((b) => b.postgres) ? values.postgres : undefined,
  ),
  benchmarks: [],
  // What the profile leaves out (what --only leaves out is the caller's choice).
  leftOut: only
    ? []
    : SUITE.filter((b) => !selected.includes(b)).map((b) => ({
        name: b.name,
        reason: b.notInSmoke ?? 'not in the profile',
      })),
  rows: [],
};
const scratch = mkdtempSync(join(tmpdir(), 'chronicle-bench-results-'));
try {
  for (const benchmark of selected) {
    const [outcome, rows] = await run(benchmark, scratch);
    results.benchmarks.push(outcome);
    results.rows.push(...rows);
    console.log(
      `-- ${benchmark.name}: ${outcome.ok ? `${rows.length} results` : `FAILED, ${outcome.error}`} ` +
        `(${outcome.seconds.toFixed(0)} s)`,
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const table = markdownTable(results);
writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(out, 'results.md'), table);
console.log(`\n${table}`);
console.log(`Written to ${join(out, 'results.md')} and results.json.`);
const failed = results.benchmarks.filter((b) => !b.ok);
if (failed.length > 0) {
  console.error(
    `bench: ${failed.length} of ${results.benchmarks.length} benchmarks failed: ` +
      failed.map((b) => `${b.name} (${b.error})`).join('; '),
  );
  process.exitCode = 1;
}
