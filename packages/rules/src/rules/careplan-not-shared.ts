import { defineRule } from '../engine/rule.js';

export const careplanNotShared = defineRule({
  meta: {
    id: 'CAREPLAN-NOT-SHARED',
    severity: 'error',
    years: { from: 2015 },
    sources: ['NGS-CM', 'NGS-CERT', 'DIARY-2017'],
    description:
      'No copy of the care plan was given to the patient on or before the end of the billed month.',
    messages: {
      none: 'No record shows a copy of the care plan given to the patient or caregiver on or before {lastDay}.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'The patient or caregiver must receive a copy of the care plan (since 2017 in the format they choose, paper or electronic). CERT counts a plan with no evidence it reached the patient as an error.',
      fail: 'A plan established in January with no sharedWithPatient record.',
      pass: 'A plan shared through the portal the day it was established.',
      blindSpots:
        'Any recorded share by the end of the month passes, even of an earlier version of a plan revised since; whether the patient actually received the copy is not knowable from the record.',
      correctiveAction:
        "If the chart shows the patient or caregiver received a copy by the month's end (portal, mail, in person), record it; otherwise hold or void the month, and if Medicare has paid, report and refund the overpayment within 60 days of identifying it, then give the patient a copy. Give a copy in the format the patient chooses when the plan is established and after each revision, and record how and when it was given.",
    },
  },
  check(ctx, report) {
    const plans = ctx.patient.carePlans;
    // Any share by the month's end will do: the copy need not be of the latest revision.
    const { lastDay } = ctx;
    for (const c of plans) if (c.sharedWithPatient && c.sharedWithPatient.date <= lastDay) return;
    report({
      messageId: 'none',
      data: { lastDay: ctx.lastDay },
      evidence: {
        carePlanEventIds: plans.filter((c) => c.date <= ctx.lastDay).map((c) => c.id),
        sharedLaterEventIds: plans.filter((c) => c.sharedWithPatient).map((c) => c.id),
      },
    });
  },
});
