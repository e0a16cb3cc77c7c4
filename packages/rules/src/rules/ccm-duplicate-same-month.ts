import { defineRule } from '../engine/rule.js';
import { claimIdsOf, ownLines } from './support/same-month.js';

// The base codes of the three CCM ladders; each is payable once a month.
const BASE_CODES = ['99490', '99487', '99491'];

export const ccmDuplicateSameMonth = defineRule({
  meta: {
    id: 'CCM-DUPLICATE-SAME-MONTH',
    severity: 'error',
    years: { from: 2015 },
    sources: ['OIG-2019', 'OIG-2021', 'NGS-CM', 'CMS-FAQ-DOS'],
    description:
      'A base CCM code is billed more than once, or with more than one unit, for the same patient and month.',
    messages: {
      duplicate:
        '{code} is billed {units} times for {month} (claims {claimIds}); it is payable once a month, so {extraUnits} unit(s) should be voided.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'CCM pays for a calendar month of care: 99490, 99487 and 99491 are each billed once per patient per month, with add-on codes for further time. OIG found CCM billed more than once for the same patient and service period to be the largest source of CCM overpayments in 2015-2016 and again in 2017-2018.',
      fail: '99490 on a claim dated 12 October and again on a claim dated 31 October.',
      pass: '99490 once on 31 October, with 99439 x1 for the further 20 minutes.',
      blindSpots:
        "Looks at one practitioner's claims; the same code by another practitioner is CCM-MULTI-PRACTITIONER. A corrected claim that replaces an earlier one must mark the earlier one denied in the dataset, or both count.",
      correctiveAction:
        "Void the duplicate claims or units, keeping one base code for the month (with the add-on units the minutes support), and report and refund any duplicate payment within 60 days of identifying it, refunding the patient's coinsurance too. Check that the patient-month has no earlier CCM claim before submitting, and send a replacement as a correction of the original claim, not as a new claim.",
    },
  },
  check(ctx, report) {
    for (const code of BASE_CODES) {
      const units = ctx.units(code);
      if (units <= 1) continue;
      const claimIds = claimIdsOf(ownLines(ctx, [code]));
      report({
        messageId: 'duplicate',
        data: {
          code,
          units,
          month: ctx.month,
          claimIds: claimIds.join(', '),
          extraUnits: units - 1,
        },
        evidence: { claimIds },
        atRisk: [{ code, units: units - 1 }],
      });
    }
  },
});
