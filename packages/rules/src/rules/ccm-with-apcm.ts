import { APCM_CODES, CCM_CODES, PCM_CODES } from '../codes/code-catalogue.js';
import { defineRule } from '../engine/rule.js';
import {
  familyConflict,
  reportFamilyConflict,
  type ConflictReportOptions,
} from './support/same-month.js';

const CCM_OR_PCM = [...CCM_CODES, ...PCM_CODES];

const OPTIONS: ConflictReportOptions = {
  firstKey: 'apcm',
  secondKey: 'bundled',
  otherMessageId: 'otherPractitioner',
  otherSeverity: 'warning',
  otherAtRisk: false,
};

export const ccmWithApcm = defineRule({
  meta: {
    id: 'CCM-WITH-APCM',
    // Same practitioner: error. Another practitioner's claim: each finding says warning,
    // since no source settles whether the bundle reaches other practitioners.
    severity: 'error',
    years: { from: 2025 },
    sources: ['AAFP-APCM', 'CODINGINTEL-RHC', 'RHIHUB-APCM'],
    description:
      'A CCM or PCM code is billed in the same month as APCM (G0556-G0558) by the same practitioner (by another practitioner: warning).',
    messages: {
      same: '{apcm} (APCM) and {bundled} are both billed by this practitioner for {month}; CCM and PCM are bundled into APCM and are not billed beside it.',
      otherPractitioner:
        'This practitioner billed {own} for {month} while {others} billed {otherCodes}; check whether APCM and CCM or PCM may both be paid for the patient this month.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: "Advanced primary care management (G0556-G0558, from 2025) bundles CCM (99490, 99439, 99487, 99489, 99491, 99437) and PCM (99424-99427), so a practitioner billing APCM for a month does not also bill them; an RHC or FQHC chooses APCM or the individual codes for a patient-month. Whether the bundle bars another practitioner's CCM or PCM is unconfirmed, so that case is a warning.",
      fail: 'G0557 and 99490 billed by the physician for October 2026.',
      pass: 'G0557 alone by the physician for October 2026.',
      blindSpots:
        'When one practitioner billed both, the CCM and PCM lines are the ones put at risk and APCM stands. Other codes APCM bundles (TCM, interprofessional consults, digital E/M) are not checked here.',
      correctiveAction:
        'Where the same practitioner billed APCM, void the CCM or PCM lines of that month (APCM bundles them) and if Medicare has paid them, report and refund the overpayment within 60 days of identifying it; where another practitioner billed APCM, confirm with your MAC whether both may be paid. Choose APCM or the individual care-management codes for each patient before the month starts, and bill only that.',
    },
  },
  check(ctx, report) {
    reportFamilyConflict(ctx, report, familyConflict(ctx, APCM_CODES, CCM_OR_PCM), OPTIONS);
  },
});
