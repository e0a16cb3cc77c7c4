import { defineRule } from '@chronicle/plugin-api';

// Acme Family Practice (fictional) asks its care managers for two or more contacts with
// each CCM patient a month, however long the first one was. CMS counts minutes, not
// contacts, so this is the practice's own policy and the rule only warns. Blind spot: a
// contact is a time entry; two calls logged as one entry count once.
export const singleContact = defineRule({
  meta: {
    id: 'acme/SINGLE-CONTACT',
    severity: 'warning',
    years: { from: 2015 },
    sources: ['https://example.org/acme/ccm-contact-policy'],
    description: 'A billed CCM month whose countable minutes come from a single contact.',
    messages: {
      single:
        'The CCM minutes of {month} come from a single contact; the practice asks for two or more a month.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'A patient reached once a month is easily lost between calls; the practice asks for a second contact.',
      fail: '99490 billed for October on one 25-minute call.',
      pass: '99490 billed for October on calls of 12 and 13 minutes.',
      correctiveAction:
        'Nothing to refund: Medicare pays for the minutes, not the contacts. Review the patient with the care manager and plan a second contact in the next month.',
    },
  },
  check(ctx, report) {
    if (ctx.programLines('ccm').length === 0) return;
    // The entries whose minutes count toward the month's CCM codes, each once.
    const contacts = [...new Set(ctx.minutes('ccm').staff.spans.map((span) => span.entryId))];
    // No contact at all is for the CMS time rules to report.
    if (contacts.length !== 1) return;
    report({
      messageId: 'single',
      data: { month: ctx.month },
      evidence: { timeEntryIds: contacts },
    });
  },
});
