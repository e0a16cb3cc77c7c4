import { TCM_CODES } from '../codes/code-catalogue.js';
import { defineRule } from '../engine/rule.js';
import { reportCcmBesideService } from './support/same-month.js';

export const ccmWithTcm = defineRule({
  meta: {
    id: 'CCM-WITH-TCM',
    severity: 'error',
    years: { from: 2015, to: 2019 },
    sources: ['TEXMED-PAY', 'PCCM-FAQ', 'CARAVAN-TCM'],
    description: 'CCM and TCM (99495/99496) are billed in the same month before 2020.',
    messages: {
      tcm: "{tcm} (billed by {by}) falls in {month} with this practitioner's CCM ({ccm}); before 2020 CCM was not payable in the same month as TCM.",
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'Until 2019 CMS did not pay CCM for a month in which transitional care management was billed, since TCM already pays for the care management after a discharge. The CY2020 fee schedule lifted the bar (time still cannot be counted twice), so the rule covers 2015-2019 only.',
      fail: '99490 for March 2019 and 99495 dated 12 March 2019.',
      pass: 'The same two claims in March 2020.',
      blindSpots:
        "TCM by any practitioner counts: the catalogue bars the pair for the patient-month, not only for one practitioner. The month is the calendar month of TCM's date of service; a 30-day TCM period that began in the month before is not seen.",
      correctiveAction:
        'For a 2015-2019 month with TCM, void the CCM claim and report and refund any overpayment within 60 days of identifying it (ask your MAC whether months that old are still open to refunds). From 2020 both may be billed in one month, so the only process change is to keep TCM and CCM time separate so that no minute counts toward both.',
    },
  },
  check(ctx, report) {
    reportCcmBesideService(ctx, report, TCM_CODES, 'tcm');
  },
});
