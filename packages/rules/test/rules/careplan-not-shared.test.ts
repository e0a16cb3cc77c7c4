import { careplanNotShared } from '../../src/rules/careplan-not-shared.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

// The scenario's plan cp-1 is established and shared on 2026-07-10, for an October month.
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
    {
      name: 'shared on the last day of the month',
      dataset: withChange({}, (_d, p) => {
        p.carePlans[0]!.sharedWithPatient!.date = '2026-10-31';
      }),
    },
  ],
  invalid: [
    {
      name: 'never shared',
      dataset: withChange({}, (_d, p) => {
        delete p.carePlans[0]!.sharedWithPatient;
      }),
      evidence: { lastDay: '2026-10-31', carePlanEventIds: ['cp-1'], sharedLaterEventIds: [] },
    },
    {
      name: 'shared only on the first day of the next month',
      dataset: withChange({}, (_d, p) => {
        p.carePlans[0]!.sharedWithPatient!.date = '2026-11-01';
      }),
      evidence: { carePlanEventIds: ['cp-1'], sharedLaterEventIds: ['cp-1'] },
    },
    {
      name: 'no care plan at all (nothing could have been shared)',
      dataset: withChange({}, (_d, p) => {
        p.carePlans = [];
      }),
      evidence: { carePlanEventIds: [] },
    },
    {
      name: 'first service year: a 2015 plan never shared',
      month: '2015-06',
      dataset: withChange({ month: '2015-06' }, (_d, p) => {
        delete p.carePlans[0]!.sharedWithPatient;
      }),
    },
  ],
});
