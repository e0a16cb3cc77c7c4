import { timeBelowThreshold } from '../../src/rules/time-below-threshold.js';
import { ruleTable } from '../support/rule-tester.js';
import { entry, scenario, withChange } from '../support/scenario.js';

// Boundaries of every base code: one second under the minimum fails, the minimum passes.
ruleTable(timeBelowThreshold, {
  valid: [
    { name: '99490 at exactly 20 minutes', dataset: scenario({ staff: [20] }) },
    {
      name: '99490 on 12 + 8 minutes by two staff',
      dataset: withChange({ staff: [12] }, (_d, p) =>
        p.timeEntries.push(entry('t-x', 'c-ma', '2026-10', 20, 8)),
      ),
    },
    {
      name: '99487 at exactly 60 minutes',
      dataset: withChange({ staff: [30, 30], lines: [['99487', 1]] }, (_d, p) => {
        p.timeEntries.push({ ...entry('t-m', 'c-md', '2026-10', 9, 1), mdm: 'moderate' });
      }),
    },
    {
      name: "99491 at exactly 30 minutes of the physician's own time",
      dataset: scenario({ staff: [], practitioner: [30], lines: [['99491', 1]] }),
    },
    {
      name: '99426 PCM at 30 minutes',
      dataset: withChange({ staff: [], lines: [['99426', 1]] }, (_d, p) => {
        p.timeEntries.push(entry('t-pcm', 'c-rn', '2026-10', 4, 30, 'pcm'));
      }),
    },
  ],
  invalid: [
    {
      name: '99490 at 19 minutes',
      dataset: scenario({ staff: [19] }),
      evidence: { baseCode: '99490', requiredMinutes: 20 },
    },
    {
      name: '99490 at 19 minutes 59 seconds (no rounding up)',
      dataset: withChange({ staff: [] }, (_d, p) =>
        p.timeEntries.push({
          id: 't-1',
          clinicianId: 'c-rn',
          start: '2026-10-02T15:00:00Z',
          end: '2026-10-02T15:19:59Z',
          service: 'ccm',
          activity: 'Call',
        }),
      ),
      evidence: { countableSeconds: 1199 },
    },
    { name: '99487 at 59 minutes', dataset: scenario({ staff: [30, 29], lines: [['99487', 1]] }) },
    {
      name: '99491 at 29 minutes',
      dataset: scenario({ staff: [], practitioner: [29], lines: [['99491', 1]] }),
    },
    {
      name: '99490 with 25 minutes tagged to RPM, not CCM',
      dataset: withChange({ staff: [] }, (_d, p) =>
        p.timeEntries.push(entry('t-r', 'c-rn', '2026-10', 2, 25, 'rpm')),
      ),
    },
    {
      name: 'G2065 PCM at 29 minutes in 2021',
      month: '2021-05',
      dataset: withChange({ month: '2021-05', staff: [], lines: [['G2065', 1]] }, (_d, p) =>
        p.timeEntries.push(entry('t-pcm', 'c-rn', '2021-05', 4, 29, 'pcm')),
      ),
    },
  ],
});
