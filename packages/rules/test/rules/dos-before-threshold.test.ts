import { dosBeforeThreshold } from '../../src/rules/dos-before-threshold.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario } from '../support/scenario.js';

// Entries fall on the 2nd, 4th, 6th ... so 10 + 10 reaches 20 minutes on 4 October.
ruleTable(dosBeforeThreshold, {
  valid: [
    {
      name: 'dated the day the 20th minute was logged',
      dataset: scenario({ staff: [10, 10], dateOfService: '2026-10-04' }),
    },
    { name: 'dated at month end', dataset: scenario({ staff: [10, 10] }) },
    {
      name: 'month-end policy and a month-end date',
      policy: { dateOfService: 'month-end' },
      dataset: scenario({ staff: [10, 10] }),
    },
  ],
  invalid: [
    {
      name: 'dated the day before the threshold',
      dataset: scenario({ staff: [10, 10], dateOfService: '2026-10-03' }),
      evidence: { baseCode: '99490' },
    },
    {
      name: '99439 dated before the 40th minute',
      dataset: scenario({
        staff: [20, 10, 10],
        lines: [
          ['99490', 1],
          ['99439', 1],
        ],
        dateOfService: '2026-10-04',
      }),
    },
    {
      name: 'month-end policy and a threshold date',
      policy: { dateOfService: 'month-end' },
      dataset: scenario({ staff: [10, 10], dateOfService: '2026-10-04' }),
    },
  ],
});
