import { defineRule } from '../engine/rule.js';
import { reportExcludedShortfall } from './support/shortfall.js';

export const staffNotClinical = defineRule({
  meta: {
    id: 'STAFF-NOT-CLINICAL',
    severity: 'error',
    years: { from: 2015 },
    sources: ['CMS-FAQ-2017', 'NOR-OPPS'],
    description: 'Minutes counted toward the month were logged by non-clinical staff.',
    messages: {
      needed:
        '{code} needs {requiredMinutes} minutes; {excludedMinutes} of the minutes logged for it were by non-clinical staff and cannot count, leaving {countableMinutes}.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'Only clinical staff (working incident to the billing practitioner) and the practitioner furnish CCM. Front-desk, billing and other non-clinical staff may help, but their minutes do not count toward any threshold.',
      fail: 'A month billed as 99490 on 12 minutes by an RN and 10 by the front desk.',
      pass: 'The same month where the RN logged all 22 minutes.',
      blindSpots:
        'Fires only when the non-clinical minutes are needed for the billed level; a month that reaches its level without them passes. A clinician is non-clinical by role (non-clinical-staff) or credential (non-clinical).',
      correctiveAction:
        "Recount the month without the non-clinical staff minutes and correct the claim to the level the clinical minutes support, or hold or void it if they support none; if Medicare has paid, report and refund the overpayment within 60 days of identifying it and refund the patient's coinsurance. Log care-management time only for the billing practitioner and clinical staff working incident to them, keep tasks such as scheduling out of the time log, and correct the staff list where a clinical staff member is recorded as non-clinical.",
    },
  },
  check(ctx, report) {
    reportExcludedShortfall(ctx, 'non-clinical', report);
  },
});
