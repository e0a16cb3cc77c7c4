// Audit throughput against its own baseline, measured in the same run: how long the audit
// of N patient-months takes compared with merely reading, parsing and validating the file.
//   node --import tsx bench/audit-throughput.ts [--patient-months 100000] [--runs 5]
// Run after `pnpm build`: packages resolve to their built JavaScript, as in production.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDataset, type Dataset } from '@chronicle/dataset';
import { audit } from '@chronicle/rules';
import { generateDataset } from '@chronicle/synthetic';

const { values } = parseArgs({
  options: {
    'patient-months': { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    phase: { type: 'string' },
  },
});
const months = 12;
const patients = Math.ceil(Number(values['patient-months']) / months);
const file = join(import.meta.dirname, 'out', `dataset-${patients}.json`);

function parseFile(): Dataset {
  const parsed = parseDataset(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error('generated dataset is invalid');
  return parsed.value;
}

// A child process runs one phase so its peak memory is its own.
if (values.phase) {
  const dataset = parseFile();
  if (values.phase === 'audit') audit(dataset);
  process.stdout.write(String(process.resourceUsage().maxRSS));
  process.exit(0);
}

if (!existsSync(file)) {
  mkdirSync(join(import.meta.dirname, 'out'), { recursive: true });
  writeFileSync(
    file,
    JSON.stringify(generateDataset({ seed: 1, patients, year: 2026, months }).dataset),
  );
}
const bytes = readFileSync(file).length;
const runs = Number(values.runs);
const parseTimes: number[] = [];
const auditTimes: number[] = [];
let monthsAudited = 0;
// One warm-up of each, then parse and audit in turn so drift affects both alike.
for (let i = 0; i <= runs; i++) {
  let t = performance.now();
  const dataset = parseFile();
  const parseMs = performance.now() - t;
  t = performance.now();
  const report = audit(dataset);
  const auditMs = performance.now() - t;
  monthsAudited = report.months.length;
  if (i > 0) {
    parseTimes.push(parseMs);
    auditTimes.push(auditMs);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const rss = (phase: string) =>
  Number(
    execFileSync(
      process.execPath,
      [
        ...process.execArgv,
        import.meta.filename,
        '--phase',
        phase,
        '--patient-months',
        String(values['patient-months']),
      ],
      { encoding: 'utf8' },
    ),
  ) / 1024;
const parseRss = rss('parse');
const auditRss = rss('audit');
const parseMs = median(parseTimes);
const auditMs = median(auditTimes);
const patientMonths = patients * months;
console.log(
  `dataset: ${patients} patients x ${months} months = ${patientMonths} patient-months, ${(bytes / 1e6).toFixed(1)} MB; ${monthsAudited} months in the report`,
);
console.log(`read + parse + validate: median ${parseMs.toFixed(0)} ms over ${runs} runs`);
console.log(`audit:                   median ${auditMs.toFixed(0)} ms over ${runs} runs`);
console.log(`ratio audit / parse+validate: ${(auditMs / parseMs).toFixed(2)} (target <= 1.00)`);
console.log(
  `throughput: ${Math.round(patientMonths / (auditMs / 1000)).toLocaleString('en-US')} patient-months per second`,
);
console.log(
  `peak RSS: parse+validate ${parseRss.toFixed(0)} MB, parse+validate+audit ${auditRss.toFixed(0)} MB`,
);
