// The server under load against the database layer it calls, in the same run on the same
// database: the patient list (a page of 50 with each row's month status) and one patient's
// month status, over HTTP with autocannon, and the same calls made directly with
// @chronicle/db. Run from the repository root:
//   node --conditions=@chronicle/source --import tsx bench/api-throughput.ts \
//     [--patients 10000] [--runs 3] [--duration 10] [--warmup 3] [--connections 50] \
//     [--scenarios list,status,list-pages,session] [--databases postgres,pglite] \
//     [--postgres postgres://postgres@127.0.0.1:5432/postgres] \
//     [--reuse-postgres URL] [--reuse-pglite DIR] [--log-level info] [--profile DIR] [--json FILE]
// Each database is created afresh (dropped at the end) and holds one synthetic practice;
// --reuse-* measure one already set up by an earlier run (kept), as importing takes minutes.
// The server runs in a child process, so that the load generator does not share its event
// loop; so does the baseline, with a connection of its own (the same pool size as the
// server's). The embedded database serves one process at a time, so each run starts the
// server, loads it, stops it, then runs the baseline. --json writes the results for the
// suite's runner (bench/run.ts).
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate, setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import {
  connect,
  createSession,
  findSession,
  importDataset,
  listPatients,
  listPractices,
  monthStatus,
  type Db,
} from '@chronicle/db';
import { startServer } from '@chronicle/server';
import { generateDataset } from '@chronicle/synthetic';
import autocannon from 'autocannon';
import {
  createCareManager,
  EMAIL,
  ORG,
  PASSWORD,
  setCareManagerPassword,
  USER,
} from './care-manager.js';
import { createPostgresDatabase, median, writeResults } from './support.js';

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '10000' },
    months: { type: 'string', default: '11' },
    month: { type: 'string', default: '2026-11' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    scenarios: { type: 'string', default: 'list,status' },
    databases: { type: 'string', default: 'postgres,pglite' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    'reuse-postgres': { type: 'string' },
    'reuse-pglite': { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
    profile: { type: 'string' },
    json: { type: 'string' },
    phase: { type: 'string' },
    db: { type: 'string' },
  },
});

const PAGE_SIZE = 50;
const seconds = Number(values.duration);
const warmupSeconds = Number(values.warmup);
const connections = Number(values.connections);

/** What both sides need to make the same calls in the same order. */
interface Target {
  practiceId: string;
  patientIds: string[];
  month: string;
}

/**
 * The scenarios: the i-th call of each, as the procedure's input. Month status rotates
 * through the patients and `list-pages` through the pages, so that neither side answers
 * the same question over and over.
 */
const SCENARIOS = {
  list: {
    label: 'patient list, page 0',
    procedure: 'patients.list',
    input: (t: Target) => ({
      practiceId: t.practiceId,
      page: { index: 0, size: PAGE_SIZE },
      month: t.month,
    }),
  },
  'list-pages': {
    label: 'patient list, every page in turn',
    procedure: 'patients.list',
    input: (t: Target, i: number) => ({
      practiceId: t.practiceId,
      page: { index: i % Math.ceil(t.patientIds.length / PAGE_SIZE), size: PAGE_SIZE },
      month: t.month,
    }),
  },
  // The floor: a signed-in request that reads no patient (the session and its user, as
  // every request reads them); what the machine gives any procedure at all.
  session: {
    label: 'who is signed in',
    procedure: 'session.me',
    input: () => ({}),
  },
  status: {
    label: 'month status, patients in turn',
    procedure: 'months.status',
    input: (t: Target, i: number) => ({
      practiceId: t.practiceId,
      patientId: t.patientIds[i % t.patientIds.length] as string,
      month: t.month,
    }),
  },
} as const satisfies Record<
  string,
  { label: string; procedure: string; input: (t: Target, i: number) => Record<string, unknown> }
