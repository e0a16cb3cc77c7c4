import { ADDON_CODES, codeDefinition } from '../codes/code-catalogue.js';
import type { BilledLine } from '../engine/month-context.js';
import { defineRule } from '../engine/rule.js';
import { billedEarlier } from './support/same-month.js';

export const addonWithoutBase = defineRule({
  meta: {
    id: 'ADDON-WITHOUT-BASE',
    severity: 'error',
    years: { from: 2017 },
    sources: ['NGS-CM', 'MEDPAYIQ-99489', 'OIG-2021'],
    description: 'An add-on code is billed without its base code in the same month.',
    messages: {
      orphan:
        '{addon} is an add-on to {base}, but {base} is not billed by this practitioner in {month}.',
    },
    scope: 'billed-month',
    codes: ADDON_CODES,
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'An add-on pays for time beyond its base code and cannot stand alone: 99439 and G2058 need 99490, 99489 needs 99487, 99437 needs 99491, 99425 needs 99424 and 99427 needs 99426, all in the same month from the same practitioner. OIG found 99489 paid with 99487 claims that were themselves overpayments.',
      fail: '99439 x1 billed for October with no 99490 in October.',
      pass: '99439 x1 billed with 99490 on the same claim.',
      blindSpots:
        'The years of each pair follow the add-on code; an add-on billed outside its years is CODE-NOT-EFFECTIVE as well.',
      correctiveAction:
        'If the base code was furnished and documented but left off, submit a corrected claim that adds it; otherwise void the add-on and report and refund any amount paid within 60 days of identifying the overpayment. Bill an add-on only together with its base code for the same practitioner and month, and when a base code is voided, void its add-ons too.',
    },
  },
  check(ctx, report) {
    const { lines } = ctx;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as BilledLine;
      const def = codeDefinition(line.code);
      if (def?.kind !== 'addon' || def.base === undefined || billedEarlier(lines, i)) continue;
      if (ctx.units(def.base) > 0) continue;
      report({
        messageId: 'orphan',
        data: { addon: line.code, base: def.base, month: ctx.month },
        evidence: { claimId: line.claimId },
        atRisk: [{ code: line.code, units: ctx.units(line.code) }],
      });
    }
  },
});
