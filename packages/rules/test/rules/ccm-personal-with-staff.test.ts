import type { Claim } from '@chronicle/dataset';
import { ccmPersonalWithStaff } from '../../src/rules/ccm-personal-with-staff.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

const claim = (id: string, by: string, dateOfService: string, codes: string[]): Claim => ({
  id,
  dateOfService,
  billingPractitionerId: by,
  status: 'submitted',
  lines: codes.map((code) => ({ code, units: 1 })),
});

ruleTable(ccmPersonalWithStaff, {
  valid: [
    { name: 'the clean 99490 month', dataset: scenario() },
    {
      name: '99491 alone',
      dataset: scenario({ staff: [], practitioner: [35], lines: [['99491', 1]] }),
    },
    {
      name: '99491 with 99437',
      dataset: scenario({
        staff: [],
        practitioner: [35, 30],
        lines: [
          ['99491', 1],
          ['99437', 1],
        ],
      }),
    },
    {
      name: '99491 this month and 99490 the next',
      dataset: withChange({ staff: [], practitioner: [35], lines: [['99491', 1]] }, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-md', '2026-11-30', ['99490'])),
      ),
    },
    {
      name: "2018 is before the rule's years (99491 not yet paid; CODE-NOT-EFFECTIVE)",
      month: '2018-06',
      dataset: scenario({
        month: '2018-06',
        practitioner: [35],
        lines: [
          ['99491', 1],
          ['99490', 1],
        ],
      }),
    },
  ],
  invalid: [
    {
      name: '99491 and 99490 in 2019, the first year',
      month: '2019-01',
      dataset: scenario({
        month: '2019-01',
        practitioner: [35],
        lines: [
          ['99491', 1],
          ['99490', 1],
        ],
      }),
      evidence: { personal: '99491', staff: '99490', claimIds: ['cl-1'] },
    },
    {
      name: '99491 with 99487 and 99489',
      dataset: scenario({
        staff: [95],
        practitioner: [35],
        lines: [
          ['99491', 1],
          ['99487', 1],
          ['99489', 1],
        ],
      }),
      evidence: { staff: '99487, 99489' },
    },
    {
      name: '99437 with 99490 and 99439',
      dataset: scenario({
        staff: [45],
        practitioner: [65],
        lines: [
          ['99491', 1],
          ['99437', 1],
          ['99490', 1],
          ['99439', 1],
        ],
      }),
      evidence: { personal: '99491, 99437', staff: '99490, 99439' },
    },
    {
      name: '99491 with G2058 in 2020',
      month: '2020-02',
      dataset: scenario({
        month: '2020-02',
        staff: [45],
        practitioner: [35],
        lines: [
          ['99491', 1],
          ['G2058', 1],
        ],
      }),
      evidence: { staff: 'G2058' },
    },
    {
      name: 'the physician bills 99491 while the NP bills 99490: fires on both months',
      dataset: withChange({ staff: [], practitioner: [35], lines: [['99491', 1]] }, (_d, p) =>
        p.claims.push(claim('cl-2', 'c-np', '2026-10-31', ['99490'])),
      ),
      count: 2,
      evidence: { own: '99491', otherCodes: '99490', otherPractitionerIds: ['c-np'] },
    },
  ],
});
