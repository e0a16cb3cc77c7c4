import { defineRule } from '../engine/rule.js';
import { hasComplexityBasis } from '../engine/propose.js';
import { claimIdsOf, ownLines, unitsByCode } from './support/same-month.js';

const COMPLEX = ['99487', '99489'];

export const complexMdmUndocumented = defineRule({
  meta: {
    id: 'COMPLEX-MDM-UNDOCUMENTED',
    severity: 'error',
    years: { from: 2017 },
    sources: ['REGENCE-MA', 'SARGAS-2020', 'OIG-2021'],
    description:
      '99487 is billed and the month has no moderate- or high-complexity medical decision making by the billing practitioner.',
    messages: {
      missing:
        '99487 is billed for {month}, but no time entry that month records moderate or high medical decision making by {practitioner}.',
    },
    scope: 'billed-month',
    codes: ['99487'],
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'Complex CCM pays for moderate- or high-complexity medical decision making by the billing practitioner during the month, on top of the 60 minutes of clinical staff time. Without it the month is, at most, non-complex CCM.',
      fail: '99487 billed for October on 70 minutes of RN time, with no MDM recorded by the physician in October.',
      pass: 'The same month with a physician entry on 5 October recording moderate MDM.',
      blindSpots:
        'MDM is read from time entries (their mdm field) by the billing practitioner dated in the month in the practice time zone; MDM recorded only in a visit note outside the time log is not seen. MDM documented by another clinician does not count, and the evidence lists such entries.',
      correctiveAction:
        'If the chart documents moderate or high medical decision making by the billing practitioner in the month (for example in a visit note), record it in the time log; otherwise correct the claim to non-complex CCM (99490 with the add-on units the minutes support) and, if Medicare has paid, report and refund the difference within 60 days of identifying the overpayment. Have the billing practitioner record their medical decision making in each month before it is billed as 99487.',
    },
  },
  check(ctx, report) {
    if (ctx.units('99487') === 0 || hasComplexityBasis(ctx)) return;
    const elsewhere = ctx.entryViews
      .filter(
        ({ entry, localMonth }) =>
          (entry.mdm === 'moderate' || entry.mdm === 'high') && localMonth === ctx.month,
      )
      .map((v) => v.entry);
    const complex = ownLines(ctx, COMPLEX);
    const practitioner = ctx.billingPractitioner?.name ?? 'the billing practitioner';
    report({
      messageId: 'missing',
      data: { month: ctx.month, practitioner },
      evidence: { claimIds: claimIdsOf(complex), mdmByOthersEntryIds: elsewhere.map((t) => t.id) },
      atRisk: unitsByCode(complex),
    });
  },
});
