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
    {
      name: 'a declined consent is not checked for elements (CONSENT-MISSING reports it)',
      dataset: withChange({}, (_d, p) => {
        p.consents[0]!.decision = 'declined';
        p.consents[0]!.informed.costSharing = false;
      }),
    },
    {
      name: 'an incomplete older consent superseded by a complete one',
      dataset: withChange({}, (_d, p) => {
        p.consents.unshift({
          ...structuredClone(p.consents[0]!),
          id: 'cons-0',
          date: '2026-01-05',
        });
        p.consents[0]!.informed.availability = false;
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
    {
      name: 'availability not explained in 2015',
      month: '2015-06',
      dataset: withChange({ month: '2015-06' }, (_d, p) => {
        p.consents[0]!.informed.availability = false;
      }),
      evidence: { consentId: 'cons-1', missingElements: ['availability'] },
    },
  ],
});
