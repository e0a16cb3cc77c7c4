import { ADDON_CODES, codeDefinition } from '../codes/code-catalogue.js';
import { addonCap } from '../evaluate/levels.js';
import type { BilledLine } from '../engine/month-context.js';
import { defineRule } from '../engine/rule.js';
import { billedEarlier } from './support/same-month.js';

export const addonUnitsOverCap = defineRule({
  meta: {
    id: 'ADDON-UNITS-OVER-CAP',
    severity: 'error',
    years: { from: 2020 },
    sources: ['REGENCE-2021', 'TRISTATE-G2058', 'NGS-CM'],
    description:
      'An add-on is billed for more units in a month than Medicare (or the policy) allows.',
    messages: {
      over: '{code} billed {units} units in the month; at most {cap} are payable.',
    },
    scope: 'billed-month',
    codes: ADDON_CODES,
    lifecycle: { addedIn: '1.0.0' },
    policy: ['addonCaps'],
    docs: {
      why: 'Medicare pays at most two units of 99439 (2021 on) or G2058 (2020) a month, so non-complex staff CCM tops out at 60 minutes. Sources disagree on caps for 99489, 99437, 99425 and 99427; the addonCaps policy option sets them (none by default).',
      fail: '99490 with 99439 x3 for a month of 85 minutes.',
      pass: '99490 with 99439 x2 for a month of 85 minutes.',
      correctiveAction:
        'Correct the claim to the payable number of units (at most two of 99439 or G2058) and report and refund any excess units paid within 60 days of identifying the overpayment. Cap add-on units in the billing set-up; for 99489, 99437, 99425 and 99427, where sources disagree on a cap, confirm with your MAC and set the addonCaps policy option to match.',
    },
  },
  check(ctx, report) {
    const { lines } = ctx;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as BilledLine;
      const def = codeDefinition(line.code);
      if (def?.kind !== 'addon' || billedEarlier(lines, i)) continue;
      const cap = addonCap(line.code, ctx.policy);
      const units = ctx.units(line.code);
      if (cap === null || units <= cap) continue;
      report({
        messageId: 'over',
        data: { code: line.code, units, cap },
        evidence: { claimIds: ctx.lines.filter((l) => l.code === line.code).map((l) => l.claimId) },
        atRisk: [{ code: line.code, units: units - cap }],
      });
    }
  },
});
