import { defineRule } from '../engine/rule.js';
import { claimIdsOf, ownLines } from './support/same-month.js';

export const complexNoCarePlanChange = defineRule({
  meta: {
    id: 'COMPLEX-NO-CARE-PLAN-CHANGE',
    severity: 'warning',
    years: { from: 2017 },
    sources: ['REGENCE-MA', 'SARGAS-2020', 'AFFINITY-2020'],
    description:
      '99487 is billed and the care plan was neither established nor substantially revised in the month.',
    messages: {
      noChange:
        '99487 is billed for {month}, but the care plan was not established or substantially revised that month.',
      noActivity:
        '99487 is billed for {month}, but no care-plan activity (established, revised or reviewed) is recorded that month.',
    },
    scope: 'billed-month',
    codes: ['99487'],
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'Complex CCM requires establishing or substantially revising the comprehensive care plan. From 2020 CMS reads "established, implemented, revised or monitored" as meeting that requirement, so from 2020 any care-plan event in the month (a review included) satisfies it; for 2017-2019 only a plan established, or revised with a substantial revision, in the month does. Some sources still expect a substantial revision every complex month, which is why the rule warns rather than fails.',
      fail: '99487 billed for March 2019 when the only care-plan event that month is a review.',
      pass: '99487 billed for March 2019 with the care plan revised substantially on 8 March.',
      blindSpots:
        'Care-plan events are matched by their recorded date in the month; work on the plan that was not logged as an event is not seen.',
      correctiveAction:
        'For a 2017-2019 month, check the chart for a care plan established or substantially revised that month; if there is none, correct the claim to non-complex CCM and, if Medicare has paid, report and refund the difference within 60 days of identifying the overpayment. From 2020, record the care-plan work (establishing, revising, implementing or monitoring the plan) done in each complex month; sources disagree on whether a substantial revision is needed every complex month, so confirm with your MAC.',
    },
  },
  check(ctx, report) {
    if (ctx.units('99487') === 0) return;
    const events = ctx.patient.carePlans.filter(
      (p) => p.date >= ctx.firstDay && p.date <= ctx.lastDay,
    );
    // From 2020 monitoring the plan is enough; before, only a new plan or a substantial revision.
    const modern = ctx.year >= 2020;
    const meets = events.some(
      (p) =>
        modern ||
        p.event === 'established' ||
        (p.event === 'revised' && p.substantialRevision === true),
    );
    if (meets) return;
    report({
      messageId: modern ? 'noActivity' : 'noChange',
      data: { month: ctx.month },
      evidence: {
        claimIds: claimIdsOf(ownLines(ctx, ['99487'])),
        carePlanEventIds: events.map((p) => p.id),
      },
    });
  },
});
