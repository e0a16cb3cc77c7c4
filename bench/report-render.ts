// Rendering a large audit report, against its own baseline measured in the same run:
// the canonical JSON (`JSON.stringify` with the CLI's indentation) of the same report.
// Run from the repository root:
//   pnpm exec tsx --conditions=@chronicle/source bench/report-render.ts \
//     [--months 100000] [--runs 3] [--seed 1] [--out bench/out] [--json FILE]
// A synthetic practice is generated and audited until the report holds at least --months
// audited months; each rendering is then timed, alternating with the baseline so that
// drift in machine speed affects both alike. Sizes are of the bytes written. --json writes
// the results for the suite's runner (bench/run.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { renderAuditCsv, renderAuditHtml, renderAuditPdf, sampleReport } from '@chronicle/report';
import { audit, type AuditReport } from '@chronicle/rules';
import { generateDataset } from '@chronicle/synthetic';
import { median, writeResults } from './support.js';

const { values } = parseArgs({
  options: {
    months: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: join(import.meta.dirname, 'out') },
    json: { type: 'string' },
  },
});

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const target = Number(values.months);
const runs = Number(values.runs);

/** Audits a generated practice big enough for `target` months in the report. */
function bigReport(): AuditReport {
  let patients = Math.ceil(target / 12);
  for (;;) {
    const dataset = generateDataset({
      seed: Number(values.seed),
      patients,
      year: 2026,
      months: 12,
    });
    const report = audit(dataset);
    if (report.months.length >= target) return report;
    patients = Math.ceil((patients * target * 1.02) / Math.max(1, report.months.length));
  }
}

let t = performance.now();
const report = bigReport();
console.log(
  `report: ${report.months.length.toLocaleString('en-US')} audited months, ` +
    `${report.months.reduce((n, m) => n + m.findings.length, 0).toLocaleString('en-US')} findings ` +
    `(generated and audited in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
);

type Renderer = () => Promise<string | Uint8Array> | string | Uint8Array;
const renderers: Record<string, Renderer> = {
  json: () => `${JSON.stringify(report, null, 2)}\n`,
  csv: () => renderAuditCsv(report),
  html: () => renderAuditHtml(report),
  pdf: () => renderAuditPdf(report),
};
const times: Record<string, number[]> = { json: [], csv: [], html: [], pdf: [] };
const ratios: Record<string, number[]> = { csv: [], html: [], pdf: [] };
/** The baselines measured just before each rendering, for its result's row. */
const before: Record<string, number[]> = { csv: [], html: [], pdf: [] };
const sizes: Record<string, number> = {};
mkdirSync(values.out, { recursive: true });

async function timed(name: string): Promise<number> {
  gc();
  const start = performance.now();
  const output = await (renderers[name] as Renderer)();
  const ms = performance.now() - start;
  sizes[name] = typeof output === 'string' ? Buffer.byteLength(output) : output.byteLength;
  return ms;
}

// One warm-up round, then rounds in which the baseline runs just before each rendering.
for (let i = 0; i <= runs; i++) {
  for (const name of ['csv', 'html', 'pdf']) {
    const base = await timed('json');
    const ms = await timed(name);
    if (i === 0) continue;
    (times.json as number[]).push(base);
    (times[name] as number[]).push(ms);
    (ratios[name] as number[]).push(ms / base);
    (before[name] as number[]).push(base);
  }
}
// The last outputs, kept for a look (bench/out is ignored by git).
writeFileSync(join(values.out, 'report-100k.html'), await renderAuditHtml(report));
writeFileSync(join(values.out, 'report-100k.pdf'), await renderAuditPdf(report));

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(
  `baseline JSON.stringify: median ${s(median(times.json as number[]))}, ${mb(sizes.json as number)}`,
);
for (const name of ['csv', 'html', 'pdf']) {
  const ts = times[name] as number[];
  const rs = ratios[name] as number[];
  console.log(
    `${name.padEnd(4)}: median ${s(median(ts))} (${s(Math.min(...ts))}-${s(Math.max(...ts))}), ` +
      `${mb(sizes[name] as number)}; ratio to JSON ${median(rs).toFixed(2)} ` +
      `(median of ${runs} paired runs, ${Math.min(...rs).toFixed(2)}-${Math.max(...rs).toFixed(2)})`,
  );
}

// Drawing a sample from the whole frame and extrapolating, against the same baseline.
t = performance.now();
const sampled = sampleReport(report, { size: 200, seed: '20261129' });
console.log(
  `sample of 200 from a frame of ${sampled.sampling?.frame.size.toLocaleString('en-US')} billed months ` +
    `with the estimate: ${(performance.now() - t).toFixed(0)} ms`,
);

writeResults(
  values.json,
  ['csv', 'html', 'pdf'].map((name) => ({
    name: `report-render/${name}`,
    metric: `render the report as ${name.toUpperCase()} (${report.months.length} audited months)`,
    unit: 'ms' as const,
    value: median(times[name] as number[]),
    baseline: {
      name: 'JSON.stringify the report (canonical JSON)',
      value: median(before[name] as number[]),
    },
    ratio: median(ratios[name] as number[]),
    better: 'lower' as const,
    runs,
    notes: `${mb(sizes[name] as number)} against ${mb(sizes.json as number)} of JSON`,
  })),
);
