import type { Claim } from '@chronicle/dataset';
import { ccmWithTcm } from '../../src/rules/ccm-with-tcm.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

const claim = (id: string, by: string, dateOfService: string, codes: string[]): Claim => ({
  id,
  dateOfService,
  billingPractitionerId: by,
  status: 'submitted',
  lines: codes.map((code) => ({ code, units: 1 })),
});

ruleTable(ccmWithTcm, {
  valid: [
    { name: 'the clean 99490 month', dataset: scenario() },
    {
      name: 'CCM and TCM in the same month from 2020 (the first year both are paid)',
      month: '2020-03',
      dataset: withChange({ month: '2020-03' }, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-md', '2020-03-12', ['99495'])),
      ),
    },
    {
      name: 'TCM in the month before the CCM month',
      month: '2019-03',
      dataset: withChange({ month: '2019-03' }, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-md', '2019-02-20', ['99495'])),
      ),
    },
    {
      name: 'an office visit, not TCM, in the month',
      month: '2019-03',
      dataset: withChange({ month: '2019-03' }, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-md', '2019-03-12', ['99214'])),
      ),
    },
  ],
  invalid: [
    {
      name: 'TCM by the same practitioner on its own claim in 2019, the last year',
      month: '2019-03',
      dataset: withChange({ month: '2019-03' }, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-md', '2019-03-12', ['99495'])),
      ),
      evidence: {
        tcm: '99495',
        tcmPractitionerIds: ['c-md'],
        tcmClaimIds: ['cl-2'],
        claimIds: ['cl-1'],
      },
    },
    {
      name: 'TCM on the same claim as CCM',
      month: '2018-07',
      dataset: scenario({
        month: '2018-07',
        lines: [
          ['99490', 1],
          ['99496', 1],
        ],
      }),
      evidence: { tcm: '99496', tcmClaimIds: ['cl-1'] },
    },
    {
      name: 'TCM by another practitioner in 2015',
      month: '2015-06',
      dataset: withChange({ month: '2015-06' }, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-np', '2015-06-03', ['99496'])),
      ),
      evidence: { by: 'NP Two', tcmPractitionerIds: ['c-np'] },
    },
  ],
});
