import type { Claim } from '@chronicle/dataset';
import { ccmComplexWithNoncomplex } from '../../src/rules/ccm-complex-with-noncomplex.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

const claim = (id: string, by: string, dateOfService: string, codes: string[]): Claim => ({
  id,
  dateOfService,
  billingPractitionerId: by,
  status: 'submitted',
  lines: codes.map((code) => ({ code, units: 1 })),
});

ruleTable(ccmComplexWithNoncomplex, {
  valid: [
    { name: 'the clean 99490 month', dataset: scenario() },
    {
      name: '99487 with 99489, no non-complex code',
      dataset: scenario({
        staff: [95],
        lines: [
          ['99487', 1],
          ['99489', 1],
        ],
      }),
    },
    {
      name: '99490 with 99439 x2',
      dataset: scenario({
        staff: [65],
        lines: [
          ['99490', 1],
          ['99439', 2],
        ],
      }),
    },
    {
      name: '99487 this month and 99490 the month before',
      dataset: withChange({ staff: [65], lines: [['99487', 1]] }, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-md', '2026-09-30', ['99490'])),
      ),
    },
    {
      name: "2016 is before the rule's years (99487 was not paid separately; CODE-NOT-EFFECTIVE)",
      month: '2016-06',
      dataset: scenario({
        month: '2016-06',
        staff: [65],
        lines: [
          ['99487', 1],
          ['99490', 1],
        ],
      }),
    },
  ],
  invalid: [
    {
      name: '99487 and 99490 on one claim',
      dataset: scenario({
        staff: [65],
        lines: [
          ['99487', 1],
          ['99490', 1],
        ],
      }),
      evidence: { complex: '99487', nonComplex: '99490', claimIds: ['cl-1'] },
    },
    {
      name: '99487 and 99490 on two claims of the practitioner',
      dataset: withChange({ staff: [65], lines: [['99487', 1]] }, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-md', '2026-10-15', ['99490'])),
      ),
      evidence: { claimIds: ['cl-1', 'cl-2'] },
    },
    {
      name: 'in 2017, the first year',
      month: '2017-01',
      dataset: scenario({
        month: '2017-01',
        staff: [65],
        lines: [
          ['99487', 1],
          ['99490', 1],
        ],
      }),
    },
    {
      name: '99487 with G2058 in 2020',
      month: '2020-05',
      dataset: scenario({
        month: '2020-05',
        staff: [65],
        lines: [
          ['99487', 1],
          ['G2058', 1],
        ],
      }),
      evidence: { nonComplex: 'G2058' },
    },
    {
      name: '99489 with 99439 x2',
      dataset: scenario({
        staff: [65],
        lines: [
          ['99489', 1],
          ['99439', 2],
        ],
      }),
      evidence: { complex: '99489', nonComplex: '99439 x2' },
    },
    {
      name: 'the physician bills 99490 while the NP bills 99487: fires on both months',
      dataset: withChange({}, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-np', '2026-10-31', ['99487'])),
      ),
      count: 2,
      evidence: {
        own: '99490',
        otherCodes: '99487',
        otherPractitionerIds: ['c-np'],
        otherClaimIds: ['cl-2'],
      },
    },
  ],
});
