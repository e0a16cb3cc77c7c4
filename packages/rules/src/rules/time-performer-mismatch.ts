import { defineRule } from '../engine/rule.js';
import { billedLevels, levelEvidence, minutesLabel } from './support/billed-level.js';

export const timePerformerMismatch = defineRule({
  meta: {
    id: 'TIME-PERFORMER-MISMATCH',
    severity: 'error',
    years: { from: 2019 },
    sources: ['CHARTSPAN-99491', 'NIXON-2022', 'CMS-FAQ-LATER'],
    description:
      'A code billed on minutes by the wrong kind of performer: personal codes on staff minutes, staff codes on non-clinical minutes.',
    messages: {
      personal:
        "{code} pays for the billing practitioner's own time; their countable minutes are {personalMinutes} of the {requiredMinutes} billed, the rest was others' time.",
      staff:
        '{code} pays for clinical staff or practitioner time; the level billed rests on {nonClinicalMinutes} minutes by non-clinical staff.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: "99491 and 99437 (and PCM 99424 and 99425) are furnished personally by the physician or qualified professional; staff minutes cannot reach them. 99490, 99487 and 99426 pay for clinical staff time, which the practitioner's own minutes may join, but never non-clinical minutes.",
      fail: '99491 billed on 35 minutes of which the physician logged 10 and an RN 25.',
      pass: '99491 billed on 32 minutes all logged by the billing physician.',
      blindSpots:
        'For staff codes this overlaps STAFF-NOT-CLINICAL, which names who logged the minutes; this rule names the code that cannot rest on them.',
      correctiveAction:
        "Correct the claim to the code that matches who furnished the minutes (for example 99490 rather than 99491 when clinical staff furnished most of the time, if the minutes support it), or void it, and if Medicare has paid, report and refund the overpayment within 60 days of identifying it. Record who performed every minute, and bill 99491, 99437, 99424 and 99425 only on the billing practitioner's own logged time.",
    },
  },
  check(ctx, report) {
    for (const level of billedLevels(ctx)) {
      if (level.pool === 'personal') {
        const all = level.minutes.staff.seconds;
        if (level.counted < level.required && all >= level.required) {
          report({
            messageId: 'personal',
            data: {
              code: level.base,
              personalMinutes: minutesLabel(level.counted),
              requiredMinutes: level.required / 60,
            },
            evidence: levelEvidence(level),
          });
        }
        continue;
      }
      const nonClinical = level.minutes.excluded.get('non-clinical');
      if (!nonClinical || level.counted >= level.required) continue;
      report({
        messageId: 'staff',
        data: { code: level.base, nonClinicalMinutes: minutesLabel(nonClinical.seconds) },
        evidence: { ...levelEvidence(level), nonClinicalEntryIds: nonClinical.entryIds },
      });
    }
  },
});
