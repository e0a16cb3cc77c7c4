import { isQualifyingInitiatingVisit } from '../codes/code-catalogue.js';
import { defineRule } from '../engine/rule.js';

export const g0506WithoutInitiatingVisit = defineRule({
  meta: {
    id: 'G0506-WITHOUT-INITIATING-VISIT',
    severity: 'error',
    years: { from: 2017 },
    sources: ['NGS-CM', 'SVMIC', 'CH-G0506'],
    description:
      'G0506 is billed without a qualifying initiating visit by the same practitioner on the same date.',
    messages: {
      alone:
        'G0506 on claim {claimId} ({dateOfService}) has no qualifying initiating visit by the billing practitioner on that date.',
    },
    scope: 'billed-month',
    codes: ['G0506'],
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'G0506 is an add-on to the CCM initiating visit, for the extensive assessment and care planning the billing practitioner does beyond that visit. Without the visit on the same date by the same practitioner there is nothing to add on to.',
      fail: 'G0506 billed on 5 March with the 99214 visit on 2 March.',
      pass: 'G0506 billed with a 99214 on the same claim and the visit recorded that day.',
      blindSpots:
        'The visit may be an encounter in the record or a qualifying E/M, AWV or IPPE line billed by the same practitioner that day.',
      correctiveAction:
        "If the care planning was done at the billing practitioner's initiating visit and only the date or claim is wrong, submit a corrected claim with G0506 beside that visit; otherwise remove or void the G0506 line and, if it was paid, report and refund it within 60 days of identifying the overpayment. Bill G0506 only on the claim for the initiating visit, by the practitioner who furnished both the visit and the extra assessment and care planning, documented that day.",
    },
  },
  check(ctx, report) {
    for (const line of ctx.lines) {
      if (line.code !== 'G0506') continue;
      const date = line.dateOfService;
      const year = Number(date.slice(0, 4));
      const visit = ctx.patient.encounters.some(
        (e) =>
          e.kind === 'visit' &&
          e.date === date &&
          e.clinicianId === ctx.billingPractitionerId &&
          isQualifyingInitiatingVisit(e.code, year),
      );
      const billed = ctx.patientClaims.some(
        (c) =>
          c.dateOfService === date &&
          c.billingPractitionerId === ctx.billingPractitionerId &&
          c.lines.some((l) => l.code !== 'G0506' && isQualifyingInitiatingVisit(l.code, year)),
      );
      if (visit || billed) continue;
      report({
        messageId: 'alone',
        data: { claimId: line.claimId, dateOfService: date },
        atRisk: [{ code: 'G0506', units: line.units }],
      });
    }
  },
});
