import { addonUnitsOverCap } from '../../src/rules/addon-units-over-cap.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario } from '../support/scenario.js';

ruleTable(addonUnitsOverCap, {
  valid: [
    {
      name: '99439 x2, the cap',
      dataset: scenario({
        staff: [40, 45],
        lines: [
          ['99490', 1],
          ['99439', 2],
        ],
      }),
    },
    {
      name: '99489 x3 has no cap by default',
      dataset: scenario({
        staff: [90, 90],
        lines: [
          ['99487', 1],
          ['99489', 3],
        ],
      }),
    },
    {
      name: '99437 x2 when the policy caps it at 2',
      policy: { addonCaps: { '99437': 2 } },
      dataset: scenario({
        staff: [],
        practitioner: [45, 45],
        lines: [
          ['99491', 1],
          ['99437', 2],
        ],
      }),
    },
  ],
  invalid: [
    {
      name: '99439 x3 at 85 minutes',
      dataset: scenario({
        staff: [40, 45],
        lines: [
          ['99490', 1],
          ['99439', 3],
        ],
      }),
      evidence: { code: '99439', units: 3, cap: 2 },
    },
    {
      name: 'G2058 x3 in 2020',
      month: '2020-03',
      dataset: scenario({
        month: '2020-03',
        staff: [40, 45],
        lines: [
          ['99490', 1],
          ['G2058', 3],
        ],
      }),
    },
    {
      name: '99437 x3 when the policy caps it at 2',
      policy: { addonCaps: { '99437': 2 } },
      dataset: scenario({
        staff: [],
        practitioner: [60, 60],
        lines: [
          ['99491', 1],
          ['99437', 3],
        ],
      }),
    },
  ],
});
