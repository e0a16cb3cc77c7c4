// The audit of a practice stored in PostgreSQL (streamed patient by patient) against its
// own baseline, in the same run on the same database: streaming out, with COPY ... TO
// STDOUT, the rows the audit reads, and discarding them. Run from the repository root:
//   node --import tsx bench/db-audit-throughput.ts \
//     [--patients 20000,100000] [--months 10] [--runs 3] [--seed 1] [--page-size 500] \
//     [--postgres postgres://postgres@127.0.0.1:5432/postgres] [--pglite | --databases pglite]
// Each size is generated with @chronicle/synthetic, imported with importDataset into a
// fresh database (dropped at the end), then measured. The audit runs in a fresh child
// process each time, so its peak resident set is its own. --pglite measures PGlite after
// PostgreSQL; --databases names the databases to measure (postgres, pglite or both).
// --existing URL measures a practice already imported by `--phase import` (organization
// "bench") instead, keeping the database: for sizes whose import outlasts a session.
// --json FILE writes the results for the suite's runner (bench/run.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import {
  auditStoredPractice,
  connect,
  importDataset,
  isPostgresUrl,
  listPractices,
} from '@chronicle/db';
import type { Dataset } from '@chronicle/dataset';
import { generateDataset } from '@chronicle/synthetic';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { createPostgresDatabase, median, writeResults, type BenchResult } from './support.js';

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '20000,100000' },
    months: { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    'page-size': { type: 'string', default: '500' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    pglite: { type: 'boolean', default: false },
    databases: { type: 'string' },
    phase: { type: 'string' },
    db: { type: 'string' },
    org: { type: 'string' },
    existing: { type: 'string' },
    json: { type: 'string' },
  },
});

const ORG = 'bench';
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The synthetic roster has one front-desk clinician for the whole practice, whose month
 * fills up somewhere between 20,000 and 100,000 patients; a larger practice is made of
 * teams of at most TEAM patients, each generated with its own seed and roster, their
 * clinician and patient ids prefixed with the team.
 */
const TEAM = 20_000;
function generatePractice(patients: number, months: number, seed: number): Dataset {
  if (patients <= TEAM) return generateDataset({ seed, patients, year: 2026, months });
  let practice: Dataset | undefined;
  for (let team = 0; team * TEAM < patients; team++) {
    const part = generateDataset({
      seed: seed + team,
      patients: Math.min(TEAM, patients - team * TEAM),
      year: 2026,
      months,
    });
    const prefix = `t${team}-`;
    const clinicianIds = new Set(part.clinicians.map((c) => c.id));
    // Every string that names a clinician is a reference to one (ids look like c-md3).
    const renamed = JSON.parse(JSON.stringify(part), (_key, value: unknown) =>
      typeof value === 'string' && clinicianIds.has(value) ? prefix + value : value,
    ) as Dataset;
    for (const p of renamed.patients) p.id = prefix + p.id;
    if (!practice) practice = renamed;
    else {
      practice.clinicians.push(...renamed.clinicians);
      for (const p of renamed.patients) practice.patients.push(p);
    }
  }
  return practice as Dataset;
}

