import { billableUnits } from '../evaluate/levels.js';
import { defineRule } from '../engine/rule.js';
import { billedLevels, levelEvidence, minutesLabel } from './support/billed-level.js';

export const underbilledMonth = defineRule({
  meta: {
    id: 'UNDERBILLED-MONTH',
    severity: 'info',
    years: { from: 2015 },
    sources: ['AAFP-2020', 'CODAPEDIA'],
    description: 'The documented, countable minutes support a higher level than was billed.',
    messages: {
      more: '{countableMinutes} countable minutes support {addon} x{supportedUnits}, but {billedUnits} unit(s) were billed: revenue left on the table.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    policy: ['addonCaps'],
    docs: {
      why: 'Practices that bill 99490 alone for 45 minutes leave a 99439 unit unpaid. The rule reads the same ladder as the audit, capped as Medicare caps it, and tells the practice what the documentation already supports.',
      fail: '99490 alone billed for a month of 45 countable minutes (99439 x1 is supported).',
      pass: '99490 with 99439 x1 billed for 45 minutes.',
      blindSpots:
        'Compares within the billed ladder only; whether a month could have been billed as complex or personal CCM instead is not suggested.',
      correctiveAction:
        "Review the month's documentation and, where it supports the further add-on units and the payer's time limit for corrections has not passed, submit a corrected claim. Compute add-on units from the month's total countable minutes at month end, with the month-end billing proposal, so supported units are not left off.",
    },
  },
  check(ctx, report) {
    for (const level of billedLevels(ctx)) {
      const addon = level.ladder.addon;
      if (!addon) continue;
      const supported = billableUnits(level.ladder, level.counted);
      if (supported <= level.addonUnits) continue;
      report({
        messageId: 'more',
        data: {
          addon,
          supportedUnits: supported,
          billedUnits: level.addonUnits,
          countableMinutes: minutesLabel(level.counted),
        },
        evidence: levelEvidence(level),
      });
    }
  },
});
