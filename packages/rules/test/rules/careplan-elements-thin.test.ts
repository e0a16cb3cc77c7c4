import { careplanElementsThin } from '../../src/rules/careplan-elements-thin.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

ruleTable(careplanElementsThin, {
  valid: [
    { name: 'all six expected parts', dataset: scenario() },
    {
      name: 'a thin first plan revised into a full one',
      dataset: withChange({}, (_d, p) => {
        const full = p.carePlans[0]!.elements;
        p.carePlans[0]!.elements = ['problem-list'];
        p.carePlans.push({
          id: 'cp-2',
          date: '2026-09-01',
          event: 'revised',
          authorId: 'c-md',
          elements: full,
        });
      }),
    },
  ],
  invalid: [
    {
      name: 'only a problem list and medication management',
      dataset: withChange({}, (_d, p) => {
        p.carePlans[0]!.elements = ['problem-list', 'medication-management'];
      }),
      evidence: {
        missingElements: [
          'expected-outcomes',
          'symptom-management',
          'planned-interventions',
          'coordination-with-other-providers',
        ],
      },
    },
    {
      name: 'the latest revision dropped coordination',
      dataset: withChange({}, (_d, p) => {
        p.carePlans.push({
          id: 'cp-2',
          date: '2026-09-01',
          event: 'revised',
          authorId: 'c-md',
          elements: p.carePlans[0]!.elements.filter(
            (e) => e !== 'coordination-with-other-providers',
          ),
        });
      }),
      evidence: { missingElements: ['coordination-with-other-providers'] },
    },
  ],
});
