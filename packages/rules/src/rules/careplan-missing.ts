import { defineRule } from '../engine/rule.js';

export const careplanMissing = defineRule({
  meta: {
    id: 'CAREPLAN-MISSING',
    severity: 'error',
    years: { from: 2015 },
    sources: ['NGS-CERT', 'NOR-QA', 'NGS-CM'],
    description: 'No care plan was established on or before the end of the billed month.',
    messages: {
      none: 'No comprehensive care plan is recorded as established on or before {lastDay}.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'A comprehensive, person-centred care plan must be on file for every month billed. CERT counts a missing plan as an error.',
      fail: 'A month billed in October with no care-plan event at all, or only one dated in November.',
      pass: 'A care plan established in January and reviewed since.',
      blindSpots:
        "Any care-plan event (established, revised or reviewed) dated by the month's end is taken as proof that a plan exists; a plan revised without a recorded establishment still counts.",
      correctiveAction:
        "If the chart holds a care plan dated by the month's end that the data lacks, record it; otherwise hold or void the month and, if Medicare has paid, report and refund the overpayment within 60 days of identifying it and refund the patient's coinsurance. Establish and record the comprehensive care plan, with its date, before the first month is billed, and keep it current for every month billed.",
    },
  },
  check(ctx, report) {
    // A revision or review presupposes a plan, so any event by the month's end proves one;
    // requiring an 'established' event would fail practices that imported a running plan.
    const { lastDay } = ctx;
    for (const c of ctx.patient.carePlans) if (c.date <= lastDay) return;
    report({
      messageId: 'none',
      data: { lastDay: ctx.lastDay },
      // Every event is dated after the month here: a plan written too late, or backdating risk.
      evidence: { laterCarePlanEventIds: ctx.patient.carePlans.map((c) => c.id) },
    });
  },
});
