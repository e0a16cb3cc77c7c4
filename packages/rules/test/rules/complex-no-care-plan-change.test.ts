import type { CarePlanEvent } from '@chronicle/dataset';
import { describe, expect, it } from 'vitest';
import { complexNoCarePlanChange } from '../../src/rules/complex-no-care-plan-change.js';
import { findingsFor, ruleTable } from '../support/rule-tester.js';
import { entry, scenario, withChange } from '../support/scenario.js';

// A complex month (65 RN minutes, moderate MDM, 99487) whose care plan was established
// three months earlier; `event` adds one care-plan event on the 8th of the month.
const complex = (month: string, event?: Partial<CarePlanEvent>) =>
  withChange({ month, staff: [35, 30], lines: [['99487', 1]] }, (_d, p) => {
    p.timeEntries.push({ ...entry('t-m', 'c-md', month, 9, 5), mdm: 'moderate' });
    if (event)
      p.carePlans.push({
        id: 'cp-2',
        date: `${month}-08`,
        event: 'revised',
        authorId: 'c-md',
        elements: ['problem-list'],
        ...event,
      });
  });

ruleTable(complexNoCarePlanChange, {
  valid: [
    { name: 'the clean 99490 month (no care-plan event needed)', dataset: scenario() },
    {
      name: 'substantial revision in the month, 2019',
      month: '2019-03',
      dataset: complex('2019-03', { substantialRevision: true }),
    },
    {
      name: 'care plan established in the month, 2017 (the first year)',
      month: '2017-01',
      dataset: complex('2017-01', { event: 'established' }),
    },
    {
      name: 'from 2020 a review in the month is enough',
      month: '2020-01',
      dataset: complex('2020-01', { event: 'reviewed' }),
    },
    {
      name: 'from 2020 a revision that is not substantial is enough',
      dataset: complex('2026-10', { substantialRevision: false }),
    },
    {
      name: "no event in 2016, before the rule's years",
      month: '2016-06',
      dataset: complex('2016-06'),
    },
  ],
  invalid: [
    {
      name: 'only a review in the month, 2019',
      month: '2019-03',
      dataset: complex('2019-03', { event: 'reviewed' }),
      evidence: { claimIds: ['cl-1'], carePlanEventIds: ['cp-2'] },
    },
    {
      name: 'a revision not marked substantial, 2019 (the last year it matters)',
      month: '2019-12',
      dataset: complex('2019-12', { substantialRevision: false }),
    },
    {
      name: 'substantial revision in the month before, 2018',
      month: '2018-05',
      dataset: complex('2018-05', { date: '2018-04-30', substantialRevision: true }),
      evidence: { carePlanEventIds: [] },
    },
    { name: 'no care-plan event at all, 2020', month: '2020-01', dataset: complex('2020-01') },
    { name: 'no care-plan event at all, 2026', dataset: complex('2026-10') },
  ],
});

describe('COMPLEX-NO-CARE-PLAN-CHANGE message and severity by era', () => {
  it('before 2020 asks for an established or substantially revised plan, as a warning', () => {
    const [f] = findingsFor('COMPLEX-NO-CARE-PLAN-CHANGE', {
      name: '2019',
      month: '2019-03',
      dataset: complex('2019-03', { event: 'reviewed' }),
    });
    expect(f?.severity).toBe('warning');
    expect(f?.message).toMatch(/not established or substantially revised/);
  });
  it('from 2020 asks for any care-plan activity', () => {
    const [f] = findingsFor('COMPLEX-NO-CARE-PLAN-CHANGE', {
      name: '2020',
      month: '2020-01',
      dataset: complex('2020-01'),
    });
    expect(f?.message).toMatch(/no care-plan activity/);
  });
});