// Child mode, "import": generate and store one practice; "audit": audit it, keep nothing.
if (values.phase === 'import' && values.db) {
  let t = performance.now();
  const dataset = generatePractice(
    Number(values.patients),
    Number(values.months),
    Number(values.seed),
  );
  const generateMs = performance.now() - t;
  let patientMonths = 0;
  let entries = 0;
  for (const p of dataset.patients) {
    patientMonths += new Set(p.timeEntries.map((e) => e.start.slice(0, 7))).size;
    entries += p.timeEntries.length;
  }
  const conn = await connect({ url: values.db });
  t = performance.now();
  const result = await importDataset(conn.db, { orgId: ORG, actor: 'bench', dataset });
  const importMs = performance.now() - t;
  await conn.close();
  process.stdout.write(
    JSON.stringify({ generateMs, importMs, patientMonths, entries, rows: result.inserted }),
  );
  process.exit(0);
}
if (values.phase === 'audit' && values.db) {
  const conn = await connect({ url: values.db, migrate: false });
  const [practiceId] = await listPractices(conn.db, ORG);
  const t = performance.now();
  const cpuStart = process.cpuUsage();
  let months = 0;
  const result = await auditStoredPractice(
    conn.db,
    {
      orgId: ORG,
      practiceId: practiceId as string,
      actor: 'bench',
      pageSize: Number(values['page-size']),
    },
    { months: (m) => void (months += m.length) },
  );
  const auditMs = performance.now() - t;
  const cpu = process.cpuUsage(cpuStart);
  await conn.close();
  process.stdout.write(
    JSON.stringify({
      auditMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      months,
      patients: result.patients,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
  process.exit(0);
}

interface Imported {
  patients?: number;
  generateMs: number;
  importMs: number;
  patientMonths: number;
  entries: number;
  rows: number;
}
interface Audited {
  auditMs: number;
  /** CPU time of the audit process (all its threads) over the audit. */
  cpuMs: number;
  months: number;
  patients: number;
  maxRssMb: number;
}

function child<T>(phase: string, db: string, extra: string[] = [], nodeFlags: string[] = []): T {
  const out = execFileSync(
    process.execPath,
    [
      ...nodeFlags,
      ...process.execArgv,
      import.meta.filename,
      '--phase',
      phase,
      '--db',
      db,
      '--seed',
      values.seed,
      '--months',
      values.months,
      '--page-size',
      values['page-size'],
      ...extra,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out) as T;
}

/**
 * What the audit reads, as COPY gives it: the overlap index's columns in index order,
 * then every patient's record and the records of each of its lists, joined to the patient.
 */
function baselineQueries(practiceId: string): string[] {
  const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const scope = (alias = '') =>
    `${alias}org_id = ${literal(ORG)} and ${alias}practice_id = ${literal(practiceId)}`;
  const lists = [
    'coverage',
    'conditions',
    'encounters',
    'consents',
    'care_plan_events',
    'time_entries',
    'claims',
    'claim_lines',
  ].map((t) => `select patient_id, '${t}' as list, data from ${t} where ${scope()}`);
  return [
    `select patient_id, id, clinician_id, start_ms, end_ms from time_entries where ${scope()}
       order by clinician_id, start_ms`,
    `select ord, 'patients' as list, data from patients where ${scope()}
     union all
     select p.ord, x.list, x.data from patients p
       join (${lists.join(' union all ')}) x on x.patient_id = p.id
       where ${scope('p.')}`,
  ];
}

async function copyBaseline(
  url: string,
  practiceId: string,
): Promise<{ ms: number; bytes: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const t = performance.now();
  let bytes = 0;
  for (const query of baselineQueries(practiceId)) {
    const discard = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback();
      },
    });
    await pipeline(client.query(copyTo(`COPY (${query}) TO STDOUT`)), discard);
  }
  const ms = performance.now() - t;
  await client.end();
  return { ms, bytes };
}

/** PGlite has no COPY to a client stream: the baseline copies to its in-memory blob device. */
async function pgliteBaseline(
  dir: string,
  practiceId: string,
): Promise<{ ms: number; bytes: number }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(dir);
  const t = performance.now();
  let bytes = 0;
  for (const query of baselineQueries(practiceId)) {
    const result = await db.query(`COPY (${query}) TO '/dev/blob'`);
    bytes += result.blob?.size ?? 0;
  }
  const ms = performance.now() - t;
  await db.close();
  return { ms, bytes };
}

/** What an earlier import stored, counted as the import phase counts it. */
async function storedPractice(url: string): Promise<Imported> {
  const conn = await connect({ url, migrate: false });
  const { rows } = await conn.rawQuery(
    `select (select count(*) from (select distinct patient_id, substr(data->>'start', 1, 7)
               from time_entries where org_id = '${ORG}') m)::int as "patientMonths",
            (select count(*) from time_entries where org_id = '${ORG}')::int as entries,
            (select count(*) from patients where org_id = '${ORG}')::int as patients`,
  );
  await conn.close();
  const row = rows[0] as { patientMonths: number; entries: number; patients: number };
  return { generateMs: NaN, importMs: NaN, rows: NaN, ...row };
}

const results: BenchResult[] = [];

