import { defineRule } from '../engine/rule.js';
import { billedPrograms, expired, latestDecision } from './support/consent-in-force.js';

export const consentMissing = defineRule({
  meta: {
    id: 'CONSENT-MISSING',
    severity: 'error',
    years: { from: 2015 },
    sources: ['NGS-CM', 'AMA-CONSENT', 'NGS-CERT'],
    description:
      'A CCM, PCM or APCM code is billed and no accepted consent for that program names the billing practitioner on or before the date of service.',
    messages: {
      none: 'No {program} consent naming the billing practitioner is recorded on or before {dateOfService}.',
      declined:
        'The patient declined {program} (consent {consentId}, {consentDate}); no later acceptance is recorded before {dateOfService}.',
      expired:
        'The {program} consent {consentId} of {consentDate} is more than 12 months old and the policy in force requires yearly renewal.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    policy: ['consentRenewal'],
    docs: {
      why: 'The patient must agree to care management before it is furnished and billed, because it shares their information and carries cost sharing. The record must show the agreement and the practitioner it names; a new practitioner obtains a new consent. Missing consent is among the most common CERT documentation errors.',
      fail: '99490 billed for October by Dr. Ortiz; the only consent names another practitioner.',
      pass: 'A verbal consent naming Dr. Ortiz, recorded in January, before the October claim.',
      blindSpots:
        'A consent that was accepted and later revoked is CONSENT-REVOKED, not this rule. With the consentRenewal policy set to annual, a consent more than 12 months before the date of service no longer counts.',
      correctiveAction:
        "Look in the chart for a consent naming this practitioner dated on or before the date of service and record it if found; if there is none, hold the claim or void it, and if Medicare has paid it, report and refund the overpayment within 60 days of identifying it and refund the patient's coinsurance. Obtain and record consent (date, method, the practitioner it names, accepted or declined) before the first billed month, and obtain a new one when another practitioner takes over the billing or, under a yearly-renewal policy, before the old one is 12 months old.",
    },
  },
  check(ctx, report) {
    for (const program of billedPrograms(ctx)) {
      const consent = latestDecision(ctx, program);
      // The common case, an accepted consent in force, makes nothing.
      if (consent && consent.decision !== 'declined' && !expired(ctx, consent)) continue;
      const data = { program: program.toUpperCase(), dateOfService: ctx.dateOfService };
      if (!consent) {
        const others = ctx.patient.consents.filter((c) => c.program === program).map((c) => c.id);
        report({
          messageId: 'none',
          data,
          evidence: {
            practitionerId: ctx.billingPractitionerId,
            consentsForOtherPractitionersOrLater: others,
          },
        });
      } else if (consent.decision === 'declined') {
        report({
          messageId: 'declined',
          data: { ...data, consentId: consent.id, consentDate: consent.date },
        });
      } else if (expired(ctx, consent)) {
        report({
          messageId: 'expired',
          data: { ...data, consentId: consent.id, consentDate: consent.date },
        });
      }
    }
  },
});
