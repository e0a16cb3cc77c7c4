import { careplanMissing } from '../../src/rules/careplan-missing.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

// The scenario's plan cp-1 is established and shared on 2026-07-10, for an October month.
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
    {
      name: 'only a review is recorded (any plan event proves a plan exists)',
      dataset: withChange({}, (_d, p) => {
        p.carePlans[0]!.event = 'reviewed';
      }),
    },
    {
      name: 'only a revision in the month is recorded',
      dataset: withChange({}, (_d, p) => {
        p.carePlans[0]!.event = 'revised';
        p.carePlans[0]!.date = '2026-10-12';
        p.carePlans[0]!.sharedWithPatient!.date = '2026-10-12';
      }),
    },
  ],
  invalid: [
    {
      name: 'no care plan at all',
      dataset: withChange({}, (_d, p) => {
        p.carePlans = [];
      }),
      evidence: { lastDay: '2026-10-31', laterCarePlanEventIds: [] },
    },
    {
      name: 'established only on the first day of the next month',
      dataset: withChange({}, (_d, p) => {
        p.carePlans[0]!.date = '2026-11-01';
        p.carePlans[0]!.sharedWithPatient!.date = '2026-11-01';
      }),
      evidence: { laterCarePlanEventIds: ['cp-1'] },
    },
    {
      name: 'first service year: a 2015 month whose plan came the month after',
      month: '2015-06',
      dataset: withChange({ month: '2015-06' }, (_d, p) => {
        p.carePlans[0]!.date = '2015-07-02';
        p.carePlans[0]!.sharedWithPatient!.date = '2015-07-02';
      }),
      evidence: { lastDay: '2015-06-30' },
    },
  ],
});
