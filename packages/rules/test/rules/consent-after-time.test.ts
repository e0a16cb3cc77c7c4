import { consentAfterTime } from '../../src/rules/consent-after-time.js';
import { ruleTable } from '../support/rule-tester.js';
import { withChange } from '../support/scenario.js';

ruleTable(consentAfterTime, {
  valid: [
    {
      name: 'consent on the 1st, minutes after it',
      dataset: withChange({ staff: [25] }, (_d, p) => {
        p.consents[0]!.date = '2026-10-01';
      }),
    },
    {
      name: 'minutes before consent not needed: 25 after it',
      dataset: withChange({ staff: [10, 25] }, (_d, p) => {
        p.consents[0]!.date = '2026-10-03';
      }),
    },
    {
      name: 'minutes on the consent day count',
      dataset: withChange({ staff: [25] }, (_d, p) => {
        p.consents[0]!.date = '2026-10-02';
      }),
    },
  ],
  invalid: [
    {
      name: 'consent on the 15th, 15 of 25 minutes logged on the 2nd',
      dataset: withChange({ staff: [15, 10] }, (_d, p) => {
        p.consents[0]!.date = '2026-10-03';
      }),
      evidence: { excludedEntryIds: ['t-s1'] },
    },
  ],
});