>;
type ScenarioName = keyof typeof SCENARIOS;
const scenarioNames = values.scenarios.split(',') as ScenarioName[];
for (const name of scenarioNames)
  if (!(name in SCENARIOS)) throw new Error(`--scenarios: no scenario "${name}"`);

/** The database-layer call behind a scenario's procedure, as the API makes it. */
async function callDb(
  db: Db,
  name: ScenarioName,
  target: Target,
  i: number,
  sessionId: string,
): Promise<void> {
  const scenario = SCENARIOS[name];
  if (scenario.procedure === 'session.me') {
    if (!(await findSession(db, sessionId, new Date())))
      throw new Error(`${name}: the session was not found`);
  } else if (scenario.procedure === 'patients.list') {
    const page = await listPatients(db, ORG, USER, scenario.input(target, i));
    if (page.rows.length !== PAGE_SIZE || !page.rows.every((r) => r.monthStatus))
      throw new Error(`${name}: a short page or rows without a month status`);
  } else if (!(await monthStatus(db, ORG, USER, scenario.input(target, i))))
    throw new Error(`${name}: no month status for call ${i}`);
}

interface Figures {
  /** Requests (or calls) answered per second in the measured window. */
  rate: number;
  p50: number;
  p99: number;
  /** How many were answered in the window. */
  count: number;
  /** API only: connections the server closed with a request unanswered (warm-up included). */
  resets?: number;
}

/**
 * The measured window of a steady load. It opens once the warm-up has lasted its seconds
 * and as many answers have come back as there are connections (so that a slow scenario's
 * queue is full and every caller has been answered about once), and lasts `seconds`;
 * only the answers that arrive inside it count. `done` gives the figures when it closes.
 */
class Window {
  private readonly started = performance.now();
  private answered = 0;
  private opened: number | undefined;
  private closed = false;
  private readonly latencies: number[] = [];
  private close!: () => void;
  readonly done: Promise<Figures>;
  /** The longest latency seen, warm-up included: how long answers in flight may take. */
  slowest = 0;

