import { compareStrings } from '../engine/compare.js';
import { defineRule } from '../engine/rule.js';

export const g0506Repeated = defineRule({
  meta: {
    id: 'G0506-REPEATED',
    severity: 'error',
    years: { from: 2017 },
    sources: ['NGS-CM', 'SVMIC'],
    description: 'G0506 is billed more than once for the patient by the same practitioner.',
    messages: {
      again:
        'G0506 is payable once per patient at CCM initiation; this practitioner already billed it on {firstDateOfService} (claim {firstClaimId}).',
    },
    scope: 'billed-month',
    codes: ['G0506'],
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'The comprehensive assessment and care planning add-on is billed once, when CCM is initiated. A second G0506 by the same practitioner is not payable.',
      fail: 'G0506 billed in March and again in November by the same physician.',
      pass: 'G0506 billed once, in March.',
      blindSpots:
        'Fires on every month after the first G0506 that bills it again (or on the first month when it carries more than one unit); the earliest line is taken as the payable one.',
      correctiveAction:
        "Void every G0506 line after the first by the same practitioner and report and refund any that were paid within 60 days of identifying the overpayment. Check the patient's claim history before adding G0506, which is billed once per patient when CCM starts; later care-planning work counts toward the monthly CCM time instead.",
    },
  },
  check(ctx, report) {
    const here = ctx.units('G0506');
    if (here === 0) return;
    const lines = ctx.patientClaims
      .filter((c) => c.billingPractitionerId === ctx.billingPractitionerId)
      .flatMap((c) =>
        c.lines
          .filter((l) => l.code === 'G0506')
          .map((l) => ({ claimId: c.id, date: c.dateOfService, units: l.units })),
      )
      .sort((a, b) => compareStrings(a.date, b.date) || compareStrings(a.claimId, b.claimId));
    const first = lines[0];
    if (!first) return;
    const firstHere = first.date.startsWith(ctx.month);
    const excess = firstHere ? here - 1 : here;
    if (excess <= 0) return;
    report({
      messageId: 'again',
      data: { firstDateOfService: first.date, firstClaimId: first.claimId },
      atRisk: [{ code: 'G0506', units: excess }],
    });
  },
});
