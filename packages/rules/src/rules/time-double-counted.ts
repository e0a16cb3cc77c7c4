import { defineRule } from '../engine/rule.js';
import { reportExcludedShortfall } from './support/shortfall.js';

export const timeDoubleCounted = defineRule({
  meta: {
    id: 'TIME-DOUBLE-COUNTED',
    severity: 'error',
    years: { from: 2015 },
    sources: ['RHIHUB-APCM', 'CH-G0506', 'FAIRPATH-GUIDE26'],
    description:
      'Minutes counted for CCM are tagged for another service, or one clinician has overlapping intervals that the month needs to reach its level.',
    messages: {
      needed:
        '{code} needs {requiredMinutes} minutes; {excludedMinutes} overlap time already counted elsewhere (the same clinician at once, or another service), leaving {countableMinutes}.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'A minute can count toward one service only: time counted for TCM, RPM, BHI, PCM, G0506 care planning or another patient cannot count again for CCM. A clinician cannot be on two calls at once.',
      fail: 'An RN logs 10:00-10:20 for one patient and 10:10-10:30 for another, and the second month needs those 10 minutes for 99490.',
      pass: 'The same two calls one after the other.',
      blindSpots:
        'The later of two overlapping entries carries the overlap, so each real minute is counted once. Overlap with time tagged to another service is checked for the same patient by a different clinician; minutes inside an E/M visit are not visible because visits have dates, not times.',
      correctiveAction:
        "Take the overlapping minutes out of the CCM count and correct the claim to the level the rest support, or void it, and if Medicare has paid, report and refund the overpayment within 60 days of identifying it; where an entry's times are simply wrong, correct them from the source record (call log, note times). Tag each time entry to one service only, and check for overlapping entries by the same clinician before the month is billed.",
    },
  },
  check(ctx, report) {
    reportExcludedShortfall(ctx, 'double-counted', report);
  },
});
