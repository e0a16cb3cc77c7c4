import { addonIncrementIncomplete } from '../../src/rules/addon-increment-incomplete.js';
import { ruleTable } from '../support/rule-tester.js';
import { entry, scenario, withChange } from '../support/scenario.js';

const complex = (staff: number[], units: number, month = '2026-10') =>
  withChange(
    {
      month,
      staff,
      lines:
        units > 0
          ? [
              ['99487', 1],
              ['99489', units],
            ]
          : [['99487', 1]],
    },
    (_d, p) => {
      p.timeEntries.push({ ...entry('t-m', 'c-md', month, 28, 1), mdm: 'high' });
    },
  );

// The ladders' boundaries: 39/40 and 59/60 for 99439; 89/90 and 119/120 for 99489; 59/60 for 99437.
ruleTable(addonIncrementIncomplete, {
  valid: [
    {
      name: '99439 x1 at 40 minutes',
      dataset: scenario({
        staff: [20, 20],
        lines: [
          ['99490', 1],
          ['99439', 1],
        ],
      }),
    },
    {
      name: '99439 x2 at 60 minutes',
      dataset: scenario({
        staff: [30, 30],
        lines: [
          ['99490', 1],
          ['99439', 2],
        ],
      }),
    },
    {
      name: 'G2058 x1 at 40 minutes in 2020',
      month: '2020-06',
      dataset: scenario({
        month: '2020-06',
        staff: [40],
        lines: [
          ['99490', 1],
          ['G2058', 1],
        ],
      }),
    },
    {
      name: "99489 x1 at 90 minutes (89 of staff plus the physician's minute)",
      dataset: complex([45, 44], 1),
    },
    { name: '99489 x2 at 120 minutes', dataset: complex([60, 59], 2) },
    {
      name: "99437 x1 at 60 minutes of the physician's time",
      dataset: scenario({
        staff: [],
        practitioner: [30, 30],
        lines: [
          ['99491', 1],
          ['99437', 1],
        ],
      }),
    },
  ],
  invalid: [
    {
      name: '99439 x1 at 39 minutes',
      dataset: scenario({
        staff: [20, 19],
        lines: [
          ['99490', 1],
          ['99439', 1],
        ],
      }),
      evidence: { addonCode: '99439', addonUnits: 1 },
    },
    {
      name: '99439 x2 at 59 minutes',
      dataset: scenario({
        staff: [30, 29],
        lines: [
          ['99490', 1],
          ['99439', 2],
        ],
      }),
    },
    {
      name: 'G2058 x1 at 39 minutes in 2020',
      month: '2020-06',
      dataset: scenario({
        month: '2020-06',
        staff: [39],
        lines: [
          ['99490', 1],
          ['G2058', 1],
        ],
      }),
    },
    { name: '99489 x1 at 89 minutes', dataset: complex([44, 44], 1) },
    {
      name: '99489 x2 at 119 minutes (85 minutes support one unit: no midpoint)',
      dataset: complex([60, 58], 2),
    },
    {
      name: '99437 x1 at 59 minutes',
      dataset: scenario({
        staff: [],
        practitioner: [30, 29],
        lines: [
          ['99491', 1],
          ['99437', 1],
        ],
      }),
    },
  ],
});
