import { timeEntryUndocumented } from '../../src/rules/time-entry-undocumented.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

ruleTable(timeEntryUndocumented, {
  valid: [
    { name: 'every counted entry describes its activity', dataset: scenario({ staff: [10, 15] }) },
    {
      name: 'a blank entry for another service is not counted for CCM',
      dataset: withChange({ staff: [25] }, (_d, p) =>
        p.timeEntries.push({
          id: 't-r',
          clinicianId: 'c-rn',
          start: '2026-10-20T15:00:00Z',
          minutes: 5,
          service: 'rpm',
          activity: '',
        }),
      ),
    },
  ],
  invalid: [
    {
      name: 'a counted entry with a blank activity',
      dataset: withChange({ staff: [10, 15] }, (_d, p) => {
        p.timeEntries[1]!.activity = '   ';
      }),
      evidence: { entryIds: ['t-s2'] },
    },
  ],
});
