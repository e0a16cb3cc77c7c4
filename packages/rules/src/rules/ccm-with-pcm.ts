import { CCM_CODES, PCM_CODES } from '../codes/code-catalogue.js';
import { defineRule } from '../engine/rule.js';
import { familyConflict, reportFamilyConflict } from './support/same-month.js';

export const ccmWithPcm = defineRule({
  meta: {
    id: 'CCM-WITH-PCM',
    // Same practitioner: error. Another practitioner's claim: the finding carries the
    // severity the pcmWithCcmOtherPractitioner policy option names, or none when allowed.
    severity: 'error',
    years: { from: 2020 },
    sources: ['CAREVIT-PCM', 'SARGAS-2020', 'NIXON-PCM-2020', 'CCN-PCM'],
    description:
      'CCM and PCM are billed for the same month by the same practitioner (by another practitioner: per policy).',
    messages: {
      same: 'CCM ({ccm}) and PCM ({pcm}) are both billed by this practitioner for {month}; a practitioner bills one of the two programs for a patient-month.',
      otherPractitioner:
        'This practitioner billed {own} for {month} while {others} billed {otherCodes}; the policy in force treats CCM and PCM by different practitioners in one month as a conflict.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    policy: ['pcmWithCcmOtherPractitioner'],
    docs: {
      why: 'Principal care management (G2064/G2065 in 2020-2021, 99424-99427 from 2022) manages one high-risk condition; CCM manages two or more. CMS does not pay one practitioner both for the same patient and month. A specialist may bill PCM while the primary care practitioner bills CCM, but some sources call the two exclusive for the patient whatever the practitioner, so the pcmWithCcmOtherPractitioner policy option decides that case: allowed (default, no finding), warning or error.',
      fail: '99490 and 99426 billed by the physician for October 2026.',
      pass: '99490 by the primary care physician and 99426 by a cardiologist for October 2026, under the default policy.',
      blindSpots:
        "When one practitioner billed both, the PCM lines are the ones put at risk (the catalogue's second-named family). An other-practitioner finding is reported on each of the two practitioners' months.",
      correctiveAction:
        "Where one practitioner billed both, keep the program the month's care plan and documentation support (CCM for two or more chronic conditions, PCM for one high-risk condition), void the other, and if Medicare has paid, report and refund the overpayment within 60 days of identifying it. Where different practitioners billed them, confirm with your MAC whether both may be paid and set the pcmWithCcmOtherPractitioner policy option to match; agree with specialists who bills which program for shared patients.",
    },
  },
  check(ctx, report) {
    const conflict = familyConflict(ctx, CCM_CODES, PCM_CODES);
    if (conflict.same === undefined && conflict.other === undefined) return;
    const setting = ctx.policy.pcmWithCcmOtherPractitioner;
    reportFamilyConflict(ctx, report, conflict, {
      firstKey: 'ccm',
      secondKey: 'pcm',
      ...(setting === 'allowed'
        ? {}
        : {
            otherMessageId: 'otherPractitioner',
            otherSeverity: setting,
            otherEvidence: { policy: setting },
          }),
    });
  },
});
