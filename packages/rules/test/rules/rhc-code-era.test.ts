import { rhcCodeEra } from '../../src/rules/rhc-code-era.js';
import { ruleTable } from '../support/rule-tester.js';
import { entry, scenario, withChange } from '../support/scenario.js';

const clinic = (
  month: string,
  lines: Array<[string, number]>,
  setting: 'rhc' | 'fqhc' = 'rhc',
  dateOfService?: string,
) =>
  withChange({ month, lines, ...(dateOfService ? { dateOfService } : {}) }, (d) => {
    d.practice.setting = setting;
  });

ruleTable(rhcCodeEra, {
  valid: [
    { name: 'the clean 99490 month of an office practice', dataset: scenario() },
    {
      name: 'an office practice billing 99490 in 2024',
      month: '2024-03',
      dataset: scenario({ month: '2024-03' }),
    },
    {
      name: 'an RHC billing G0511 in 2024',
      month: '2024-03',
      dataset: clinic('2024-03', [['G0511', 1]]),
    },
    {
      name: 'an RHC billing 99490 in January 2025',
      month: '2025-01',
      dataset: clinic('2025-01', [['99490', 1]]),
    },
    {
      name: 'an FQHC billing G0511 on the transition end, 30 June 2025',
      month: '2025-06',
      dataset: clinic('2025-06', [['G0511', 1]], 'fqhc'),
    },
    {
      name: 'an RHC billing G0511 in August 2025 when the policy ends the transition on 30 September',
      month: '2025-08',
      policy: { g0511TransitionEnd: '2025-09-30' },
      dataset: clinic('2025-08', [['G0511', 1]]),
    },
    {
      name: 'an RHC billing 99490 in 2017, before G0511 (RHCs then billed 99490)',
      month: '2017-06',
      dataset: clinic('2017-06', [['99490', 1]]),
    },
  ],
  invalid: [
    {
      name: 'an RHC billing 99490 in 2024',
      month: '2024-03',
      dataset: clinic('2024-03', [['99490', 1]]),
      evidence: { codes: '99490', setting: 'RHC', claimIds: ['cl-1'] },
    },
    {
      name: 'an RHC billing 99490 in 2018, the first G0511 year',
      month: '2018-01',
      dataset: clinic('2018-01', [['99490', 1]]),
    },
    {
      name: 'an FQHC billing PCM 99426 in 2022',
      month: '2022-04',
      dataset: withChange({ month: '2022-04', staff: [], lines: [['99426', 1]] }, (d, p) => {
        d.practice.setting = 'fqhc';
        p.timeEntries.push(entry('t-pcm', 'c-rn', '2022-04', 4, 30, 'pcm'));
      }),
      evidence: { codes: '99426', setting: 'FQHC' },
    },
    {
      name: 'an RHC billing G0511 on 1 July 2025 under the default transition end',
      month: '2025-07',
      dataset: clinic('2025-07', [['G0511', 1]], 'rhc', '2025-07-01'),
      evidence: { transitionEnd: '2025-06-30', dateOfService: '2025-07-01' },
    },
    {
      name: 'an RHC billing G0511 in October 2025 when the transition ended on 30 September',
      month: '2025-10',
      policy: { g0511TransitionEnd: '2025-09-30' },
      dataset: clinic('2025-10', [['G0511', 1]]),
      evidence: { transitionEnd: '2025-09-30' },
    },
    {
      name: 'an FQHC billing G0511 in 2026',
      month: '2026-02',
      dataset: clinic('2026-02', [['G0511', 1]], 'fqhc'),
    },
  ],
});
