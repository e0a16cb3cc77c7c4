import { CCM_CODES, OVERSIGHT_CODES } from '../codes/code-catalogue.js';
import { defineRule } from '../engine/rule.js';
import { claimIdsOf, codesLabel, ownLines, unitsByCode } from './support/same-month.js';

export const ccmWithOversight = defineRule({
  meta: {
    id: 'CCM-WITH-OVERSIGHT',
    severity: [
      { from: 2015, to: 2019, severity: 'error' },
      { from: 2020, severity: 'warning' },
    ],
    years: { from: 2015 },
    sources: ['TEXMED-PAY', 'CMS-FAQ-DOS', 'NOR-QA', 'OIG-2019'],
    description:
      'CCM is billed with home-health or hospice care plan oversight (G0181/G0182) by the same practitioner in the month.',
    messages: {
      oversight:
        '{oversight} (care plan oversight) and CCM ({ccm}) are billed by this practitioner for {month}; CMS does not pay both for the same month.',
    },
    scope: 'billed-month',
    codes: OVERSIGHT_CODES,
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: "Home-health (G0181) and hospice (G0182) care plan oversight already pay for supervising the patient's care plan, so CMS barred CCM by the same practitioner in the same month; OIG counted such pairs as overpayments in 2015-2016. No source confirms the bar after the 2020 fee schedule changes, so from 2020 the rule warns instead of failing.",
      fail: '99490 and G0181 billed by the physician for March 2019.',
      pass: '99490 by the physician and G0181 by another practitioner of the group for March 2019.',
      blindSpots:
        "Only the same practitioner's oversight claims count: Noridian lets another practitioner of the group bill oversight when the services do not overlap.",
      correctiveAction:
        "For a 2015-2019 month, void either the CCM claim or the same practitioner's care plan oversight claim and report and refund the overpayment within 60 days of identifying it; from 2020 the bar is unconfirmed, so confirm with your MAC before correcting or billing both. When a patient needs both, have one practitioner bill CCM and, where your MAC allows it, another practitioner of the group bill the oversight for services that do not overlap.",
    },
  },
  check(ctx, report) {
    const ccm = ownLines(ctx, CCM_CODES);
    const oversight = ownLines(ctx, OVERSIGHT_CODES);
    if (ccm.length === 0 || oversight.length === 0) return;
    report({
      messageId: 'oversight',
      data: { oversight: codesLabel(oversight), ccm: codesLabel(ccm), month: ctx.month },
      evidence: { oversightClaimIds: claimIdsOf(oversight), claimIds: claimIdsOf(ccm) },
      atRisk: unitsByCode(ccm),
    });
  },
});
