import { codeNotEffective } from '../../src/rules/code-not-effective.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

const rhc = (month: string, lines: Array<[string, number]>, setting: 'rhc' | 'fqhc' = 'rhc') =>
  withChange({ month, lines }, (d) => {
    d.practice.setting = setting;
  });

// Every window edge: the first year in force passes, the year before fails (and the year
// after the last one).
ruleTable(codeNotEffective, {
  valid: [
    { name: 'the clean 99490 month', dataset: scenario() },
    {
      name: 'G2058 with 99490 in 2020',
      month: '2020-03',
      dataset: scenario({
        month: '2020-03',
        staff: [45],
        lines: [
          ['99490', 1],
          ['G2058', 1],
        ],
      }),
    },
    {
      name: '99439 in its first year, 2021',
      month: '2021-01',
      dataset: scenario({
        month: '2021-01',
        staff: [45],
        lines: [
          ['99490', 1],
          ['99439', 1],
        ],
      }),
    },
    {
      name: '99487 in its first year, 2017',
      month: '2017-01',
      dataset: scenario({ month: '2017-01', staff: [65], lines: [['99487', 1]] }),
    },
    {
      name: '99491 in its first year, 2019',
      month: '2019-01',
      dataset: scenario({ month: '2019-01', staff: [], practitioner: [35], lines: [['99491', 1]] }),
    },
    {
      name: 'G2065 in its last year, 2021',
      month: '2021-12',
      dataset: scenario({ month: '2021-12', lines: [['G2065', 1]] }),
    },
    {
      name: 'G0557 in its first year, 2025',
      month: '2025-01',
      dataset: scenario({ month: '2025-01', lines: [['G0557', 1]] }),
    },
    {
      name: 'G0511 by an RHC on the default transition end, 30 June 2025',
      month: '2025-06',
      dataset: rhc('2025-06', [['G0511', 1]]),
    },
    {
      name: 'G0511 by an FQHC in September 2025 when the policy ends the transition on 30 September',
      month: '2025-09',
      policy: { g0511TransitionEnd: '2025-09-30' },
      dataset: rhc('2025-09', [['G0511', 1]], 'fqhc'),
    },
    {
      name: 'G0511 by an RHC after the transition end is left to RHC-CODE-ERA',
      month: '2025-08',
      dataset: rhc('2025-08', [['G0511', 1]]),
    },
  ],
  invalid: [
    {
      name: '99439 in 2020 (G2058 was the add-on)',
      month: '2020-03',
      dataset: scenario({
        month: '2020-03',
        staff: [45],
        lines: [
          ['99490', 1],
          ['99439', 1],
        ],
      }),
      evidence: { code: '99439', from: 2021, claimIds: ['cl-1'] },
    },
    {
      name: 'G2058 in 2021, after its only year',
      month: '2021-03',
      dataset: scenario({
        month: '2021-03',
        staff: [45],
        lines: [
          ['99490', 1],
          ['G2058', 1],
        ],
      }),
      evidence: { code: 'G2058', from: 2020, to: 2020, window: 'in 2020 only' },
    },
    {
      name: '99487 and 99489 in 2016, before separate payment: one finding each',
      month: '2016-06',
      dataset: scenario({
        month: '2016-06',
        staff: [95],
        lines: [
          ['99487', 1],
          ['99489', 1],
        ],
      }),
      count: 2,
      evidence: { code: '99487', window: 'from 2017 on' },
    },
    {
      name: '99491 in 2018',
      month: '2018-12',
      dataset: scenario({ month: '2018-12', staff: [], practitioner: [35], lines: [['99491', 1]] }),
      evidence: { code: '99491' },
    },
    {
      name: '99437 in 2021, before 2022',
      month: '2021-06',
      dataset: scenario({
        month: '2021-06',
        staff: [],
        practitioner: [35, 30],
        lines: [
          ['99491', 1],
          ['99437', 1],
        ],
      }),
      evidence: { code: '99437' },
    },
    {
      name: 'G2064 in 2022, after it was replaced by 99424',
      month: '2022-02',
      dataset: scenario({ month: '2022-02', staff: [], practitioner: [35], lines: [['G2064', 1]] }),
      evidence: { code: 'G2064', window: 'from 2020 to 2021' },
    },
    {
      name: 'G0557 in December 2024',
      month: '2024-12',
      dataset: scenario({ month: '2024-12', lines: [['G0557', 1]] }),
      evidence: { code: 'G0557' },
    },
    {
      name: '99490 in 2014, before CCM was paid',
      month: '2014-06',
      dataset: scenario({ month: '2014-06' }),
      evidence: { code: '99490', from: 2015 },
    },
    {
      name: 'G0511 by an RHC in 2017, before G0511 existed',
      month: '2017-06',
      dataset: rhc('2017-06', [['G0511', 1]]),
      evidence: { code: 'G0511', window: 'from 2018 to 2025-06-30' },
    },
    {
      name: 'G0511 by an office practice, inside the G0511 years',
      month: '2022-05',
      dataset: scenario({ month: '2022-05', lines: [['G0511', 1]] }),
      evidence: { setting: 'office', claimIds: ['cl-1'] },
    },
  ],
});
