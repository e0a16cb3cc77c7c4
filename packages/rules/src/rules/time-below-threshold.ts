import { defineRule } from '../engine/rule.js';
import { billedLevels, levelEvidence, minutesLabel } from './support/billed-level.js';

// Blind spot: minutes are only as good as the time log; an entry logged but not
// performed cannot be seen here.
export const timeBelowThreshold = defineRule({
  meta: {
    id: 'TIME-BELOW-THRESHOLD',
    severity: 'error',
    years: { from: 2015 },
    sources: ['CMS-FAQ-DOS', 'AAFP-2020', 'AAPC-PCM', 'NGS-CM'],
    description: "Countable minutes in the month are under the base code's minimum.",
    messages: {
      below:
        '{code} needs {requiredMinutes} countable minutes in the month; only {countableMinutes} are documented.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: "Each time-based care-management code pays for a minimum of documented time in the calendar month: 20 minutes of clinical staff time for 99490, 60 for 99487, 30 of the practitioner's own time for 99491, 30 for PCM. Below it nothing is billable, and the claim is an overpayment.",
      fail: '99490 billed for a month with 19 minutes 59 seconds of clinical staff time.',
      pass: '99490 billed for a month with exactly 20 minutes of clinical staff time.',
      blindSpots:
        'Minutes are counted to the second as logged. Minutes that cannot count (non-clinical staff, before consent, during a facility stay, double counted, outside the month) are left out, and their own rules say so.',
      correctiveAction:
        "Hold the claim; if it was submitted, void it or correct it to a lower level the documented minutes support, and if Medicare has paid, report and refund the overpayment within 60 days of identifying it and refund the patient's coinsurance. Run the month-end billing proposal before submitting, and bill a month only once its countable minutes reach the code's minimum.",
    },
  },
  check(ctx, report) {
    for (const level of billedLevels(ctx)) {
      const baseSeconds = level.ladder.baseMinutes * 60;
      if (level.counted >= baseSeconds) continue;
      report({
        messageId: 'below',
        data: {
          code: level.base,
          requiredMinutes: level.ladder.baseMinutes,
          countableMinutes: minutesLabel(level.counted),
        },
        evidence: levelEvidence(level),
      });
    }
  },
});
