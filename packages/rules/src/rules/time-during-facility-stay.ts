import { defineRule } from '../engine/rule.js';
import { reportExcludedShortfall } from './support/shortfall.js';

export const timeDuringFacilityStay = defineRule({
  meta: {
    id: 'TIME-DURING-FACILITY-STAY',
    severity: 'error',
    years: { from: 2015 },
    sources: ['AAFP-FAQ-2015', 'CMS-FAQ-2016-SNF'],
    description:
      'Minutes needed for the billed level were logged while the patient was a hospital inpatient or in a Part A SNF stay.',
    messages: {
      needed:
        '{code} needs {requiredMinutes} minutes; {excludedMinutes} were logged during an inpatient or Part A SNF stay and cannot count, leaving {countableMinutes}.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'While a patient is a hospital inpatient or in a Part A skilled nursing stay the facility is paid for care planning, so CCM minutes in that time cannot count. Minutes in the same month outside the stay do count.',
      fail: 'A 99490 month of 25 minutes where 10 were logged during a 3-day inpatient stay.',
      pass: 'The same month with the 10 minutes logged on the day of discharge.',
      blindSpots:
        'Stays are recorded by date: a stay covers its admission day up to the day before discharge, so minutes on the discharge day count. Fires only when the minutes are needed for the billed level.',
      correctiveAction:
        'Recount the month without the minutes logged during the inpatient or Part A SNF stay and correct the claim to the level the rest support, or void it, and if Medicare has paid, report and refund the overpayment within 60 days of identifying it. Flag admissions in the care-management work list so staff know that minutes during the stay do not count, and resume counting after discharge.',
    },
  },
  check(ctx, report) {
    reportExcludedShortfall(ctx, 'facility-stay', report);
  },
});
