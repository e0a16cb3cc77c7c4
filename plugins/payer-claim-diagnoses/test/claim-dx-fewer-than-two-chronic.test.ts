import { parseDataset, type Dataset } from '@chronicle/dataset';
import { createPluginHost, inProcessPlugin } from '@chronicle/plugin-api/host';
import { audit, cmsRules } from '@chronicle/rules';
import { beforeAll, describe, expect, it } from 'vitest';
import manifest from '../chronicle-plugin.json' with { type: 'json' };
import * as plugin from '../src/index.js';

// The plugin is loaded by the plugin host from its manifest and runs through the same
// audit as the CMS catalogue, by the public API only.

const host = createPluginHost({
  chronicleVersion: '0.1.0',
  plugins: [inProcessPlugin(manifest, plugin)],
});
beforeAll(() => host.activate('onAudit'));

function month(diagnoses: string[] | undefined): Dataset {
  const dataset = {
    format: 'ccm-dataset',
    version: 1,
    practice: { id: 'pr', name: 'P', timezone: 'America/Chicago', setting: 'office' },
    clinicians: [
      { id: 'md', name: 'Dr', credential: 'MD', role: 'practitioner' },
      { id: 'rn', name: 'RN', credential: 'RN', role: 'clinical-staff' },
    ],
    patients: [
      {
        id: 'p',
        mrn: 'M',
        name: { given: 'A', family: 'B' },
        birthDate: '1950-01-01',
        coverage: [{ kind: 'medicare-part-b', start: '2015-01-01' }],
        conditions: [],
        encounters: [],
        consents: [],
        carePlans: [],
        timeEntries: [
          {
            id: 't',
            clinicianId: 'rn',
            start: '2026-10-02T15:00:00Z',
            minutes: 25,
            service: 'ccm',
            activity: 'Call',
          },
        ],
        claims: [
          {
            id: 'cl',
            dateOfService: '2026-10-31',
            billingPractitionerId: 'md',
            status: 'paid',
            lines: [{ code: '99490', units: 1, ...(diagnoses ? { diagnoses } : {}) }],
          },
        ],
      },
    ],
  };
  const parsed = parseDataset(dataset);
  if (!parsed.ok) throw new Error('fixture invalid');
  return parsed.value;
}

const ruleId = 'payer/CLAIM-DX-FEWER-THAN-TWO-CHRONIC';
const fired = (d: Dataset) =>
  audit(d, { rules: [...cmsRules, ...host.rules()] })
    .months.flatMap((m) => m.findings)
    .filter((f) => f.ruleId === ruleId);

describe('the plugin', () => {
  it('is accepted, activated on audits, and registers the rule its manifest declares', () => {
    expect(host.list()).toMatchObject([
      { id: 'chronicle.payer-claim-diagnoses', state: 'active', problems: [] },
    ]);
    expect(host.rules().map((r) => [r.meta.id, r.plugin])).toEqual([
      [ruleId, 'chronicle.payer-claim-diagnoses'],
    ]);
  });
});

describe(ruleId, () => {
  it('passes a line with two chronic diagnoses (hypertension, type 2 diabetes)', () => {
    expect(fired(month(['I10', 'E11.9']))).toEqual([]);
  });
  it('warns on a line with one chronic and one acute diagnosis', () => {
    const [finding] = fired(month(['I10', 'J02.9']));
    expect(finding).toMatchObject({ severity: 'warning', evidence: { chronicDiagnoses: ['I10'] } });
    expect(finding?.message).toContain('1 chronic diagnosis');
  });
  it('warns on a line with no diagnoses at all', () => {
    expect(fired(month(undefined))).toHaveLength(1);
  });
  it('is absent from an audit that does not load the plugin', () => {
    expect(
      audit(month(['I10']))
        .months.flatMap((m) => m.findings)
        .some((f) => f.ruleId === ruleId),
    ).toBe(false);
  });
});
