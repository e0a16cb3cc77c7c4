import { defineRule } from '../engine/rule.js';

export const timeEntryUndocumented = defineRule({
  meta: {
    id: 'TIME-ENTRY-UNDOCUMENTED',
    severity: 'warning',
    years: { from: 2015 },
    sources: ['NGS-CERT', 'NOR-QA'],
    description: 'A counted time entry has no activity description or no performer.',
    messages: {
      missing:
        '{count} counted time entr(ies) have no description of the activity; a reviewer cannot tell what the minutes were for.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'CERT reviews deny CCM when the record does not show that the service was performed. Each counted entry needs who did it, when, for how long and what was done.',
      fail: 'A counted entry whose activity is blank or only whitespace.',
      pass: 'Every counted entry says what was done ("Medication reconciliation call").',
      blindSpots:
        'The dataset format requires a performer on every entry, so only the description can be missing here. The quality of a description is not judged.',
      correctiveAction:
        'Where the source notes show what was done, add the activity description to the entry as a dated addendum; where nothing does, recount the month without those minutes, correct or void the claim, and if Medicare has paid, report and refund the overpayment within 60 days of identifying it. Make the time log require a description of the activity, the performer, the date and the duration before an entry counts.',
    },
  },
  check(ctx, report) {
    const blank = ctx.minutes().undocumentedEntryIds;
    if (blank.length === 0) return;
    report({ messageId: 'missing', data: { count: blank.length }, evidence: { entryIds: blank } });
  },
});
