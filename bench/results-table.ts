// The suite's results: checking what a benchmark wrote with `--json`, and the markdown
// table of every row with the machine it was measured on.
import type { Machine } from './machine.js';
import type { BenchResult } from './support.js';

/** A benchmark's row, with the suite's name for the benchmark that gave it. */
export type SuiteRow = BenchResult & { benchmark: string };

/** How one benchmark of the run went. */
export interface BenchmarkRun {
  name: string;
  command: string;
  ok: boolean;
  seconds: number;
  error?: string;
}

export interface SuiteResults {
  profile: string;
  machine: Machine;
  benchmarks: BenchmarkRun[];
  /** The benchmarks the profile leaves out, and why. */
  leftOut: Array<{ name: string; reason: string }>;
  rows: SuiteRow[];
}

const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** The problems with one row as a benchmark wrote it (JSON writes NaN as null). */
function problems(row: Partial<BenchResult>): string[] {
  const found: string[] = [];
  if (typeof row.name !== 'string' || row.name === '') found.push('no name');
  if (typeof row.metric !== 'string' || row.metric === '') found.push('no metric');
  if (row.unit !== 'ms' && row.unit !== '/s') found.push(`unit ${String(row.unit)}`);
  if (!positive(row.value)) found.push(`value ${String(row.value)}`);
  if (typeof row.baseline?.name !== 'string' || !positive(row.baseline.value))
    found.push(`baseline ${JSON.stringify(row.baseline)}`);
  if (!positive(row.ratio)) found.push(`ratio ${String(row.ratio)}`);
  if (row.better !== 'lower' && row.better !== 'higher') found.push(`better ${String(row.better)}`);
  if (!Number.isInteger(row.runs) || (row.runs as number) < 1) found.push(`runs ${row.runs}`);
  return found;
}

/** A benchmark's rows, or why they cannot be used: none, or one without a finite figure. */
export function checkRows(
  text: string,
): { ok: true; rows: BenchResult[] } | { ok: false; error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `its results are not JSON: ${(error as Error).message}` };
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    return { ok: false, error: 'it reported no results' };
  for (const row of parsed as Array<Partial<BenchResult>>) {
    const found = problems(row);
    if (found.length > 0)
      return { ok: false, error: `result ${String(row.name)}: ${found.join(', ')}` };
  }
  return { ok: true, rows: parsed as BenchResult[] };
}

function figure(value: number, unit: BenchResult['unit']): string {
  if (unit === '/s') return `${value.toFixed(1)}/s`;
  return value >= 1000
    ? `${(value / 1000).toFixed(2)} s`
    : `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;

export function markdownTable(results: SuiteResults): string {
  const m = results.machine;
  const failed = results.benchmarks.filter((b) => !b.ok);
  return [
    `# Benchmark results (profile ${results.profile})`,
    '',
    `- date: ${m.date}`,
    `- commit: ${m.commit}${m.dirty ? ' (with uncommitted changes)' : ''}`,
    `- machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB, ${m.platform}`,
    `- Node.js ${m.node}${m.postgres ? `; PostgreSQL ${m.postgres}` : ''}`,
    '',
    'Each ratio is the value over its baseline, both measured in the same run on this',
    "machine (the median of the runs' paired ratios); `better` says which way is good.",
    '',
    line(['benchmark', 'what', 'baseline', 'value', 'ratio', 'better', 'runs']),
    line(['---', '---', '---', '---:', '---:', '---', '---:']),
    ...results.rows.map((r) =>
      line([
        r.benchmark,
        r.metric,
        `${r.baseline.name}: ${figure(r.baseline.value, r.unit)}`,
        figure(r.value, r.unit),
        r.ratio.toFixed(r.ratio >= 10 ? 1 : 2),
        r.better,
        String(r.runs),
      ]),
    ),
    '',
    line(['benchmark', 'result', 'time']),
    line(['---', '---', '---:']),
    ...results.benchmarks.map((b) =>
      line([b.name, b.ok ? 'ok' : `FAILED: ${b.error ?? ''}`, `${b.seconds.toFixed(0)} s`]),
    ),
    '',
    failed.length === 0
      ? 'Every benchmark ran.'
      : `Failed: ${failed.map((b) => b.name).join(', ')}.`,
    ...results.leftOut.map((b) => `Left out of this profile: ${b.name} (${b.reason}).`),
    '',
  ].join('\n');
}
