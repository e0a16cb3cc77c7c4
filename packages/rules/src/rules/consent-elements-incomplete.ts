import { defineRule } from '../engine/rule.js';
import { billedPrograms, latestDecision } from './support/consent-in-force.js';

const REQUIRED = ['availability', 'costSharing', 'onePractitionerPerMonth', 'rightToStop'] as const;

export const consentElementsIncomplete = defineRule({
  meta: {
    id: 'CONSENT-ELEMENTS-INCOMPLETE',
    severity: 'warning',
    years: { from: 2015 },
    sources: ['NGS-CM', 'TEXMED-CONSENT', 'CH-CONSENT'],
    description:
      'The consent does not record that the patient was told of availability, cost sharing, one practitioner per month and the right to stop (2015-2016 also electronic sharing).',
    messages: {
      missing: 'Consent {consentId} does not record that the patient was told: {missing}.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'The record must show that the patient was told the service is available, that cost sharing applies, that only one practitioner can bill it in a month, and that they may stop at any time (effective at the end of the month). The 2015-2016 written agreement also authorised sharing their information electronically.',
      fail: 'A consent with costSharing: false.',
      pass: 'A consent with all four elements true (and electronicSharing for a 2016 month).',
      correctiveAction:
        'Check the chart for evidence that the patient was told the missing points and add it to the consent record; where there is none, explain them at the next contact and record an updated consent, and confirm with your MAC whether the months already billed on the incomplete consent need correcting. Use a consent script or form that covers availability, cost sharing, one practitioner per month and the right to stop (for 2015-2016, also electronic sharing of information).',
    },
  },
  check(ctx, report) {
    for (const program of billedPrograms(ctx)) {
      const consent = latestDecision(ctx, program);
      if (!consent || consent.decision !== 'accepted') continue;
      const { informed } = consent;
      let missing: string[] | undefined; // made only when something is missing
      for (const k of REQUIRED) if (!informed[k]) (missing ??= []).push(k);
      if (ctx.year <= 2016 && informed.electronicSharing !== true)
        (missing ??= []).push('electronicSharing');
      if (missing === undefined) continue;
      report({
        messageId: 'missing',
        data: { consentId: consent.id, missing: missing.join(', ') },
        evidence: { missingElements: missing },
      });
    }
  },
});
