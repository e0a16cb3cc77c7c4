import { careplanNotShared } from '../../src/rules/careplan-not-shared.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

ruleTable(careplanNotShared, {
  valid: [
    { name: 'shared through the portal when established', dataset: scenario() },
    {
      name: 'shared on paper at a later review',
      dataset: withChange({}, (_d, p) => {
        delete p.carePlans[0]!.sharedWithPatient;
        p.carePlans.push({
          id: 'cp-2',
          date: '2026-10-05',
          event: 'reviewed',
          authorId: 'c-rn',
          elements: p.carePlans[0]!.elements,
          sharedWithPatient: { date: '2026-10-05', method: 'paper' },
        });
      }),
    },
  ],
  invalid: [
    {
      name: 'never shared',
      dataset: withChange({}, (_d, p) => {
        delete p.carePlans[0]!.sharedWithPatient;
      }),
      evidence: { carePlanEventIds: ['cp-1'] },
    },
    {
      name: 'shared only after the month',
      dataset: withChange({}, (_d, p) => {
        p.carePlans[0]!.sharedWithPatient!.date = '2026-11-03';
      }),
    },
  ],
});
