import { defineRule } from '../engine/rule.js';
import {
  familyConflict,
  reportFamilyConflict,
  type ConflictReportOptions,
} from './support/same-month.js';

const COMPLEX = ['99487', '99489'];
const NON_COMPLEX = ['99490', '99439', 'G2058'];

const OPTIONS: ConflictReportOptions = {
  firstKey: 'complex',
  secondKey: 'nonComplex',
  otherMessageId: 'other',
};

export const ccmComplexWithNoncomplex = defineRule({
  meta: {
    id: 'CCM-COMPLEX-WITH-NONCOMPLEX',
    severity: 'error',
    years: { from: 2017 },
    sources: ['CMS-FAQ-LATER', 'REGENCE-MA', 'OIG-2021'],
    description:
      'Complex CCM (99487/99489) is billed in the same month as non-complex CCM (99490/99439/G2058).',
    messages: {
      same: '{complex} and {nonComplex} are both billed for {month}; a month is billed as complex or as non-complex CCM, not both.',
      other:
        'This practitioner billed {own} for {month} while {others} billed {otherCodes}; complex and non-complex CCM cannot both be paid for the patient in one month.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'Complex CCM (99487 with 99489 for further time) and non-complex CCM (99490 with 99439, or G2058 in 2020) describe the same month of care at two levels; CMS pays one of them for a patient and month. OIG counted both billed for the same service period among the 2017-2018 overpayments.',
      fail: '99487 and 99490 on the October claim.',
      pass: '99487 alone for October, with the 75 minutes and moderate MDM that support it.',
      blindSpots:
        "Read across the patient-month: a conflict with another practitioner's claim fires too (with its own message), and CCM-MULTI-PRACTITIONER fires beside it. When one practitioner billed both, the non-complex lines are the ones put at risk, since the complex lines have their own checks (COMPLEX-MDM-UNDOCUMENTED, TIME-BELOW-THRESHOLD).",
      correctiveAction:
        "Keep the one level the month's documentation supports (complex CCM needs the 60 minutes and moderate or high MDM by the billing practitioner), void the other lines, and if Medicare has paid them, report and refund the overpayment within 60 days of identifying it; where another practitioner billed the other level, resolve it as CCM-MULTI-PRACTITIONER. Choose each month's CCM level once, at month end, from the minutes and MDM recorded, and bill only that level.",
    },
  },
  check(ctx, report) {
    reportFamilyConflict(ctx, report, familyConflict(ctx, COMPLEX, NON_COMPLEX), OPTIONS);
  },
});
