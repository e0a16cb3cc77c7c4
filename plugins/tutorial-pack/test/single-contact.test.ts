import { parseDataset } from '@chronicle/dataset';
import { createPluginHost, inProcessPlugin } from '@chronicle/plugin-api/host';
import { audit } from '@chronicle/rules';
import { describe, expect, it } from 'vitest';
import manifest from '../chronicle-plugin.json' with { type: 'json' };
import example from '../example-dataset.json' with { type: 'json' };
import * as pack from '../src/index.js';

// The rule's table of passing and failing months. Each case changes the example dataset
// (October 2026, 99490 billed on one 25-minute call), and audits it with the pack loaded
// by the plugin host from its manifest, as `chronicle audit` loads it.

type Patient = (typeof example.patients)[number];
type Entry = Patient['timeEntries'][number];

const call = (id: string, start: string, minutes: number, service = 'ccm'): Entry => ({
  ...example.patients[0]!.timeEntries[0]!,
  id,
  start,
  minutes,
  service,
});

const valid: Array<[string, (p: Patient) => void]> = [
  [
    'two calls, of 12 and 13 minutes',
    (p) => {
      p.timeEntries = [
        call('t-1', '2026-10-06T15:00:00Z', 12),
        call('t-2', '2026-10-20T15:00:00Z', 13),
      ];
    },
  ],
  [
    'a second call on the last evening of the month, practice time',
    (p) => p.timeEntries.push(call('t-2', '2026-11-01T03:00:00Z', 5)),
  ],
];

const invalid: Array<[string, (p: Patient) => void]> = [
  ['one call of 25 minutes', () => {}],
  [
    'a second entry of remote monitoring, which is not CCM time',
    (p) => p.timeEntries.push(call('t-2', '2026-10-20T15:00:00Z', 10, 'rpm')),
  ],
  [
    'a second call in the next month, practice time',
    (p) => p.timeEntries.push(call('t-2', '2026-11-01T06:00:00Z', 5)),
  ],
];

async function findings(change: (p: Patient) => void) {
  const dataset = structuredClone(example);
  change(dataset.patients[0]!);
  const parsed = parseDataset(dataset);
  if (!parsed.ok) throw new Error('the case does not give a valid dataset');
  const host = createPluginHost({
    chronicleVersion: '0.1.0',
    plugins: [inProcessPlugin(manifest, pack)],
  });
  await host.activate('onAudit');
  const report = audit(parsed.value, { rules: host.rules() });
  return report.months.flatMap((m) => m.findings).filter((f) => f.ruleId === 'acme/SINGLE-CONTACT');
}

describe('acme/SINGLE-CONTACT', () => {
  it.each(valid)('passes: %s', async (_name, change) => {
    expect(await findings(change)).toEqual([]);
  });

  it.each(invalid)('fails: %s', async (_name, change) => {
    const [finding] = await findings(change);
    expect(finding).toMatchObject({
      severity: 'warning',
      message:
        'The CCM minutes of 2026-10 come from a single contact; the practice asks for two or more a month.',
      evidence: { timeEntryIds: ['t-1'] },
    });
  });
});
