import type { Claim } from '@chronicle/dataset';
import { defineRule } from '../engine/rule.js';
import { billedLevels, levelEvidence, levelReachedOn } from './support/billed-level.js';

function billsLevel(claim: Claim, base: string, addon: string | undefined): boolean {
  for (const l of claim.lines) if (l.code === base || l.code === addon) return true;
  return false;
}

export const dosBeforeThreshold = defineRule({
  meta: {
    id: 'DOS-BEFORE-THRESHOLD',
    severity: 'error',
    years: { from: 2015 },
    sources: ['CMS-FAQ-DOS', 'AAFP-FAQ-2015', 'CODAPEDIA'],
    description:
      'The date of service is earlier than the day the countable minutes reached the billed level.',
    messages: {
      early:
        'Claim {claimId} is dated {dateOfService}, but the minutes for {code} with {addonUnits} add-on unit(s) were only reached on {reachedOn}.',
      monthEnd:
        'Claim {claimId} is dated {dateOfService}; the policy in force expects the last day of the month ({lastDay}).',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    policy: ['dateOfService'],
    docs: {
      why: 'CMS lets the practice bill once the threshold is met and use that day as the date of service, but not before: a claim dated before the minutes existed claims time not yet furnished. Claims with add-on units can only be dated once the further increments are reached. Where a contractor expects month-end dating, the dateOfService policy option says so.',
      fail: '99490 dated 10 October when the 20th minute was logged on 22 October.',
      pass: '99490 dated 22 October, the day the 20th minute was logged.',
      blindSpots:
        'When the level is never reached TIME-BELOW-THRESHOLD or ADDON-INCREMENT-INCOMPLETE fire instead.',
      correctiveAction:
        "Submit a corrected claim dated the day the billed level (base code and every add-on unit) was reached, or the month's last day where your policy or MAC expects month-end dating; if the level was never reached, act on TIME-BELOW-THRESHOLD or ADDON-INCREMENT-INCOMPLETE instead. Submit a month's claim only after its minutes are logged, with the date of service the month-end billing proposal gives.",
    },
  },
  check(ctx, report) {
    for (const level of billedLevels(ctx)) {
      let reached: string | undefined | null = null; // null: not read yet
      for (const claim of ctx.claims) {
        if (!billsLevel(claim, level.base, level.ladder.addon)) continue;
        if (ctx.policy.dateOfService === 'month-end' && claim.dateOfService !== ctx.lastDay) {
          report({
            messageId: 'monthEnd',
            data: { claimId: claim.id, dateOfService: claim.dateOfService, lastDay: ctx.lastDay },
            evidence: { claimId: claim.id },
          });
          continue;
        }
        if (reached === null) reached = levelReachedOn(ctx, level);
        if (reached === undefined || claim.dateOfService >= reached) continue;
        report({
          messageId: 'early',
          data: {
            claimId: claim.id,
            dateOfService: claim.dateOfService,
            code: level.base,
            addonUnits: level.addonUnits,
            reachedOn: reached,
          },
          evidence: levelEvidence(level),
        });
      }
    }
  },
});
