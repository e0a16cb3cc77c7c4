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
    },
  },
  check(ctx, report) {
    reportExcludedShortfall(ctx, 'non-clinical', report);
  },
});
