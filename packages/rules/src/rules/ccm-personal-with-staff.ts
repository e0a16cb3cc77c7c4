import { defineRule } from '../engine/rule.js';
import {
  familyConflict,
  reportFamilyConflict,
  type ConflictReportOptions,
} from './support/same-month.js';

const PERSONAL = ['99491', '99437'];
// G2058 (2020) is a non-complex staff add-on like 99439, so it joins the staff family.
const STAFF = ['99490', '99439', 'G2058', '99487', '99489'];

const OPTIONS: ConflictReportOptions = {
  firstKey: 'personal',
  secondKey: 'staff',
  otherMessageId: 'other',
};

export const ccmPersonalWithStaff = defineRule({
  meta: {
    id: 'CCM-PERSONAL-WITH-STAFF',
    severity: 'error',
    years: { from: 2019 },
    sources: ['CMS-FAQ-LATER', 'CODAPEDIA', 'TRISTATE-G2058'],
    description:
      'Practitioner-personal CCM (99491/99437) is billed in the same month as clinical-staff CCM (99490/99439/99487/99489).',
    messages: {
      same: '{personal} and {staff} are both billed for {month}; personal CCM and clinical-staff CCM cannot be billed for the same month.',
      other:
        'This practitioner billed {own} for {month} while {others} billed {otherCodes}; personal and clinical-staff CCM cannot both be paid for the patient in one month.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: "From 2019 the practitioner's own CCM minutes may be billed as 99491 (with 99437 from 2022) or counted as clinical staff time toward 99490 or 99487, not both: CMS treats personal and staff CCM as mutually exclusive in a month.",
      fail: '99491 and 99490 on the October claim.',
      pass: "99491 alone for October on 35 minutes of the physician's own time.",
      blindSpots:
        "Read across the patient-month: a conflict with another practitioner's claim fires too (with its own message), and CCM-MULTI-PRACTITIONER fires beside it. When one practitioner billed both, the staff lines are the ones put at risk (the catalogue's second-named family); which claim Medicare would deny depends on the order it processes them.",
      correctiveAction:
        "Bill the month either as personal CCM (99491, with 99437 from 2022) on the practitioner's own minutes or as clinical-staff CCM with those minutes counted as staff time, void the other lines, and if Medicare has paid them, report and refund the overpayment within 60 days of identifying it. Decide at month end which way the practitioner's minutes count, so they are never billed both ways.",
    },
  },
  check(ctx, report) {
    reportFamilyConflict(ctx, report, familyConflict(ctx, PERSONAL, STAFF), OPTIONS);
  },
});
