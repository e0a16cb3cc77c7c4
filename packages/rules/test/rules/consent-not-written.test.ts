import { consentNotWritten } from '../../src/rules/consent-not-written.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

ruleTable(consentNotWritten, {
  valid: [
    {
      name: 'a written consent in 2016',
      month: '2016-05',
      dataset: scenario({ month: '2016-05' }),
    },
    {
      name: 'a verbal consent in 2017',
      month: '2017-02',
      dataset: withChange({ month: '2017-02' }, (_d, p) => {
        p.consents[0]!.method = 'verbal';
      }),
    },
  ],
  invalid: [
    {
      name: 'a verbal consent in 2016',
      month: '2016-05',
      dataset: withChange({ month: '2016-05' }, (_d, p) => {
        p.consents[0]!.method = 'verbal';
      }),
      evidence: { consentId: 'cons-1', year: 2016 },
    },
    {
      name: 'a verbal consent in 2015',
      month: '2015-06',
      dataset: withChange({ month: '2015-06' }, (_d, p) => {
        p.consents[0]!.method = 'verbal';
      }),
    },
  ],
});
