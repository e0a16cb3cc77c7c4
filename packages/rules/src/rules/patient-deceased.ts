import { isAuditedCode } from '../codes/code-catalogue.js';
import { defineRule } from '../engine/rule.js';

// Messages and evidence never repeat the date of death (a personal fact like the birth
// date); they name the claim and the time entries, which lead a reviewer to the record.
export const patientDeceased = defineRule({
  meta: {
    id: 'PATIENT-DECEASED',
    severity: 'error',
    years: { from: 2015 },
    sources: ['NGS-CERT', 'CMS-CCM-PAGE'],
    description: "The date of service or counted minutes fall after the patient's death.",
    messages: {
      dos: "Claim {claimId} is dated {dateOfService}, after the patient's recorded date of death; correct the date or withdraw the claim.",
      minutes:
        "{minutes} minute(s) logged for this month fall after the patient's recorded date of death and cannot count; check the entries' dates.",
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'No service can be furnished after death. Claims dated after it, or months resting on minutes logged after it, point to a wrong date or to time that was not furnished.',
      fail: 'The patient died on 10 October; the claim is dated 31 October.',
      pass: 'The patient died on 20 October; 25 minutes were logged before and the claim is dated 18 October.',
      blindSpots:
        "Reads the dataset's date of death only; a death not recorded there is not seen. Minutes count as after death when their local date (practice time zone) is later than the date of death, so time on the day of death is accepted. Only minutes of the service the month is billed under (CCM, or PCM when only PCM is billed) are read, and minutes by non-clinical staff are left to STAFF-NOT-CLINICAL.",
      correctiveAction:
        "Check the date of death and the dates on the claim and the time entries: correct a wrong date, and where the claim, or minutes the billed level needs, fall after the death, void the claim and, if Medicare has paid, report and refund the overpayment within 60 days of identifying it. End the patient's enrolment as soon as the practice learns of a death, and check claims and time entries dated after it before submitting.",
    },
  },
  check(ctx, report) {
    const death = ctx.patient.deathDate;
    if (death === undefined) return;
    const claimIds = new Set(ctx.lines.filter((l) => isAuditedCode(l.code)).map((l) => l.claimId));
    for (const claim of ctx.claims) {
      if (claimIds.has(claim.id) && claim.dateOfService > death)
        report({
          messageId: 'dos',
          data: { claimId: claim.id, dateOfService: claim.dateOfService },
        });
    }
    // The engine already keeps these minutes out of the countable pool; reported here even
    // when the month reaches its level without them, since logging them is itself wrong.
    const after = ctx.minutes().excluded.get('after-death');
    if (after && after.seconds > 0) {
      report({
        messageId: 'minutes',
        // Rounded up here (unlike countable time) so a part minute is not shown as 0.
        data: { minutes: Math.ceil(after.seconds / 60) },
        evidence: { entryIds: after.entryIds, seconds: after.seconds },
      });
    }
  },
});
