// Audit throughput against its own baseline, measured in the same run on the same file:
// how long `audit` of N patient-months takes compared with reading, parsing and validating
// that file. Run from the repository root:
//   pnpm exec tsx --conditions=@chronicle/source bench/audit-throughput.ts \
//     [--patient-months 100000] [--runs 9] [--seed 1] [--dataset FILE] [--out DIR] [--json FILE]
// Without --dataset a fresh dataset is generated into --out (bench/out/; the generator
// changes, so a file left by an earlier run is not trusted). --json writes the result for
// the suite's runner (bench/run.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseDataset, type Dataset } from '@chronicle/dataset';
import { audit } from '@chronicle/rules';
import { generateDataset } from '@chronicle/synthetic';
import { median, writeResults } from './support.js';

const { values } = parseArgs({
  options: {
    'patient-months': { type: 'string', default: '100000' },
    runs: { type: 'string', default: '9' },
    seed: { type: 'string', default: '1' },
    dataset: { type: 'string' },
    out: { type: 'string', default: join(import.meta.dirname, 'out') },
    json: { type: 'string' },
    phase: { type: 'string' },
  },
});

function readAndValidate(file: string): Dataset {
  const parsed = parseDataset(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error(`${file} is not a valid dataset`);
  return parsed.value;
}

// Child mode: one phase in a fresh process, so that its peak resident set is its own.
if (values.phase && values.dataset) {
  const dataset = readAndValidate(values.dataset);
  if (values.phase === 'audit') audit(dataset);
  process.stdout.write(String(process.resourceUsage().maxRSS));
  process.exit(0);
}

// A collection between phases, so that neither pays for the other's garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const months = 12;
let file = values.dataset;
if (file === undefined) {
  const patients = Math.ceil(Number(values['patient-months']) / months);
  mkdirSync(values.out, { recursive: true });
  file = join(values.out, `dataset-${patients}-seed${values.seed}.json`);
  const t = performance.now();
  const dataset = generateDataset({ seed: Number(values.seed), patients, year: 2026, months });
  writeFileSync(file, JSON.stringify(dataset));
  console.log(`generated ${patients} patients in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const bytes = readFileSync(file).length;
const runs = Number(values.runs);
const parseTimes: number[] = [];
const auditTimes: number[] = [];
let monthsAudited = 0;
let patientCount = 0;
let activeMonths = 0;
// One warm-up of each, then parse and audit in turn so that drift affects both alike.
for (let i = 0; i <= runs; i++) {
  gc();
  let t = performance.now();
  const dataset = readAndValidate(file);
  const parseMs = performance.now() - t;
  gc();
  t = performance.now();
  const report = audit(dataset);
  const auditMs = performance.now() - t;
  monthsAudited = report.months.length;
  patientCount = dataset.patients.length;
  // Patient-months with care-management time (a patient who died has none after).
  if (i === runs)
    for (const p of dataset.patients)
      activeMonths += new Set(p.timeEntries.map((e) => e.start.slice(0, 7))).size;
  if (i > 0) {
    parseTimes.push(parseMs);
    auditTimes.push(auditMs);
  }
}

const peakMb = (phase: string) =>
  Number(
    execFileSync(
      process.execPath,
      [...process.execArgv, import.meta.filename, '--phase', phase, '--dataset', file],
      { encoding: 'utf8' },
    ),
  ) / 1024;
const parsePeak = peakMb('parse');
const auditPeak = peakMb('audit');
const parseMs = median(parseTimes);
const auditMs = median(auditTimes);
// Each run's audit against the baseline measured just before it: on a shared machine whose
// speed drifts, the ratio within a pair is steadier than the ratio of two medians.
const ratios = auditTimes.map((a, i) => a / (parseTimes[i] as number));
const ratio = median(ratios);
const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)} ms`;
console.log(
  `dataset: ${patientCount} patients x ${months} months, ${activeMonths} patient-months with time, ` +
    `${(bytes / 1e6).toFixed(1)} MB; ${monthsAudited} months in the report`,
);
console.log(
  `read + parse + validate: median ${parseMs.toFixed(0)} ms over ${runs} runs (${range(parseTimes)})`,
);
console.log(
  `audit:                   median ${auditMs.toFixed(0)} ms over ${runs} runs (${range(auditTimes)})`,
);
console.log(
  `ratio audit / parse+validate: ${ratio.toFixed(2)} (median of ${runs} paired runs, ` +
    `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}; ` +
    `ratio of the medians ${(auditMs / parseMs).toFixed(2)}; target <= 1.00)`,
);
console.log(
  `throughput: ${Math.round(activeMonths / (auditMs / 1000)).toLocaleString('en-US')} patient-months audited per second`,
);
console.log(
  `peak RSS (process.resourceUsage().maxRSS of a fresh child): parse+validate ${parsePeak.toFixed(0)} MB, ` +
    `parse+validate then audit ${auditPeak.toFixed(0)} MB`,
);
writeResults(values.json, [
  {
    name: 'audit-throughput',
    metric: `audit of ${activeMonths} patient-months (${patientCount} patients)`,
    unit: 'ms',
    value: auditMs,
    baseline: { name: 'read + parse + validate the file', value: parseMs },
    ratio,
    better: 'lower',
    runs,
    notes: `${Math.round(activeMonths / (auditMs / 1000))} patient-months/s; peak RSS ${parsePeak.toFixed(0)} MB baseline, ${auditPeak.toFixed(0)} MB with the audit; target ratio <= 1`,
  },
]);
