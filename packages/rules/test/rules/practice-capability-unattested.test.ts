import { practiceCapabilityUnattested } from '../../src/rules/practice-capability-unattested.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

// The October claim is dated 2026-10-31; the scenario attests all five on 2026-07-01.
const attestedOn = (date: string) =>
  withChange({}, (d) => {
    d.practice.capabilities!.attestedOn = date;
  });

ruleTable(practiceCapabilityUnattested, {
  valid: [
    { name: 'all five attested three months before', dataset: scenario() },
    {
      name: 'attested exactly 12 months before the date of service',
      dataset: attestedOn('2025-10-31'),
    },
    { name: 'attested on the date of service', dataset: attestedOn('2026-10-31') },
    {
      name: 'a 2015 month with a 2015 attestation',
      month: '2015-06',
      dataset: scenario({ month: '2015-06' }),
    },
  ],
  invalid: [
    {
      name: 'no attestation',
      dataset: withChange({}, (d) => {
        delete d.practice.capabilities;
      }),
      count: 1,
    },
    {
      name: '24/7 access not attested',
      dataset: withChange({}, (d) => {
        d.practice.capabilities!.access24x7 = false;
      }),
      count: 1,
      evidence: { missingCapabilities: ['access24x7'] },
    },
    {
      name: 'certified EHR and care transitions not attested',
      dataset: withChange({}, (d) => {
        d.practice.capabilities!.certifiedEhr = false;
        d.practice.capabilities!.careTransitions = false;
      }),
      evidence: { missingCapabilities: ['certifiedEhr', 'careTransitions'] },
    },
    {
      name: 'attested 12 months and one day before the date of service',
      dataset: attestedOn('2025-10-30'),
      count: 1,
      evidence: {
        attestedOn: '2025-10-30',
        dateOfService: '2026-10-31',
        timing: 'older-than-12-months',
      },
    },
    {
      name: 'attested the day after the date of service',
      dataset: attestedOn('2026-11-01'),
      count: 1,
      evidence: {
        attestedOn: '2026-11-01',
        dateOfService: '2026-10-31',
        timing: 'after-date-of-service',
      },
    },
    {
      name: 'a 2015 month audited against a 2026 attestation',
      month: '2015-06',
      dataset: withChange({ month: '2015-06' }, (d) => {
        d.practice.capabilities!.attestedOn = '2026-01-02';
      }),
      evidence: { timing: 'after-date-of-service' },
    },
    {
      name: 'a capability missing and the attestation stale: one finding each',
      dataset: withChange({}, (d) => {
        d.practice.capabilities!.continuityOfCare = false;
        d.practice.capabilities!.attestedOn = '2024-01-02';
      }),
      count: 2,
    },
  ],
});
