import { defineRule } from '../engine/rule.js';
import { initiatingVisitCheck } from './support/initiating-visit.js';

export const initVisitMissing = defineRule({
  meta: {
    id: 'INIT-VISIT-MISSING',
    severity: 'error',
    years: { from: 2015 },
    sources: ['AAFP-FAQ-2015', 'CH-2017', 'NGS-CM', 'RHIHUB-APCM', 'NOR-QA'],
    description:
      'The first billed CCM (or APCM) month has no initiating visit by the billing practitioner where one is required.',
    messages: {
      missing:
        'The first {program} month billed by this practitioner ({firstDateOfService}) has no visit by them to initiate it; {requirement}.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: "CCM is initiated by the billing practitioner at a face-to-face visit. In 2015-2016 every patient needed one; from 2017 only new patients and patients the practitioner had not seen in the 12 months before CCM began (for APCM, 3 years). The visit must be the billing practitioner's own.",
      fail: 'A 2026 first CCM month for a patient with no visit by the billing physician in the year before consent and none since.',
      pass: 'A 2026 first CCM month for a patient the physician saw for a 99214 visit when consent was obtained.',
      blindSpots:
        'Only the first billed month of each program and practitioner is checked. "CCM began" is the consent date (or the first date of service when there is no consent). For 2015-2016 the visit must fall in the 12 months before the first date of service. Whether CCM was discussed at the visit is not required here; INIT-VISIT-NONQUALIFYING checks the visit\'s code.',
      correctiveAction:
        "Check the chart for a visit by the billing practitioner that the data lacks; if there is none, hold or void the first billed month and, if Medicare has paid it, report and refund the overpayment within 60 days of identifying it and refund the patient's coinsurance. Enrol a new patient, or one the practitioner has not seen in the previous 12 months (3 years for APCM; in 2015-2016, every patient), only after a face-to-face initiating visit by the billing practitioner at which care management is discussed and documented.",
    },
  },
  check(ctx, report) {
    for (const c of initiatingVisitCheck(ctx)) {
      if (c.candidates.length > 0) continue;
      const requirement =
        c.program === 'apcm'
          ? 'the patient had no visit with the practitioner in the 3 years before APCM began'
          : ctx.year <= 2016
            ? 'in 2015-2016 every CCM patient needed an initiating visit'
            : 'the patient had no visit with the practitioner in the 12 months before CCM began';
      report({
        messageId: 'missing',
        data: {
          program: c.program.toUpperCase(),
          firstDateOfService: c.firstDateOfService,
          requirement,
        },
        evidence: {
          ccmStart: c.ccmStart,
          visitIdsByPractitioner: ctx.patient.encounters
            .filter((e) => e.clinicianId === ctx.billingPractitionerId)
            .map((e) => e.id),
        },
      });
    }
  },
});
