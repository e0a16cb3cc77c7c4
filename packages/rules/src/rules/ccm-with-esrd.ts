import { ESRD_CODES } from '../codes/code-catalogue.js';
import { defineRule } from '../engine/rule.js';
import { reportCcmBesideService } from './support/same-month.js';

export const ccmWithEsrd = defineRule({
  meta: {
    id: 'CCM-WITH-ESRD',
    severity: [
      { from: 2015, to: 2019, severity: 'error' },
      { from: 2020, severity: 'warning' },
    ],
    years: { from: 2015 },
    sources: ['TEXMED-PAY', 'PCCM-FAQ', 'CERT-2019', 'OIG-2019'],
    description: 'CCM is billed in a month with ESRD monthly services (90951-90970).',
    messages: {
      esrd: "ESRD monthly services ({esrd}, billed by {by}) fall in {month} with this practitioner's CCM ({ccm}); CMS does not pay CCM for a month of ESRD monthly services.",
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'The ESRD monthly capitation codes (90951-90970) already pay for managing a dialysis patient through the month, so CMS barred CCM in the same month; OIG counted CCM paid alongside them as overpayments in 2015-2016. No source confirms the bar after 2020, so from 2020 the rule warns instead of failing.',
      fail: '99490 by the primary care physician and 90960 by the nephrologist for March 2019.',
      pass: '99490 for March 2019 and 90960 only in April 2019.',
      blindSpots:
        'ESRD services by any practitioner count (the nephrologist usually bills them), but only if their claims are in the dataset.',
      correctiveAction:
        "For a 2015-2019 month with ESRD monthly services, void the CCM claim and report and refund the overpayment within 60 days of identifying it; from 2020 no source confirms the bar, so confirm with your MAC before billing or refunding. Before enrolling a dialysis patient in CCM, ask the nephrologist whether they bill ESRD monthly services, and hold CCM for those months until your MAC's answer is known.",
    },
  },
  check(ctx, report) {
    reportCcmBesideService(ctx, report, ESRD_CODES, 'esrd');
  },
});
