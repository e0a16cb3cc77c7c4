import { underbilledMonth } from '../../src/rules/underbilled-month.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario } from '../support/scenario.js';

ruleTable(underbilledMonth, {
  valid: [
    {
      name: '45 minutes billed as 99490 + 99439 x1',
      dataset: scenario({
        staff: [45],
        lines: [
          ['99490', 1],
          ['99439', 1],
        ],
      }),
    },
    {
      name: '85 minutes billed at the 99439 cap',
      dataset: scenario({
        staff: [85],
        lines: [
          ['99490', 1],
          ['99439', 2],
        ],
      }),
    },
  ],
  invalid: [
    {
      name: '45 minutes billed as 99490 alone',
      dataset: scenario({ staff: [45] }),
      evidence: { addonCode: '99439', addonUnits: 0 },
    },
    {
      name: '65 minutes billed with one 99439 unit',
      dataset: scenario({
        staff: [65],
        lines: [
          ['99490', 1],
          ['99439', 1],
        ],
      }),
    },
  ],
});
