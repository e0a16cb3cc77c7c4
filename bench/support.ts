// What the benchmarks share: the median of a run's figures, a database of their own on the
// PostgreSQL server they are pointed at (created afresh, dropped at the end), and the form
// of the results they hand to the suite's runner.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import pg from 'pg';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Runs one statement as the server's administrator (`adminUrl`'s user and database). */
async function asAdmin(adminUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A new, empty database beside `adminUrl`'s: its URL, and how to drop it. */
export async function createPostgresDatabase(
  adminUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `chronicle_bench_${randomBytes(5).toString('hex')}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
  return {
    url: adminUrl.replace(/\/[^/?]*(\?|$)/, `/${name}$1`),
    drop: () => asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/**
 * One figure of a benchmark against the baseline it measured in the same run, as each
 * benchmark writes them with `--json FILE` for the suite's runner (`bench/run.ts`).
 */
export interface BenchResult {
  /** The script and the case within it, e.g. `db-audit-throughput/postgres/20000`. */
  name: string;
  /** What was measured, in words: the row's "what" in the suite's table. */
  metric: string;
  /** The unit of `value` and of the baseline's value (`ms` or `/s`). */
  unit: 'ms' | '/s';
  /** The median over the runs. */
  value: number;
  baseline: { name: string; value: number };
  /** `value` / the baseline's, as the median of the runs' paired ratios. */
  ratio: number;
  /** Whether a lower or a higher ratio is the better one. */
  better: 'lower' | 'higher';
  runs: number;
  notes?: string;
}

/** Writes a benchmark's results for the runner when it was given `--json FILE`. */
export function writeResults(file: string | undefined, results: readonly BenchResult[]): void {
  if (file) writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
