import { defineRule } from '../engine/rule.js';

export const patientDeceased = defineRule({
  meta: {
    id: 'PATIENT-DECEASED',
    severity: 'error',
    years: { from: 2015 },
    sources: ['NGS-CERT', 'CMS-CCM-PAGE'],
    description: "The date of service or counted minutes fall after the patient's death.",
    messages: {
      dos: "Claim {claimId} is dated {dateOfService}, after the patient's recorded date of death.",
      minutes:
        "{minutes} minute(s) logged for this month fall after the patient's recorded date of death.",
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'No service can be furnished after death. Claims dated after it, or months resting on minutes logged after it, point to a wrong date or to time that was not furnished.',
      fail: 'The patient died on 10 October; the claim is dated 31 October.',
      pass: 'The patient died on 20 October; 25 minutes were logged before and the claim is dated 18 October.',
      blindSpots:
        'Messages do not repeat the date of death; the evidence names the claim and entries only.',
    },
  },
  check(ctx, report) {
    const death = ctx.patient.deathDate;
    if (death === undefined) return;
    for (const claim of ctx.claims) {
      if (claim.dateOfService > death)
        report({
          messageId: 'dos',
          data: { claimId: claim.id, dateOfService: claim.dateOfService },
          evidence: { claimId: claim.id },
        });
    }
    const after = ctx.minutes().excluded.get('after-death');
    if (after && after.seconds > 0) {
      report({
        messageId: 'minutes',
        data: { minutes: Math.floor(after.seconds / 60) },
        evidence: { entryIds: after.entryIds },
      });
    }
  },
});
