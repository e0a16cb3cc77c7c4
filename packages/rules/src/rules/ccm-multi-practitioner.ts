import { CCM_CODES } from '../codes/code-catalogue.js';
import { defineRule } from '../engine/rule.js';
import {
  claimIdsOf,
  codesLabel,
  otherLines,
  ownLines,
  practitionerIdsOf,
  practitionerNames,
} from './support/same-month.js';

export const ccmMultiPractitioner = defineRule({
  meta: {
    id: 'CCM-MULTI-PRACTITIONER',
    severity: 'error',
    years: { from: 2015 },
    sources: ['CGS-2015', 'NGS-CM', 'RHIHUB-CCM', 'PCCM-FAQ', 'OIG-2019', 'OIG-2019-DH'],
    description: 'CCM is billed for the same patient and month by more than one practitioner.',
    messages: {
      another:
        '{others} also billed CCM ({otherCodes}) for this patient in {month}; only one practitioner can be paid for CCM in a calendar month.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'Only one practitioner may furnish and be paid for CCM for a patient in a calendar month, and the consent tells the patient so. OIG found 2015-2016 claims where several practitioners were paid CCM for the same patient and month and counted them as overpayments.',
      fail: 'The physician and a nurse practitioner of the practice each bill 99490 for October.',
      pass: 'The physician bills 99490 for October and the nurse practitioner bills nothing for CCM that month.',
      blindSpots:
        "Sees only the claims in the dataset: CCM billed by a practitioner outside the practice shows up only if its claims were loaded. The finding is reported on each practitioner's month, since the data cannot tell which claim Medicare will pay. G0506 (an add-on to the initiating visit) does not count as monthly CCM.",
      correctiveAction:
        "Agree with the other practitioner which of you furnished CCM that month under a consent naming you; the other voids their claim, and any duplicate payment is reported and refunded within 60 days of identifying it, with the patient's coinsurance. Before enrolling a patient, ask whether another practitioner already furnishes their CCM, and keep one CCM practitioner per patient on the practice's roster.",
    },
  },
  check(ctx, report) {
    const others = otherLines(ctx, CCM_CODES);
    if (others.length === 0 || ownLines(ctx, CCM_CODES).length === 0) return;
    const practitionerIds = practitionerIdsOf(others);
    report({
      messageId: 'another',
      data: {
        others: practitionerNames(ctx, practitionerIds),
        otherCodes: codesLabel(others),
        month: ctx.month,
      },
      evidence: { otherPractitionerIds: practitionerIds, otherClaimIds: claimIdsOf(others) },
    });
  },
});
