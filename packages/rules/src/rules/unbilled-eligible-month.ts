import { defineRule } from '../engine/rule.js';

export const unbilledEligibleMonth = defineRule({
  meta: {
    id: 'UNBILLED-ELIGIBLE-MONTH',
    severity: 'info',
    years: { from: 2015 },
    sources: ['CMS-CCM-PAGE'],
    description: 'A month meets every requirement for a code and nothing was billed.',
    messages: {
      unbilled:
        'Nothing was billed for {month}, but the documentation supports {lines} dated {dateOfService} with no blocking finding.',
    },
    scope: 'unbilled-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'Care-management work that meets every requirement and is never billed is revenue the practice earned and did not claim. The audit proposes the month exactly as `chronicle bill` would and reports it when no error-severity rule stands in the way.',
      fail: 'A month with 25 minutes of clinical staff time, consent, a shared care plan and no claim.',
      pass: 'The same month billed as 99490, or a month of 15 minutes.',
      correctiveAction:
        "Review the month's documentation and, if it supports the proposed code and no other practitioner billed CCM for the patient that month, bill it within Medicare's time limit for filing claims (confirm the limit with your MAC). Run the month-end billing proposal for every enrolled patient so months that qualify are not left unbilled.",
    },
  },
  check(ctx, report) {
    const proposal = ctx.proposal;
    if (!proposal || proposal.lines.length === 0 || proposal.blockers.length > 0) return;
    report({
      messageId: 'unbilled',
      data: {
        month: ctx.month,
        lines: proposal.lines.map((l) => `${l.code} x${l.units}`).join(' + '),
        dateOfService: proposal.dateOfService ?? ctx.lastDay,
      },
      evidence: { proposedLines: proposal.lines },
    });
  },
});
