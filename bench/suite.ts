// The benchmarks `pnpm bench` runs (bench/run.ts), in order, with their arguments in each
// profile: `full` at the sizes this directory's README documents, `smoke` at sizes that
// take seconds, so that a test can check every benchmark still runs and reports.

export const PROFILES = ['full', 'smoke'] as const;
export type Profile = (typeof PROFILES)[number];

/** What a benchmark's arguments may depend on. */
export interface SuiteContext {
  /** An administrator's URL of the PostgreSQL server the benchmarks create databases on. */
  postgres: string;
  /** Where benchmarks that write files (datasets, rendered reports) write them. */
  out: string;
}

export interface Benchmark {
  /** What `--only` and the results table call it. */
  name: string;
  /** The script in bench/, run with the workspace sources. */
  script: string;
  /** Whether it needs the PostgreSQL server. */
  postgres: boolean;
  args: Record<Profile, (context: SuiteContext) => string[]>;
  /**
   * Why the smoke profile leaves it out unless `--only` names it: the fixed costs of a
   * benchmark that no smaller size reduces (starting databases), where another covers its code.
   */
  notInSmoke?: string;
}

// The API's smoke load: a second of one scenario with a few connections, on a practice
// just big enough for it, so that the run is mostly starting the server and the database.
const apiSmoke = ['--patients', '60', '--months', '2', '--month', '2026-02', '--scenarios'];
const apiSmokeLoad = ['--runs', '1', '--duration', '1', '--warmup', '0.5', '--connections', '4'];
const dbAuditSmoke = ['--patients', '30', '--months', '2', '--runs', '1'];

export const SUITE: readonly Benchmark[] = [
  {
    name: 'audit',
    script: 'audit-throughput.ts',
    postgres: false,
    args: {
      full: ({ out }) => ['--patient-months', '100000', '--runs', '9', '--out', out],
      smoke: ({ out }) => ['--patient-months', '600', '--runs', '1', '--out', out],
    },
  },
  {
    name: 'db-audit-postgres',
    script: 'db-audit-throughput.ts',
    postgres: true,
    args: {
      full: ({ postgres }) => [
        ...['--databases', 'postgres', '--postgres', postgres],
        // 20,000 patients (240,000 patient-months) only: the 100,000-patient practice of the
        // section in README.md takes 7 minutes to import alone; run the script for it.
        ...['--patients', '20000', '--runs', '3'],
      ],
      smoke: ({ postgres }) => ['--databases', 'postgres', '--postgres', postgres, ...dbAuditSmoke],
    },
  },
  {
    name: 'db-audit-pglite',
    script: 'db-audit-throughput.ts',
    postgres: false,
    args: {
      full: () => ['--databases', 'pglite', '--patients', '2000,20000', '--runs', '3'],
      smoke: () => ['--databases', 'pglite', ...dbAuditSmoke],
    },
  },
  {
    name: 'api-postgres',
    script: 'api-throughput.ts',
    postgres: true,
    args: {
      full: ({ postgres }) => [
        ...['--databases', 'postgres', '--postgres', postgres],
        ...['--scenarios', 'session,status,list'],
      ],
      smoke: ({ postgres }) => [
        ...['--databases', 'postgres', '--postgres', postgres],
        ...apiSmoke,
        'status',
        ...apiSmokeLoad,
      ],
    },
  },
  {
    name: 'api-pglite',
    script: 'api-throughput.ts',
    postgres: false,
    args: {
      full: () => ['--databases', 'pglite', '--scenarios', 'status,list'],
      smoke: () => ['--databases', 'pglite', ...apiSmoke, 'status', ...apiSmokeLoad],
    },
    notInSmoke:
      'three embedded databases started (about 40 s of CPU even this small); ' +
      'api-postgres runs the same script',
  },
  {
    name: 'console-worklist',
    script: 'console-worklist.ts',
    postgres: false,
    args: {
      full: () => ['--patients', '10000', '--runs', '7'],
      // 30 patients: more than the 25 rows of the first page, so that the pager shows.
      smoke: () => ['--patients', '30', '--runs', '1'],
    },
  },
  {
    name: 'report-render',
    script: 'report-render.ts',
    postgres: false,
    args: {
      full: ({ out }) => ['--months', '100000', '--runs', '3', '--out', out],
      smoke: ({ out }) => ['--months', '300', '--runs', '1', '--out', out],
    },
  },
];

/** The benchmarks a profile runs when `--only` does not name them. */
export function profileBenchmarks(profile: Profile): Benchmark[] {
  return SUITE.filter((b) => profile !== 'smoke' || b.notInSmoke === undefined);
}
