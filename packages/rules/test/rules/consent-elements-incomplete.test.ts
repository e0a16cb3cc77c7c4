import { consentElementsIncomplete } from '../../src/rules/consent-elements-incomplete.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

ruleTable(consentElementsIncomplete, {
  valid: [
    { name: 'all four elements recorded', dataset: scenario() },
    {
      name: 'electronic sharing not recorded in 2017 (no longer an element)',
      month: '2017-05',
      dataset: withChange({ month: '2017-05' }, (_d, p) => {
        delete p.consents[0]!.informed.electronicSharing;
      }),
    },
  ],
  invalid: [
    {
      name: 'cost sharing not explained',
      dataset: withChange({}, (_d, p) => {
        p.consents[0]!.informed.costSharing = false;
      }),
      evidence: { missingElements: ['costSharing'] },
    },
    {
      name: 'right to stop and one practitioner per month not explained',
      dataset: withChange({}, (_d, p) => {
        p.consents[0]!.informed.rightToStop = false;
        p.consents[0]!.informed.onePractitionerPerMonth = false;
      }),
      evidence: { missingElements: ['onePractitionerPerMonth', 'rightToStop'] },
    },
    {
      name: 'electronic sharing not recorded in 2016',
      month: '2016-05',
      dataset: withChange({ month: '2016-05' }, (_d, p) => {
        delete p.consents[0]!.informed.electronicSharing;
      }),
      evidence: { missingElements: ['electronicSharing'] },
    },
  ],
});
