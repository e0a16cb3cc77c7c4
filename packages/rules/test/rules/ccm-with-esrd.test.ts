import type { Claim } from '@chronicle/dataset';
import { describe, expect, it } from 'vitest';
import { ccmWithEsrd } from '../../src/rules/ccm-with-esrd.js';
import { findingsFor, ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

const claim = (id: string, by: string, dateOfService: string, codes: string[]): Claim => ({
  id,
  dateOfService,
  billingPractitionerId: by,
  status: 'submitted',
  lines: codes.map((code) => ({ code, units: 1 })),
});

const withEsrd = (month: string, by = 'c-np', code = '90960') =>
  withChange({ month }, (_d, p) => p.claims.push(claim('cl-2', by, `${month}-20`, [code])));

ruleTable(ccmWithEsrd, {
  valid: [
    { name: 'the clean 99490 month', dataset: scenario() },
    {
      name: 'ESRD services in the month after the CCM month',
      month: '2019-03',
      dataset: withChange({ month: '2019-03' }, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-np', '2019-04-20', ['90960'])),
      ),
    },
    {
      name: '90950 and 90971 are outside the ESRD range',
      month: '2019-03',
      dataset: withChange({ month: '2019-03' }, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-np', '2019-03-20', ['90950', '90971'])),
      ),
    },
  ],
  invalid: [
    {
      name: 'ESRD by the nephrologist (another practitioner) in 2019',
      month: '2019-03',
      dataset: withEsrd('2019-03'),
      evidence: {
        esrd: '90960',
        by: 'NP Two',
        esrdPractitionerIds: ['c-np'],
        esrdClaimIds: ['cl-2'],
      },
    },
    {
      name: '90951, the first ESRD code, by the same practitioner',
      month: '2016-02',
      dataset: withEsrd('2016-02', 'c-md', '90951'),
      evidence: { esrd: '90951', esrdPractitionerIds: ['c-md'] },
    },
    {
      name: '90970, the last ESRD code, in 2024 (a warning)',
      month: '2024-05',
      dataset: withEsrd('2024-05', 'c-np', '90970'),
      evidence: { esrd: '90970' },
    },
  ],
});

describe('CCM-WITH-ESRD severity by year', () => {
  it('is an error in 2019', () => {
    expect(
      findingsFor('CCM-WITH-ESRD', {
        name: '2019',
        month: '2019-12',
        dataset: withEsrd('2019-12'),
      }).map((f) => f.severity),
    ).toEqual(['error']);
  });
  it('is a warning from 2020', () => {
    expect(
      findingsFor('CCM-WITH-ESRD', {
        name: '2020',
        month: '2020-01',
        dataset: withEsrd('2020-01'),
      }).map((f) => f.severity),
    ).toEqual(['warning']);
  });
});
