import { timeOutsideMonth } from '../../src/rules/time-outside-month.js';
import { ruleTable } from '../support/rule-tester.js';
import { withChange } from '../support/scenario.js';

const at = (id: string, start: string, end: string) => ({
  id,
  clinicianId: 'c-rn',
  start,
  end,
  service: 'ccm' as const,
  activity: 'Call',
});

ruleTable(timeOutsideMonth, {
  valid: [
    {
      name: 'a call at 23:30 on 31 October in Chicago belongs to October (November in UTC)',
      dataset: withChange({ staff: [10] }, (_d, p) =>
        p.timeEntries.push(at('t-late', '2026-10-31T23:30:00-05:00', '2026-10-31T23:45:00-05:00')),
      ),
    },
  ],
  invalid: [
    {
      name: 'a call on the evening of 30 September in Chicago (1 October in UTC) counted for October',
      dataset: withChange({ staff: [10] }, (_d, p) =>
        p.timeEntries.push(at('t-sep', '2026-09-30T20:00:00-05:00', '2026-09-30T20:15:00-05:00')),
      ),
      evidence: { excludedEntryIds: ['t-sep'] },
    },
    {
      name: 'a call running from 23:50 on 31 October past midnight into November',
      dataset: withChange({ staff: [5] }, (_d, p) =>
        p.timeEntries.push(at('t-mid', '2026-10-31T23:50:00-05:00', '2026-11-01T00:10:00-05:00')),
      ),
      evidence: { excludedSeconds: 600 },
    },
  ],
});
