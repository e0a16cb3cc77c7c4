import { ADDON_CODES } from '../codes/code-catalogue.js';
import { defineRule } from '../engine/rule.js';
import {
  billedLevels,
  levelEvidence,
  minutesLabel,
  supportedAddonUnits,
} from './support/billed-level.js';

export const addonIncrementIncomplete = defineRule({
  meta: {
    id: 'ADDON-INCREMENT-INCOMPLETE',
    severity: 'error',
    years: { from: 2017 },
    sources: ['AAFP-2020', 'IMMED-99489', 'AAPC-PCM', 'CODAPEDIA'],
    description:
      'Add-on units exceed the full increments of countable time beyond the base minimum.',
    messages: {
      excess:
        '{addon} billed {billedUnits} unit(s) but {countableMinutes} countable minutes support {supportedUnits}: each unit needs a full {increment} minutes beyond the first {baseMinutes}.',
    },
    scope: 'billed-month',
    codes: ADDON_CODES,
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'CCM and PCM add-ons pay for each further full increment of time (20 minutes for 99439 and G2058, 30 for 99489, 99437, 99425 and 99427). Unlike collaborative care, there is no midpoint rounding: 85 minutes of complex CCM support one unit of 99489, not two.',
      fail: '99490 with 99439 x2 for a month of 59 minutes (the second unit needs 60).',
      pass: '99490 with 99439 x1 for a month of 40 minutes.',
      blindSpots:
        'Only the units beyond what the minutes support are put at risk, so the amount at risk is the excess units, not the whole month.',
      correctiveAction:
        "Correct the claim to the add-on units the countable minutes support (each unit needs a full increment, with no rounding up) and, if the excess units were paid, report and refund them within 60 days of identifying the overpayment. Compute add-on units from the month's total countable minutes at month end, with the month-end billing proposal, rather than from an estimate.",
    },
  },
  check(ctx, report) {
    for (const level of billedLevels(ctx)) {
      const addon = level.ladder.addon;
      if (!addon || level.addonUnits === 0) continue;
      if (level.counted < level.ladder.baseMinutes * 60) continue; // TIME-BELOW-THRESHOLD speaks
      const supported = supportedAddonUnits(level);
      if (level.addonUnits <= supported) continue;
      report({
        messageId: 'excess',
        data: {
          addon,
          billedUnits: level.addonUnits,
          supportedUnits: supported,
          countableMinutes: minutesLabel(level.counted),
          increment: level.ladder.increment,
          baseMinutes: level.ladder.baseMinutes,
        },
        evidence: levelEvidence(level),
        atRisk: [{ code: addon, units: level.addonUnits - supported }],
      });
    }
  },
});
