import { timePerformerMismatch } from '../../src/rules/time-performer-mismatch.js';
import { ruleTable } from '../support/rule-tester.js';
import { entry, scenario, withChange } from '../support/scenario.js';

ruleTable(timePerformerMismatch, {
  valid: [
    {
      name: '99491 on 32 minutes all by the billing physician',
      dataset: scenario({ staff: [], practitioner: [32], lines: [['99491', 1]] }),
    },
    {
      name: "99490 on the physician's own minutes (they count as staff time)",
      dataset: scenario({ staff: [], practitioner: [25] }),
    },
    {
      name: 'before 2019 the rule is not in force',
      month: '2018-05',
      dataset: withChange({ month: '2018-05', staff: [12] }, (_d, p) =>
        p.timeEntries.push(entry('t-fd', 'c-fd', '2018-05', 9, 10)),
      ),
    },
  ],
  invalid: [
    {
      name: '99491 on 10 physician and 25 RN minutes',
      dataset: scenario({ staff: [25], practitioner: [10], lines: [['99491', 1]] }),
      evidence: { baseCode: '99491' },
    },
    {
      name: '99490 resting on front-desk minutes',
      dataset: withChange({ staff: [12] }, (_d, p) =>
        p.timeEntries.push(entry('t-fd', 'c-fd', '2026-10', 9, 10)),
      ),
      evidence: { nonClinicalEntryIds: ['t-fd'] },
    },
    {
      name: '99424 PCM on clinical staff minutes',
      dataset: withChange({ staff: [], lines: [['99424', 1]] }, (_d, p) =>
        p.timeEntries.push(entry('t-pcm', 'c-rn', '2026-10', 4, 35, 'pcm')),
      ),
    },
  ],
});
