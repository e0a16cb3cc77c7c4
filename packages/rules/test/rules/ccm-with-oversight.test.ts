import type { Claim } from '@chronicle/dataset';
import { describe, expect, it } from 'vitest';
import { ccmWithOversight } from '../../src/rules/ccm-with-oversight.js';
import { findingsFor, ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

const claim = (id: string, by: string, dateOfService: string, codes: string[]): Claim => ({
  id,
  dateOfService,
  billingPractitionerId: by,
  status: 'submitted',
  lines: codes.map((code) => ({ code, units: 1 })),
});

const withOversight = (month: string, by = 'c-md', code = 'G0181') =>
  withChange({ month }, (_d, p) => p.claims.push(claim('cl-2', by, `${month}-15`, [code])));

ruleTable(ccmWithOversight, {
  valid: [
    { name: 'the clean 99490 month', dataset: scenario() },
    {
      name: 'oversight by another practitioner of the group',
      month: '2019-03',
      dataset: withOversight('2019-03', 'c-np'),
    },
    {
      name: 'oversight in the month after the CCM month',
      month: '2019-03',
      dataset: withChange({ month: '2019-03' }, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-md', '2019-04-02', ['G0182'])),
      ),
    },
  ],
  invalid: [
    {
      name: 'home-health oversight G0181 by the same practitioner in 2019',
      month: '2019-03',
      dataset: withOversight('2019-03'),
      evidence: { oversight: 'G0181', oversightClaimIds: ['cl-2'], claimIds: ['cl-1'] },
    },
    {
      name: 'hospice oversight G0182 on the CCM claim in 2015',
      month: '2015-05',
      dataset: scenario({
        month: '2015-05',
        lines: [
          ['99490', 1],
          ['G0182', 1],
        ],
      }),
      evidence: { oversight: 'G0182' },
    },
    {
      name: 'G0181 in 2020 still fires (as a warning)',
      month: '2020-03',
      dataset: withOversight('2020-03'),
    },
    {
      name: 'G0182 with 99491 in 2026',
      dataset: withChange({ staff: [], practitioner: [35], lines: [['99491', 1]] }, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-md', '2026-10-15', ['G0182'])),
      ),
      evidence: { ccm: '99491' },
    },
  ],
});

describe('CCM-WITH-OVERSIGHT severity by year', () => {
  it('is an error in 2019', () => {
    expect(
      findingsFor('CCM-WITH-OVERSIGHT', {
        name: '2019',
        month: '2019-12',
        dataset: withOversight('2019-12'),
      }).map((f) => f.severity),
    ).toEqual(['error']);
  });
  it('is a warning from 2020', () => {
    expect(
      findingsFor('CCM-WITH-OVERSIGHT', {
        name: '2020',
        month: '2020-01',
        dataset: withOversight('2020-01'),
      }).map((f) => f.severity),
    ).toEqual(['warning']);
  });
});
