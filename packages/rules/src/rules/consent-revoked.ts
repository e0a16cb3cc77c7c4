import { monthOf } from '../time/calendar.js';
import { defineRule } from '../engine/rule.js';
import { billedPrograms, latestDecision } from './support/consent-in-force.js';

export const consentRevoked = defineRule({
  meta: {
    id: 'CONSENT-REVOKED',
    severity: 'error',
    years: { from: 2015 },
    sources: ['NGS-CM'],
    description: 'The month billed is after the month in which the patient revoked consent.',
    messages: {
      revoked:
        'The patient revoked consent {consentId} on {revokedOn}; revocation takes effect at the end of {revokedMonth}, so {month} is not billable.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'A patient may stop care management at any time; the revocation takes effect at the end of the calendar month in which it is made. The month of revocation may still be billed, later months may not until a new consent.',
      fail: 'Consent revoked on 10 September; October billed.',
      pass: 'Consent revoked on 10 October; October billed.',
      correctiveAction:
        "Void the claims for the months after the month in which the patient revoked consent, and if Medicare has paid them, report and refund the overpayment within 60 days of identifying it and refund the patient's coinsurance. When a patient stops care management, end their enrolment at the end of that calendar month so no later month is billed, and bill again only after a new recorded consent.",
    },
  },
  check(ctx, report) {
    for (const program of billedPrograms(ctx)) {
      const consent = latestDecision(ctx, program);
      if (consent?.decision !== 'accepted' || consent.revokedOn === undefined) continue;
      const revokedMonth = monthOf(consent.revokedOn);
      if (revokedMonth >= ctx.month) continue;
      report({
        messageId: 'revoked',
        data: {
          consentId: consent.id,
          revokedOn: consent.revokedOn,
          revokedMonth,
          month: ctx.month,
        },
      });
    }
  },
});
