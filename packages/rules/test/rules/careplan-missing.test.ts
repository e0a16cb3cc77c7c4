import { careplanMissing } from '../../src/rules/careplan-missing.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

ruleTable(careplanMissing, {
  valid: [
    { name: 'established three months before', dataset: scenario() },
    {
      name: 'established on the last day of the month',
      dataset: withChange({}, (_d, p) => {
        p.carePlans[0]!.date = '2026-10-31';
        p.carePlans[0]!.sharedWithPatient!.date = '2026-10-31';
      }),
    },
  ],
  invalid: [
    {
      name: 'no care plan at all',
      dataset: withChange({}, (_d, p) => {
        p.carePlans = [];
      }),
      evidence: { carePlanEventIds: [] },
    },
    {
      name: 'established only the month after',
      dataset: withChange({}, (_d, p) => {
        p.carePlans[0]!.date = '2026-11-02';
        p.carePlans[0]!.sharedWithPatient!.date = '2026-11-02';
      }),
    },
  ],
});