  constructor() {
    this.done = new Promise<void>((resolve) => (this.close = resolve)).then(() => {
      this.closed = true;
      const sorted = this.latencies.sort((a, b) => a - b);
      const at = (q: number) =>
        sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
      return { rate: sorted.length / seconds, p50: at(0.5), p99: at(0.99), count: sorted.length };
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  record(latencyMs: number): void {
    const now = performance.now();
    this.slowest = Math.max(this.slowest, latencyMs);
    if (this.closed) return;
    if (this.opened !== undefined) {
      this.latencies.push(latencyMs);
      return;
    }
    this.answered += 1;
    if (now - this.started >= warmupSeconds * 1000 && this.answered >= connections) {
      this.opened = now;
      setTimeout(() => this.close(), seconds * 1000);
    }
  }
}

// Child mode, "setup": the practice imported (unless it is there already) and the user
// signed up; answers with what the load needs.
if (values.phase === 'setup' && values.db) {
  const conn = await connect({ url: values.db });
  let importMs: number | undefined;
  if ((await listPractices(conn.db, ORG)).length === 0) {
    const dataset = generateDataset({
      seed: Number(values.seed),
      patients: Number(values.patients),
      year: 2026,
      months: Number(values.months),
    });
    const t = performance.now();
    await importDataset(conn.db, { orgId: ORG, actor: 'bench', dataset });
    importMs = performance.now() - t;
    await createCareManager(conn.db);
    // Fresh statistics, as a database in use would have.
    await conn.rawQuery('VACUUM ANALYZE');
  }
  // Also ends the sessions of an earlier run.
  await setCareManagerPassword(conn.db);
  const [practiceId] = await listPractices(conn.db, ORG);
  const ids = await conn.rawQuery(
    'select id from patients where org_id = $1 and practice_id = $2 order by id',
    [ORG, practiceId],
  );
  await conn.close();
  const target: Target = {
    practiceId: practiceId as string,
    patientIds: (ids.rows as Array<{ id: string }>).map((r) => r.id),
    month: values.month,
  };
  process.send?.({ target, importMs });
  process.disconnect?.();
}

// Child mode, "serve": the server as `chronicle serve` runs it; stops when told to.
if (values.phase === 'serve' && values.db) {
  const server = await startServer({
    db: values.db,
    env: { CHRONICLE_DEMO: '0', PORT: '0', LOG_LEVEL: values['log-level'] },
  });
  // Told to, or left behind by a parent that failed.
  const stop = () => void server.stop().then(() => process.exit(0));
  process.once('message', stop);
  process.once('disconnect', stop);
  process.send?.({ url: server.url });
}

// Child mode, "baseline": the same calls through the database layer, as many at once as
// there are connections, each caller making its next call when its last one returns.
if (values.phase === 'baseline' && values.db) {
  const url = values.db;
  process.once('disconnect', () => process.exit(1));
  process.once('message', (target: Target) => {
    void (async () => {
      const conn = await connect({ url, migrate: false });
      const sessionId = randomUUID();
      await createSession(conn.db, {
        id: sessionId,
        orgId: ORG,
        userId: USER,
        csrfHash: 'bench',
        createdAt: new Date(),
        expiresAt: new Date(Date.now() + 3_600_000),
      });
      const results: Partial<Record<ScenarioName, Figures>> = {};
      for (const name of scenarioNames) {
        const window = new Window();
        let next = 0;
        const caller = async () => {
          while (!window.isClosed) {
            const t = performance.now();
            await callDb(conn.db, name, target, next++, sessionId);
            window.record(performance.now() - t);
            // PGlite answers inside this process, through promises alone: without a turn
            // of the event loop now and then, the window's timer would never fire.
            await setImmediate();
          }
        };
        const callers = Promise.all(Array.from({ length: connections }, caller));
        results[name] = await window.done;
        await callers; // the calls in flight, before the next scenario
      }
      await conn.close();
      process.send?.(results, () => process.exit(0));
    })();
  });
}

/** Starts a child in one of the modes above; `message` is its first message. */
function start<T>(
  phase: string,
  db: string,
  options: { log?: string; nodeFlags?: string[] } = {},
): { child: ChildProcess; message: Promise<T>; exited: Promise<number | null> } {
  const out = options.log ? openSync(options.log, 'a') : 'ignore';
  const child = fork(
    import.meta.filename,
    [
      ...['--phase', phase, '--db', db, '--patients', values.patients],
      ...['--months', values.months, '--month', values.month, '--seed', values.seed],
      ...['--duration', values.duration, '--warmup', values.warmup],
      ...['--connections', values.connections, '--scenarios', values.scenarios],
      ...['--log-level', values['log-level']],
    ],
    {
      execArgv: [...(options.nodeFlags ?? []), ...process.execArgv],
      stdio: ['ignore', out, 'inherit', 'ipc'],
    },
  );
  if (typeof out === 'number') closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const message = new Promise<T>((resolve, reject) => {
    child.once('message', (m) => resolve(m as T));
    void exited.then((code) =>
      reject(new Error(`the ${phase} child exited (${code}) before answering`)),
    );
  });
  return { child, message, exited };
}

/** Signs in as the bench's user: the session cookie. */
async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organization: ORG, email: EMAIL, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const session = res.headers.getSetCookie().find((c) => c.startsWith('chronicle_session='));
  if (!session) throw new Error('sign-in: no session cookie');
  return session.split(';')[0] as string;
}

const path = (name: ScenarioName, target: Target, i: number) =>
  `/api/trpc/${SCENARIOS[name].procedure}?input=${encodeURIComponent(JSON.stringify(SCENARIOS[name].input(target, i)))}`;

/** One scenario against the server, in its measured window. */
async function load(
  url: string,
  cookie: string,
  name: ScenarioName,
  target: Target,
): Promise<Figures> {
  // One answer checked by hand first: under load only status codes are counted.
  const res = await fetch(url + path(name, target, 0), { headers: { cookie } });
  const body = (await res.json()) as {
    result?: {
      data?: {
        rows?: Array<{ monthStatus?: unknown }>;
        countableMinutes?: unknown;
        userId?: string;
      };
    };
  };
  const data = body.result?.data;
  const ok =
    res.status === 200 &&
    (SCENARIOS[name].procedure === 'session.me'
      ? data?.userId === USER
      : data?.rows
        ? data.rows.length === PAGE_SIZE && data.rows.every((r) => r.monthStatus)
        : data?.countableMinutes !== undefined);
  if (!ok) throw new Error(`${name}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);

  const window = new Window();
  let i = 0;
  let finished!: (r: autocannon.Result | Error) => void;
  const outcome = new Promise<autocannon.Result | Error>((resolve) => (finished = resolve));
  const instance = autocannon(
    {
      url,
      connections,
      // Ended by the window; answers may take long on a slow scenario, and are waited for.
      duration: 3600,
      timeout: 600,
      headers: { cookie },
      requests: [
        { method: 'GET', setupRequest: (req) => ({ ...req, path: path(name, target, i++) }) },
      ],
    },
    (error: unknown, r: autocannon.Result) => finished(error ? (error as Error) : r),
  );
  instance.on('response', (_client, _status, _bytes, latencyMs) => window.record(latencyMs));
  const figures = await window.done;
  instance.stop();
  const result = await outcome;
  if (result instanceof Error) throw result;
  // A connection error is a request the server dropped: counted and reported (PGlite's
  // server drops some, see the README), while a failed or late answer fails the run.
  if (result.non2xx + result.timeouts > 0)
    throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.timeouts} timeouts`);
  // The requests in flight are abandoned by the client but still run in the server: let
  // them finish before the next scenario (none takes longer than the slowest so far).
  await sleep(Math.ceil(window.slowest * 1.2) + 500);
  return { ...figures, resets: result.errors };
}

type Kind = 'postgres' | 'pglite';
type PerScenario = Record<ScenarioName, Figures>;

interface Row {
  database: Kind;
  scenario: ScenarioName;
  api: Figures;
  baseline: Figures;
  /** The median of the runs' baseline rate / API rate. */
  ratio: number;
  /** The median of the runs' API rate / baseline rate (the suite's ratio: value / baseline). */
  share: number;
}

/** A fresh database of the kind (or the one to reuse), and how to drop it. */
async function createDatabase(kind: Kind, work: string) {
  const reuse = kind === 'postgres' ? values['reuse-postgres'] : values['reuse-pglite'];
  if (reuse) return { url: reuse, drop: async () => undefined };
  if (kind === 'pglite') {
    const url = join(work, 'data');
    return { url, drop: async () => rmSync(url, { recursive: true, force: true }) };
  }
  return createPostgresDatabase(values.postgres);
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const describe = (f: Figures) =>
  `${f.rate.toFixed(1)}/s (p50 ${ms(f.p50)} ms, p99 ${ms(f.p99)} ms, ${f.count} answers` +
  (f.resets ? `, ${f.resets} requests dropped)` : ')');

async function measure(kind: Kind, work: string): Promise<Row[]> {
  const { url, drop } = await createDatabase(kind, work);
  try {
    const setup = start<{ target: Target; importMs?: number }>('setup', url);
    const { target, importMs } = await setup.message;
    await setup.exited;
    console.log(
      `${kind}: ${target.patientIds.length} patients x ${values.months} months` +
        (importMs === undefined ? ' (reused)' : `, imported in ${(importMs / 1000).toFixed(0)} s`) +
        `; month ${target.month}, ${connections} connections, ` +
        `warm-up ${warmupSeconds} s (and ${connections} answers), ${seconds} s measured`,
    );
    const api: PerScenario[] = [];
    const baseline: PerScenario[] = [];
    for (let run = 1; run <= Number(values.runs); run++) {
      const server = start<{ url: string }>('serve', url, {
        log: join(work, `server-${kind}.log`),
        nodeFlags: values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [],
      });
      const { url: serverUrl } = await server.message;
      const cookie = await signIn(serverUrl);
      const served = {} as PerScenario;
      for (const name of scenarioNames) served[name] = await load(serverUrl, cookie, name, target);
      server.child.send('stop');
      await server.exited;
      const direct = start<PerScenario>('baseline', url);
      direct.child.send(target);
      const called = await direct.message;
      await direct.exited;
      api.push(served);
      baseline.push(called);
      for (const name of scenarioNames)
        console.log(
          `  run ${run}, ${name}: API ${describe(served[name])}; database layer ${describe(called[name])}`,
        );
    }
    return scenarioNames.map((scenario) => {
      const of = (side: PerScenario[]): Figures => ({
        rate: median(side.map((r) => r[scenario].rate)),
        p50: median(side.map((r) => r[scenario].p50)),
        p99: median(side.map((r) => r[scenario].p99)),
        count: median(side.map((r) => r[scenario].count)),
        resets: median(side.map((r) => r[scenario].resets ?? 0)),
      });
      return {
        database: kind,
        scenario,
        api: of(api),
        baseline: of(baseline),
        ratio: median(
          api.map((r, i) => (baseline[i] as PerScenario)[scenario].rate / r[scenario].rate),
        ),
        share: median(
          api.map((r, i) => r[scenario].rate / (baseline[i] as PerScenario)[scenario].rate),
        ),
      };
    });
  } finally {
    await drop();
  }
}

if (!values.phase) {
  const work = mkdtempSync(join(tmpdir(), 'chronicle-api-bench-'));
  const rows: Row[] = [];
  try {
    for (const kind of values.databases.split(',') as Kind[])
      rows.push(...(await measure(kind, work)));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nMedians of ${values.runs} runs (overhead: median of the runs' ratios)`);
  console.table(
    rows.map((r) => ({
      database: r.database,
      scenario: SCENARIOS[r.scenario].label,
      'API req/s': Number(r.api.rate.toFixed(1)),
      'p50 ms': Number(ms(r.api.p50)),
      'p99 ms': Number(ms(r.api.p99)),
      'API dropped': r.api.resets,
      'db layer calls/s': Number(r.baseline.rate.toFixed(1)),
      'db p50 ms': Number(ms(r.baseline.p50)),
      'db p99 ms': Number(ms(r.baseline.p99)),
      'overhead (db / API)': Number(r.ratio.toFixed(2)),
    })),
  );
  // The targets are the list's and the month status's; the session scenario is the floor
  // they are read against, not a target of its own.
  const postgres = rows.filter((r) => r.database === 'postgres' && r.scenario !== 'session');
  if (postgres.length > 0) {
    const p99 = Math.max(...postgres.map((r) => r.api.p99));
    const overhead = Math.max(...postgres.map((r) => r.ratio));
    console.log(
      `PostgreSQL targets: p99 under 100 ms ${p99 < 100 ? 'met' : 'NOT met'} (worst ${ms(p99)} ms); ` +
        `API overhead under 1.5x ${overhead < 1.5 ? 'met' : 'NOT met'} (worst ${overhead.toFixed(2)}x)`,
    );
  }
  writeResults(
    values.json,
    rows.map((r) => ({
      name: `api-throughput/${r.database}/${r.scenario}`,
      metric: `API ${SCENARIOS[r.scenario].label}, ${r.database === 'postgres' ? 'PostgreSQL' : 'PGlite'}, ${connections} connections`,
      unit: '/s',
      value: r.api.rate,
      baseline: { name: 'the same calls to the database layer', value: r.baseline.rate },
      ratio: r.share,
      better: 'higher',
      runs: Number(values.runs),
      notes:
        `overhead (baseline / API) ${r.ratio.toFixed(2)}, target < 1.5; API p50 ${ms(r.api.p50)} ms, ` +
        `p99 ${ms(r.api.p99)} ms (target < 100 ms)`,
    })),
  );
}
