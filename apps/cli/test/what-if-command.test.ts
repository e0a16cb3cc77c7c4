import { describe, expect, it } from 'vitest';
import type { WhatIfReport } from '@chronicle/report';
import { cli, exampleDataset } from './support.js';

// `chronicle what-if`: the same period audited under the policy in force and another.

/** Worked example 02 (65 minutes in October) with the claim its proposal makes, billed. */
function billedExample02(): string {
  const dataset = JSON.parse(exampleDataset('02-bill-99490-99439x2.json'));
  dataset.patients[0].claims = [
    {
      id: 'cl-1',
      dateOfService: '2026-10-31',
      billingPractitionerId: 'c-md',
      status: 'submitted',
      lines: [
        { code: '99490', units: 1 },
        { code: '99439', units: 2 },
      ],
    },
  ];
  return JSON.stringify(dataset);
}

describe('chronicle what-if', () => {
  const files = {
    'd.json': billedExample02(),
    'one-unit.json': JSON.stringify({ addonCaps: { '99439': 1 } }),
    'default.json': '{}',
  };

  it('shows the month that fails when 99439 is capped at one unit, with the dollars at stake, and exits 1', async () => {
    const r = await cli(['what-if', 'd.json', '--policy', 'one-unit.json'], files);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as WhatIfReport;
    expect(report.format).toBe('ccm-what-if');
    expect(report.changes).toHaveLength(1);
    const [change] = report.changes;
    expect(change).toMatchObject({
      patientId: 'p-1',
      month: '2026-10',
      billed: true,
      before: { verdict: 'pass', amountAtRisk: 0 },
      after: { verdict: 'fail' },
      rulesAdded: ['ADDON-UNITS-OVER-CAP'],
    });
    expect(change?.after?.amountAtRisk).toBeGreaterThan(0);
    expect(report.summary.newlyFailing).toBe(1);
    expect(report.summary.revenueAtStake).toBe(change?.after?.amountAtRisk);
    expect(report.after.policy).toMatchObject({ addonCaps: { '99439': 1 } });
  });

  it('exits 0 with no changes when the alternative is the policy in force', async () => {
    const r = await cli(
      [
        'what-if',
        'd.json',
        '--policy',
        'default.json',
        '--baseline',
        'default.json',
        '--format',
        'csv',
      ],
      files,
    );
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1); // the header only
  });

  it('refuses a policy file with an unknown option, naming it, and writes nothing', async () => {
    const r = await cli(['what-if', 'd.json', '--policy', 'bad.json', '--out', 'x.json'], {
      ...files,
      'bad.json': JSON.stringify({ addonCap: 1 }),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/policy/);
    expect(r.written.size).toBe(0);
  });
});
