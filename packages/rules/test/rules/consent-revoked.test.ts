import { consentRevoked } from '../../src/rules/consent-revoked.js';
import { ruleTable } from '../support/rule-tester.js';
import { withChange } from '../support/scenario.js';

ruleTable(consentRevoked, {
  valid: [
    {
      name: 'revoked during the billed month (effective at its end)',
      dataset: withChange({}, (_d, p) => {
        p.consents[0]!.revokedOn = '2026-10-10';
      }),
    },
    {
      name: 'revoked, then a new consent before the month',
      dataset: withChange({}, (_d, p) => {
        p.consents[0]!.revokedOn = '2026-08-10';
        p.consents.push({
          ...structuredClone(p.consents[0]!),
          id: 'cons-2',
          date: '2026-09-01',
          revokedOn: undefined,
        });
        delete p.consents[1]!.revokedOn;
      }),
    },
  ],
  invalid: [
    {
      name: 'revoked the month before',
      dataset: withChange({}, (_d, p) => {
        p.consents[0]!.revokedOn = '2026-09-30';
      }),
      evidence: { revokedMonth: '2026-09' },
    },
  ],
});
