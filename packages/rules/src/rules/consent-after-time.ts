import { defineRule } from '../engine/rule.js';
import { reportExcludedShortfall } from './support/shortfall.js';

export const consentAfterTime = defineRule({
  meta: {
    id: 'CONSENT-AFTER-TIME',
    severity: 'error',
    years: { from: 2015 },
    sources: ['NOR-QA', 'AMA-CONSENT'],
    description: 'Minutes counted for the month were logged before the consent date.',
    messages: {
      needed:
        '{code} needs {requiredMinutes} minutes; {excludedMinutes} of them were logged before the patient consented and cannot count, leaving {countableMinutes}.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'Consent must be obtained before CCM is furnished; a contractor states CCM cannot be billed without permission. Minutes before the consent date are therefore not countable.',
      fail: 'Consent on 15 October, 15 of the 25 minutes logged on 6 October, 99490 billed.',
      pass: 'Consent on 15 October and all 25 minutes logged after it.',
      blindSpots:
        'Treating pre-consent minutes as not countable is an inference from the contractor answer, not a CMS statement. Fires only when those minutes are needed for the billed level.',
      correctiveAction:
        "Recount the month without the minutes logged before the consent date and correct the claim to the level the remaining minutes support, or hold or void it if they support none; if Medicare has paid, report and refund the overpayment within 60 days of identifying it and refund the patient's coinsurance. Obtain and record consent before staff start logging care-management time, and flag entries dated before the consent. Excluding pre-consent minutes rests on a contractor answer, so confirm with your MAC.",
    },
  },
  check(ctx, report) {
    reportExcludedShortfall(ctx, 'before-consent', report);
  },
});
