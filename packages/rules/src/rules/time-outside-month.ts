import { defineRule } from '../engine/rule.js';
import { reportExcludedShortfall } from './support/shortfall.js';

export const timeOutsideMonth = defineRule({
  meta: {
    id: 'TIME-OUTSIDE-MONTH',
    severity: 'error',
    years: { from: 2015 },
    sources: ['AAFP-2015-QA', 'CMS-FAQ-DOS'],
    description:
      'Minutes needed for the billed level lie outside the service month (in the practice time zone).',
    messages: {
      needed:
        '{code} needs {requiredMinutes} minutes in the month; {excludedMinutes} of the minutes near it fall in another month in the practice time zone, leaving {countableMinutes}.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'The service period is one calendar month where the practice is; time cannot be pooled across months. A call at 23:30 on 31 October in Chicago is October even though it is November in UTC, and a call that runs past midnight into the next month counts only its minutes before midnight.',
      fail: 'A 99490 September month that reaches 20 minutes only with a call logged at 20:00 on 30 September in Chicago recorded as 01:00 on 1 October UTC - billed for October.',
      pass: 'A call from 23:30 to 23:45 on 31 October in New York counted for October.',
      blindSpots:
        'Looks at minutes the practice could plausibly have placed in the month: the part of an entry that runs past the month boundary, and entries that fall in the month in UTC but not locally. Pooling from a month further away shows only as TIME-BELOW-THRESHOLD.',
      correctiveAction:
        "Recount the month with only the minutes that fall in it in the practice's local time, correct or void the claim, and if Medicare has paid, report and refund the overpayment within 60 days of identifying it. Record time in the practice's time zone, split a call that runs past midnight at the month boundary, and never move minutes from one month to another to reach a threshold.",
    },
  },
  check(ctx, report) {
    reportExcludedShortfall(ctx, 'outside-month', report);
  },
});
