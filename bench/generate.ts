// Writes a seeded synthetic dataset: node --conditions=@chronicle/source --import tsx bench/generate.ts \
//   --patients 8334 --seed 1 --year 2026 [--fault-rate 0.15] --out FILE
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateDataset } from '@chronicle/synthetic';

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    year: { type: 'string', default: '2026' },
    'fault-rate': { type: 'string', default: '0.15' },
    out: { type: 'string' },
    manifest: { type: 'string' },
  },
});
const { dataset, faults } = generateDataset({
  patients: Number(values.patients),
  seed: Number(values.seed),
  year: Number(values.year),
  faultRate: Number(values['fault-rate']),
});
const text = `${JSON.stringify(dataset, null, values.patients && Number(values.patients) <= 100 ? 2 : 0)}\n`;
if (values.out) writeFileSync(values.out, text);
else process.stdout.write(text);
if (values.manifest) writeFileSync(values.manifest, `${JSON.stringify(faults, null, 2)}\n`);
console.error(`${dataset.patients.length} patients, ${faults.length} injected faults`);
