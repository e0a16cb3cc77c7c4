import { addonWithoutBase } from '../../src/rules/addon-without-base.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

ruleTable(addonWithoutBase, {
  valid: [
    {
      name: '99439 with 99490 on one claim',
      dataset: scenario({
        staff: [45],
        lines: [
          ['99490', 1],
          ['99439', 1],
        ],
      }),
    },
    {
      name: '99439 with 99490 on two claims in the month',
      dataset: withChange({ staff: [45], lines: [['99490', 1]] }, (_d, p) =>
        p.claims.push({
          id: 'cl-2',
          dateOfService: '2026-10-31',
          billingPractitionerId: 'c-md',
          status: 'submitted',
          lines: [{ code: '99439', units: 1 }],
        }),
      ),
    },
  ],
  invalid: [
    {
      name: '99439 alone',
      dataset: scenario({ staff: [45], lines: [['99439', 1]] }),
      evidence: { claimId: 'cl-1' },
    },
    {
      name: '99489 with 99490 instead of 99487',
      dataset: scenario({
        staff: [95],
        lines: [
          ['99490', 1],
          ['99489', 1],
        ],
      }),
    },
    {
      name: '99437 without 99491',
      dataset: scenario({ staff: [], practitioner: [65], lines: [['99437', 1]] }),
    },
    { name: '99427 without 99426', dataset: scenario({ staff: [65], lines: [['99427', 1]] }) },
  ],
});
