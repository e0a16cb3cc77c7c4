import { defineRule } from '../engine/rule.js';
import { shiftDate } from '../time/calendar.js';

const CAPABILITIES = [
  'certifiedEhr',
  'access24x7',
  'continuityOfCare',
  'enhancedCommunication',
  'careTransitions',
] as const;

export const practiceCapabilityUnattested = defineRule({
  meta: {
    id: 'PRACTICE-CAPABILITY-UNATTESTED',
    severity: 'warning',
    years: { from: 2015 },
    sources: ['TEXMED-SCOPE', 'INFOCUS', 'NGS-CM'],
    description:
      'The practice has no current attestation of certified EHR, 24/7 access, continuity of care, enhanced communication and care transitions.',
    messages: {
      none: 'The practice has not attested its CCM capabilities (certified EHR, 24/7 access, continuity, enhanced communication, care transitions).',
      missing: "The practice's attestation of {attestedOn} does not confirm: {missing}.",
      stale:
        "The practice's capability attestation of {attestedOn} is more than 12 months before {dateOfService}; renew it.",
      later:
        "The practice's capability attestation of {attestedOn} is dated after {dateOfService}; no attestation covers the date of service.",
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'CCM is a program, not only minutes: structured recording with certified EHR technology, 24/7 access to someone who can see the care plan, a designated care-team member for continuity, communication beyond the telephone, and management of care transitions. The practice should attest that it has them.',
      fail: 'A practice whose attestation marks access24x7 false.',
      pass: 'A practice that attested all five capabilities in January of the audited year.',
      blindSpots:
        "An attestation counts as current from its date for 12 months, a Chronicle convention rather than a CMS period (CMS sets none). The month's date of service is its latest claim date. The dataset holds one attestation, so auditing months before it (or more than 12 months after it) warns even if an earlier attestation existed; record the attestation in force for the months audited.",
      correctiveAction:
        'Confirm with evidence (EHR certification, on-call schedule, care-team assignments, messaging channels, transition follow-up) that the practice had each capability in the months billed, and record the attestation in force for them; if a capability was missing, review those months with your MAC or counsel. Review and re-attest the capabilities every year and whenever staff or systems change.',
    },
  },
  check(ctx, report) {
    const caps = ctx.practice.capabilities;
    const dos = ctx.dateOfService;
    if (!caps) {
      report({ messageId: 'none' });
      return;
    }
    let missing: Array<(typeof CAPABILITIES)[number]> | undefined;
    for (const c of CAPABILITIES) if (!caps[c]) (missing ??= []).push(c);
    if (missing !== undefined)
      report({
        messageId: 'missing',
        data: { attestedOn: caps.attestedOn, missing: missing.join(', ') },
        evidence: { missingCapabilities: missing },
      });
    // What is missing and when it was attested are separate fixes, so separate findings.
    if (caps.attestedOn > dos)
      report({
        messageId: 'later',
        data: { attestedOn: caps.attestedOn, dateOfService: dos },
        evidence: { timing: 'after-date-of-service' },
      });
    else if (caps.attestedOn < shiftDate(dos, -12))
      report({
        messageId: 'stale',
        data: { attestedOn: caps.attestedOn, dateOfService: dos },
        evidence: { timing: 'older-than-12-months' },
      });
  },
});
