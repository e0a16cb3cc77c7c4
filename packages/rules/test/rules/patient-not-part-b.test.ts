import { patientNotPartB } from '../../src/rules/patient-not-part-b.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

ruleTable(patientNotPartB, {
  valid: [
    { name: 'open-ended Part B coverage', dataset: scenario() },
    {
      name: 'Part B that ends on the date of service',
      dataset: withChange({}, (_d, p) => {
        p.coverage[0]!.end = '2026-10-31';
      }),
    },
  ],
  invalid: [
    {
      name: 'Medicare Advantage only',
      dataset: withChange({}, (_d, p) => {
        p.coverage = [{ kind: 'medicare-advantage', start: '2020-01-01' }];
      }),
      evidence: { coverageKinds: ['medicare-advantage'] },
    },
    {
      name: 'Part B ended the month before',
      dataset: withChange({}, (_d, p) => {
        p.coverage[0]!.end = '2026-09-30';
      }),
      evidence: { coverageKinds: [] },
    },
  ],
});
