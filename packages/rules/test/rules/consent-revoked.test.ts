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
    {
      name: 'revoked on the last day of the billed month',
      dataset: withChange({}, (_d, p) => {
        p.consents[0]!.revokedOn = '2026-10-31';
      }),
    },
  ],
  invalid: [
    {
      name: 'revoked the month before',
      dataset: withChange({}, (_d, p) => {
        p.consents[0]!.revokedOn = '2026-09-30';
      }),
      evidence: { consentId: 'cons-1', revokedMonth: '2026-09', month: '2026-10' },
    },
    {
      name: 'revoked, and the new consent is dated after the date of service',
      dataset: withChange({ dateOfService: '2026-10-20' }, (_d, p) => {
        p.consents[0]!.revokedOn = '2026-08-10';
        p.consents.push({ ...structuredClone(p.consents[0]!), id: 'cons-2', date: '2026-10-25' });
        delete p.consents[1]!.revokedOn;
      }),
      evidence: { consentId: 'cons-1' },
    },
    {
      name: '2015: revoked in the month before',
      month: '2015-06',
      dataset: withChange({ month: '2015-06' }, (_d, p) => {
        p.consents[0]!.revokedOn = '2015-05-31';
      }),
      evidence: { revokedMonth: '2015-05' },
    },
    {
      name: 'a PCM consent revoked months earlier',
      dataset: withChange({ staff: [35], lines: [['99426', 1]] }, (_d, p) => {
        p.timeEntries[0]!.service = 'pcm';
        p.consents[0]!.program = 'pcm';
        p.consents[0]!.revokedOn = '2026-08-02';
      }),
      evidence: { revokedMonth: '2026-08' },
    },
  ],
});
