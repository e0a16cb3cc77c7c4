import type { TimeEntry } from '@chronicle/dataset';
import { complexMdmUndocumented } from '../../src/rules/complex-mdm-undocumented.js';
import { ruleTable } from '../support/rule-tester.js';
import { entry, scenario, withChange } from '../support/scenario.js';

// 65 minutes of RN time and 99487, with a physician entry of moderate MDM on the 9th
// changed by `mdm`, or no MDM entry at all (null).
const complex = (month: string, mdm: Partial<TimeEntry> | null = {}) =>
  withChange({ month, staff: [35, 30], lines: [['99487', 1]] }, (_d, p) => {
    if (mdm) p.timeEntries.push({ ...entry('t-m', 'c-md', month, 9, 5), mdm: 'moderate', ...mdm });
  });

ruleTable(complexMdmUndocumented, {
  valid: [
    { name: 'the clean 99490 month', dataset: scenario() },
    { name: 'moderate MDM by the billing physician', dataset: complex('2026-10') },
    { name: 'high MDM by the billing physician', dataset: complex('2026-10', { mdm: 'high' }) },
    {
      name: 'MDM at 22:00 on 31 October in Chicago (1 November in UTC) belongs to October',
      dataset: complex('2026-10', { start: '2026-11-01T03:00:00Z' }),
    },
    { name: 'MDM in 2017, the first year', month: '2017-01', dataset: complex('2017-01') },
    {
      name: "no MDM in 2016 is before the rule's years",
      month: '2016-06',
      dataset: complex('2016-06', null),
    },
  ],
  invalid: [
    {
      name: 'no MDM recorded in the month',
      dataset: complex('2026-10', null),
      evidence: { claimIds: ['cl-1'], mdmByOthersEntryIds: [], practitioner: 'Dr. One' },
    },
    { name: 'low MDM is not enough', dataset: complex('2026-10', { mdm: 'low' }) },
    {
      name: 'moderate MDM by the NP, not the billing physician',
      dataset: complex('2026-10', { clinicianId: 'c-np' }),
      evidence: { mdmByOthersEntryIds: ['t-m'] },
    },
    {
      name: 'MDM at 22:00 on 30 September in Chicago (1 October in UTC) belongs to September',
      dataset: complex('2026-10', { start: '2026-10-01T03:00:00Z' }),
      evidence: { mdmByOthersEntryIds: [] },
    },
    { name: 'no MDM in 2017, the first year', month: '2017-01', dataset: complex('2017-01', null) },
  ],
});
