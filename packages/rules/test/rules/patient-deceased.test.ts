import { patientDeceased } from '../../src/rules/patient-deceased.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

ruleTable(patientDeceased, {
  valid: [
    { name: 'no date of death', dataset: scenario() },
    {
      name: 'died after the date of service and the minutes',
      dataset: withChange({ staff: [25], dateOfService: '2026-10-18' }, (_d, p) => {
        p.deathDate = '2026-10-20';
      }),
    },
  ],
  invalid: [
    {
      name: 'claim dated after death',
      dataset: withChange({ staff: [25] }, (_d, p) => {
        p.deathDate = '2026-10-10';
      }),
      evidence: { claimId: 'cl-1' },
    },
    {
      name: 'minutes logged after death',
      dataset: withChange({ staff: [10, 15], dateOfService: '2026-10-02' }, (_d, p) => {
        p.deathDate = '2026-10-03';
      }),
      evidence: { entryIds: ['t-s2'] },
    },
  ],
});
