import { consentMissing } from '../../src/rules/consent-missing.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

ruleTable(consentMissing, {
  valid: [
    { name: 'an accepted consent naming the billing practitioner', dataset: scenario() },
    {
      name: 'consent on the date of service itself',
      dataset: withChange({ staff: [25], dateOfService: '2026-10-20' }, (_d, p) => {
        p.consents[0]!.date = '2026-10-20';
      }),
    },
    {
      name: 'a consent of three years ago under the default policy (no renewal)',
      dataset: withChange({}, (_d, p) => {
        p.consents[0]!.date = '2023-07-05';
      }),
    },
    {
      name: 'an annual policy and a consent of this year',
      policy: { consentRenewal: 'annual' },
      dataset: scenario(),
    },
    {
      name: 'an annual policy and a consent exactly 12 months before the date of service',
      policy: { consentRenewal: 'annual' },
      dataset: withChange({}, (_d, p) => {
        p.consents[0]!.date = '2025-10-31';
      }),
    },
    {
      name: 'declined once, accepted later before the date of service',
      dataset: withChange({}, (_d, p) => {
        p.consents.unshift({
          ...structuredClone(p.consents[0]!),
          id: 'cons-0',
          date: '2026-03-01',
          decision: 'declined',
        });
      }),
    },
  ],
  invalid: [
    {
      name: 'no consent at all',
      dataset: withChange({}, (_d, p) => {
        p.consents = [];
      }),
      evidence: { practitionerId: 'c-md' },
    },
    {
      name: 'the consent names another practitioner',
      dataset: withChange({}, (_d, p) => {
        p.consents[0]!.practitionerId = 'c-np';
      }),
      evidence: { consentsForOtherPractitionersOrLater: ['cons-1'] },
    },
    {
      name: 'the consent is dated after the date of service',
      dataset: withChange({ dateOfService: '2026-10-20' }, (_d, p) => {
        p.consents[0]!.date = '2026-10-25';
      }),
    },
    {
      name: 'the patient declined',
      dataset: withChange({}, (_d, p) => {
        p.consents[0]!.decision = 'declined';
      }),
      evidence: { consentId: 'cons-1', program: 'CCM' },
    },
    {
      name: 'a PCM code with only a CCM consent',
      dataset: withChange({ staff: [35], lines: [['99426', 1]] }, (_d, p) => {
        p.timeEntries[0]!.service = 'pcm';
      }),
      evidence: { program: 'PCM' },
    },
    {
      name: 'APCM billed with only a CCM consent',
      month: '2025-06',
      dataset: withChange({ month: '2025-06', lines: [['G0557', 1]] }, () => {}),
      evidence: { program: 'APCM' },
    },
    {
      name: 'accepted, then declined before the date of service',
      dataset: withChange({}, (_d, p) => {
        p.consents.push({
          ...structuredClone(p.consents[0]!),
          id: 'cons-2',
          date: '2026-09-01',
          decision: 'declined',
        });
      }),
      evidence: { consentId: 'cons-2' },
    },
    {
      name: 'an annual policy and a consent more than 12 months old',
      policy: { consentRenewal: 'annual' },
      dataset: withChange({}, (_d, p) => {
        p.consents[0]!.date = '2025-07-05';
      }),
      evidence: { consentId: 'cons-1', consentDate: '2025-07-05' },
    },
  ],
});
