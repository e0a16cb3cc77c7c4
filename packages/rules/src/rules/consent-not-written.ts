import { defineRule } from '../engine/rule.js';
import { billedPrograms, latestDecision } from './support/consent-in-force.js';

export const consentNotWritten = defineRule({
  meta: {
    id: 'CONSENT-NOT-WRITTEN',
    severity: 'error',
    years: { from: 2015, to: 2016 },
    sources: ['TEXMED-CONSENT', 'CH-2017', 'AMA-CONSENT'],
    description:
      'Consent for a 2015-2016 date of service was verbal; a signed written agreement was required until 2017.',
    messages: {
      verbal:
        'Consent {consentId} was verbal; for a {year} date of service CMS required a signed written agreement.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'In 2015 and 2016 CCM needed a written, signed agreement obtained face to face. From 2017 verbal consent documented in the record is enough.',
      fail: 'A 2016 month billed on a verbal consent.',
      pass: 'A 2016 month billed on a written consent, or a 2017 month on a verbal one.',
      correctiveAction:
        'Look for a signed written agreement for each 2015-2016 month billed; where there is none, void the month and report and refund the overpayment within 60 days of identifying it (ask your MAC whether months that old are still open to refunds). From 2017 a verbal consent documented in the record is enough, so nothing changes for current months; keep the signed 2015-2016 agreements on file.',
    },
  },
  check(ctx, report) {
    for (const program of billedPrograms(ctx)) {
      const consent = latestDecision(ctx, program);
      if (consent?.decision !== 'accepted' || consent.method === 'written') continue;
      report({ messageId: 'verbal', data: { consentId: consent.id, year: ctx.year } });
    }
  },
});