async function measure(kind: 'postgres' | 'pglite', patients: number): Promise<void> {
  let url: string;
  let drop: () => Promise<void>;
  if (values.existing) {
    url = values.existing;
    drop = () => Promise.resolve();
  } else if (kind === 'postgres') {
    ({ url, drop } = await createPostgresDatabase(values.postgres));
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'chronicle-bench-'));
    url = dir;
    drop = async () => rmSync(dir, { recursive: true, force: true });
  }
  try {
    // The dataset is held whole while it is generated and imported (importDataset takes a
    // document): that child gets a large heap; the audit children get Node's default.
    const imported = values.existing
      ? await storedPractice(url)
      : child<Imported>(
          'import',
          url,
          ['--patients', String(patients)],
          ['--max-old-space-size=16384'],
        );
    console.log(
      values.existing
        ? `${kind}, existing practice at ${kind === 'postgres' ? url.replace(/\/\/[^@/]*@/, '//') : url}: ` +
            `${imported.patients} patients, ${imported.patientMonths} patient-months with time, ${imported.entries} time entries`
        : `${kind}, ${patients} patients x ${values.months} months: ${imported.patientMonths} patient-months with time, ` +
            `${imported.entries} time entries, ${imported.rows} rows; generated in ${seconds(imported.generateMs)}, ` +
            `imported in ${seconds(imported.importMs)}`,
    );
    const conn = await connect({ url, migrate: false });
    const [practiceId] = await listPractices(conn.db, ORG);
    await conn.close();
    // Fresh statistics (and, on PostgreSQL, visibility map), as a database in use would
    // have: without them PGlite plans the baseline's join as nested loops.
    if (kind === 'postgres') {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query('VACUUM ANALYZE');
      await c.end();
    } else {
      const { PGlite } = await import('@electric-sql/pglite');
      const db = new PGlite(url);
      await db.exec('ANALYZE');
      await db.close();
    }
    const copies: number[] = [];
    const audits: Audited[] = [];
    let bytes = 0;
    const runs = Number(values.runs);
    // One warm-up of each (caches, JIT), then COPY and audit in turn.
    for (let i = 0; i <= runs; i++) {
      const copy =
        kind === 'postgres'
          ? await copyBaseline(url, practiceId as string)
          : await pgliteBaseline(url, practiceId as string);
      const audited = child<Audited>('audit', url);
      if (i === 0) continue;
      copies.push(copy.ms);
      audits.push(audited);
      bytes = copy.bytes;
    }
    const auditMs = median(audits.map((a) => a.auditMs));
    const copyMs = median(copies);
    const ratio = median(audits.map((a, i) => a.auditMs / (copies[i] as number)));
    const last = audits[audits.length - 1] as Audited;
    console.log(
      `  COPY baseline: median ${seconds(copyMs)} over ${runs} runs (${(bytes / 1e6).toFixed(0)} MB streamed)`,
    );
    console.log(
      `  streamed audit: median ${seconds(auditMs)} over ${runs} runs; ${last.patients} patients, ${last.months} months in the report; ` +
        `CPU time of the audit process: median ${seconds(median(audits.map((a) => a.cpuMs)))}`,
    );
    console.log(
      `  throughput: ${Math.round(imported.patientMonths / (auditMs / 1000)).toLocaleString('en-US')} patient-months/s ` +
        `(COPY: ${Math.round(imported.patientMonths / (copyMs / 1000)).toLocaleString('en-US')})`,
    );
    console.log(
      `  ratio audit / COPY: ${ratio.toFixed(2)} (median of ${runs} paired runs; target <= 2)`,
    );
    console.log(
      `  peak RSS of the audit child: ${audits.map((a) => a.maxRssMb.toFixed(0)).join(', ')} MB (target < 512)`,
    );
    results.push({
      name: `db-audit-throughput/${kind}/${imported.patients ?? patients}`,
      metric:
        `stored audit, ${kind === 'postgres' ? 'PostgreSQL' : 'PGlite'}, ` +
        `${imported.patients ?? patients} patients (${imported.patientMonths} patient-months)`,
      unit: 'ms',
      value: auditMs,
      baseline: { name: 'COPY out the rows it reads', value: copyMs },
      ratio,
      better: 'lower',
      runs,
      notes: `peak RSS of the audit ${Math.max(...audits.map((a) => a.maxRssMb)).toFixed(0)} MB; targets (PostgreSQL): ratio <= 2, RSS < 512 MB`,
    });
  } finally {
    await drop();
  }
}

const kinds = (values.databases ?? (values.pglite ? 'postgres,pglite' : 'postgres')).split(',');
for (const kind of kinds)
  if (kind !== 'postgres' && kind !== 'pglite')
    throw new Error(`--databases: postgres, pglite or both, not "${kind}"`);
if (values.existing) await measure(isPostgresUrl(values.existing) ? 'postgres' : 'pglite', NaN);
else
  for (const kind of kinds as Array<'postgres' | 'pglite'>)
    for (const size of values.patients.split(',').map(Number)) await measure(kind, size);
writeResults(values.json, results);
