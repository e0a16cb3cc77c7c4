import { compareStrings } from '../engine/compare.js';
import { defineRule } from '../engine/rule.js';
import { initiatingVisitCheck } from './support/initiating-visit.js';

export const initVisitNonqualifying = defineRule({
  meta: {
    id: 'INIT-VISIT-NONQUALIFYING',
    severity: 'error',
    years: { from: 2015 },
    sources: ['AAFP-FAQ-2016', 'CH-2017', 'NGS-CM'],
    description:
      'The visit used as the initiating visit is not a qualifying E/M level 2-5, AWV, IPPE or (2017+) TCM visit.',
    messages: {
      code: 'The initiating visit {visitId} ({code}, {date}) is not a qualifying visit: use office E/M 99202-99205 or 99212-99215, AWV G0438/G0439, IPPE G0402{tcm}.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'CMS names the visits that can initiate CCM: a comprehensive E/M visit (levels 2 to 5; level 4 or 5 is not required), an annual wellness visit, the Welcome to Medicare visit, and from 2017 transitional care management. A level 1 visit, or a service with no face-to-face visit by the billing practitioner, does not initiate CCM.',
      fail: 'The only visit near CCM start was a 99211 nurse visit.',
      pass: 'The initiating visit was a G0438 annual wellness visit.',
      blindSpots:
        'Fires only where an initiating visit is required (see INIT-VISIT-MISSING) and a visit by the practitioner exists but none of them qualifies; it reports the latest visit flagged as discussing CCM, else the latest visit.',
      correctiveAction:
        'Unless the chart shows a qualifying visit by the billing practitioner that the data missed, hold or void the first billed month and, if Medicare has paid it, report and refund the overpayment within 60 days of identifying it. Start care management only at a qualifying visit by the billing practitioner: an office E/M visit of level 2 to 5, an annual wellness visit, a Welcome to Medicare visit or, from 2017, a TCM visit; a level 1 nurse visit (99211) does not qualify.',
    },
  },
  check(ctx, report) {
    for (const c of initiatingVisitCheck(ctx)) {
      if (c.candidates.length === 0 || c.qualifying.length > 0) continue;
      const sorted = [...c.candidates].sort(
        (a, b) => compareStrings(a.date, b.date) || compareStrings(a.id, b.id),
      );
      const used =
        [...sorted].reverse().find((v) => v.ccmDiscussed) ??
        (sorted[sorted.length - 1] as (typeof sorted)[number]);
      report({
        messageId: 'code',
        data: {
          visitId: used.id,
          code: used.code,
          date: used.date,
          tcm: ctx.year >= 2017 ? ' or TCM 99495/99496' : '',
        },
        evidence: { candidateVisitIds: sorted.map((v) => v.id) },
      });
    }
  },
});
