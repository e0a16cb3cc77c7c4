import { defineRule } from '../engine/rule.js';
import { claimIdsOf, codesLabel, ownLines, unitsByCode } from './support/same-month.js';

const RHC_SETTINGS = ['rhc', 'fqhc'];
// From 1 January 2025 RHCs and FQHCs bill the individual care-management codes.
const INDIVIDUAL_CODES_FROM = '2025-01-01';

export const rhcCodeEra = defineRule({
  meta: {
    id: 'RHC-CODE-ERA',
    severity: 'error',
    years: { from: 2018 },
    sources: ['CODINGINTEL-RHC', 'SIGNAL-2025', 'CARELOGIC-G0511', 'PREV-G0511'],
    description:
      'An RHC or FQHC bills G0511 after the transition end, or individual CCM or PCM codes before 2025.',
    messages: {
      g0511Ended:
        'G0511 is billed for {dateOfService}, after the G0511 transition ended on {transitionEnd}; from 2025 an {setting} bills the individual care-management codes (99490, 99487, 99491, 99424-99427 and their add-ons) or APCM.',
      individualEarly:
        '{codes} billed for {dateOfService} by an {setting}; from 2018 through 2024 an RHC or FQHC bills care management as G0511, not as individual codes.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    policy: ['g0511TransitionEnd'],
    docs: {
      why: 'From 2018 rural health clinics and FQHCs billed CCM (and later PCM and other care management) as the single code G0511. From 1 January 2025 they bill the individual CPT and HCPCS codes like any practice, with G0511 still accepted until the end of a transition whose date sources give as 30 June or 30 September 2025 (the g0511TransitionEnd policy option).',
      fail: 'An RHC bills 99490 for March 2024, or G0511 for August 2025 under the default 30 June transition end.',
      pass: 'An RHC bills G0511 for March 2024, and 99490 for August 2025.',
      blindSpots:
        'Relies on the practice setting in the dataset. G0511 billed by a practice that is not an RHC or FQHC is reported by CODE-NOT-EFFECTIVE, as is G0511 before 2018.',
      correctiveAction:
        "Correct the claim to the code an RHC or FQHC bills on that date of service (G0511 from 2018 through 2024; from 2025 the individual care-management codes or APCM, once the G0511 transition has ended), or void it, and report and refund any amount paid in error within 60 days of identifying it. Confirm the end of the G0511 transition with your MAC, set the g0511TransitionEnd policy option to it, and change the billing system's codes on that date.",
    },
  },
  check(ctx, report) {
    const setting = ctx.practice.setting;
    if (!RHC_SETTINGS.includes(setting)) return;
    const label = setting.toUpperCase();
    const transitionEnd = ctx.policy.g0511TransitionEnd;
    const ended = ownLines(ctx, ['G0511']).filter((l) => l.dateOfService > transitionEnd);
    const [firstEnded] = ended;
    if (firstEnded) {
      report({
        messageId: 'g0511Ended',
        data: { dateOfService: firstEnded.dateOfService, transitionEnd, setting: label },
        evidence: { claimIds: claimIdsOf(ended) },
        atRisk: unitsByCode(ended),
      });
    }
    const early = [...ctx.programLines('ccm'), ...ctx.programLines('pcm')].filter(
      (l) => l.dateOfService < INDIVIDUAL_CODES_FROM,
    );
    const [firstEarly] = early;
    if (firstEarly) {
      report({
        messageId: 'individualEarly',
        data: { codes: codesLabel(early), dateOfService: firstEarly.dateOfService, setting: label },
        evidence: { claimIds: claimIdsOf(early) },
        atRisk: unitsByCode(early),
      });
    }
  },
});
