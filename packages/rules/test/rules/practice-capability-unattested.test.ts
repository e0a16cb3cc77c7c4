import { practiceCapabilityUnattested } from '../../src/rules/practice-capability-unattested.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

ruleTable(practiceCapabilityUnattested, {
  valid: [
    { name: 'all five attested this year', dataset: scenario() },
    {
      name: 'attested 11 months before the date of service',
      dataset: withChange({}, (d) => {
        d.practice.capabilities!.attestedOn = '2025-12-01';
      }),
    },
  ],
  invalid: [
    {
      name: 'no attestation',
      dataset: withChange({}, (d) => {
        delete d.practice.capabilities;
      }),
    },
    {
      name: '24/7 access not attested',
      dataset: withChange({}, (d) => {
        d.practice.capabilities!.access24x7 = false;
      }),
      evidence: { missing: ['access24x7'] },
    },
    {
      name: 'attested more than 12 months before',
      dataset: withChange({}, (d) => {
        d.practice.capabilities!.attestedOn = '2025-10-01';
      }),
    },
  ],
});
