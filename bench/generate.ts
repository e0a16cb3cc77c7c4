// Writes a seeded synthetic dataset (and, if asked, the manifest of its injected faults):
//   pnpm exec tsx --conditions=@chronicle/source bench/generate.ts --patients 8334 --seed 1 \
//     --year 2026 [--months 12] [--fault-rate 0.15] [--timezone America/Chicago] \
//     [--out FILE] [--manifest FILE]
// Without --out the dataset goes to stdout. Up to 100 patients it is indented for reading.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateDatasetWithManifest } from '@chronicle/synthetic';

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    year: { type: 'string', default: '2026' },
    months: { type: 'string', default: '12' },
    'fault-rate': { type: 'string', default: '0.15' },
    timezone: { type: 'string', default: 'America/Chicago' },
    out: { type: 'string' },
    manifest: { type: 'string' },
  },
});

const integer = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error(`--${name} must be a whole number, got "${text}"`);
  return n;
};

const patients = integer('patients', values.patients);
const { dataset, faults } = generateDatasetWithManifest({
  patients,
  seed: integer('seed', values.seed),
  year: integer('year', values.year),
  months: integer('months', values.months),
  faultRate: Number(values['fault-rate']),
  timezone: values.timezone,
});
const text = `${JSON.stringify(dataset, null, patients <= 100 ? 2 : undefined)}\n`;
if (values.out) writeFileSync(values.out, text);
else process.stdout.write(text);
if (values.manifest) writeFileSync(values.manifest, `${JSON.stringify(faults, null, 2)}\n`);
const months = new Set(
  dataset.patients.flatMap((p) => p.claims.map((c) => `${p.id}${c.dateOfService.slice(0, 7)}`)),
);
console.error(
  `${dataset.patients.length} patients, ${months.size} billed patient-months, ${faults.length} injected faults` +
    (values.out ? ` -> ${values.out} (${(text.length / 1e6).toFixed(1)} MB)` : ''),
);
