import { careplanElementsThin } from '../../src/rules/careplan-elements-thin.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

// The scenario's plan cp-1 (2026-07-10) holds the six expected parts plus measurable goals.
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
    {
      name: 'a thin revision after the month is not read for it',
      dataset: withChange({}, (_d, p) => {
        p.carePlans.push({
          id: 'cp-2',
          date: '2026-11-01',
          event: 'revised',
          authorId: 'c-md',
          elements: ['problem-list'],
        });
      }),
    },
    {
      name: 'measurable goals are not among the six',
      dataset: withChange({}, (_d, p) => {
        p.carePlans[0]!.elements = p.carePlans[0]!.elements.filter((e) => e !== 'measurable-goals');
      }),
    },
    {
      name: 'no plan at all is left to CAREPLAN-MISSING',
      dataset: withChange({}, (_d, p) => {
        p.carePlans = [];
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
        carePlanId: 'cp-1',
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
      evidence: { carePlanId: 'cp-2', missingElements: ['coordination-with-other-providers'] },
    },
    {
      name: 'a review in the month recording no elements',
      dataset: withChange({}, (_d, p) => {
        p.carePlans.push({
          id: 'cp-3',
          date: '2026-10-31',
          event: 'reviewed',
          authorId: 'c-rn',
          elements: [],
        });
      }),
      evidence: { carePlanId: 'cp-3', date: '2026-10-31' },
    },
    {
      name: 'first service year: a thin 2015 plan',
      month: '2015-06',
      dataset: withChange({ month: '2015-06' }, (_d, p) => {
        p.carePlans[0]!.elements = ['problem-list'];
      }),
    },
  ],
});
