import { CCM_CODES } from '../codes/code-catalogue.js';
import { defineRule } from '../engine/rule.js';

export const dxFewerThanTwoChronic = defineRule({
  meta: {
    id: 'DX-FEWER-THAN-TWO-CHRONIC',
    severity: 'error',
    years: { from: 2015 },
    sources: ['CMS-CCM-PAGE', 'EMBLEM', 'OIG-WP-2026'],
    description:
      'A CCM code (or G0557/G0558) is billed and fewer than two chronic conditions are active in the month.',
    messages: {
      few: '{code} needs two or more chronic conditions; {count} active chronic condition(s) found in {month}.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'CCM is for patients with two or more chronic conditions expected to last at least 12 months (or until death) that put them at significant risk. The OIG work plan audits exactly this. APCM levels G0557 and G0558 rest on the same count.',
      fail: 'A 99490 month for a patient whose only active chronic condition is hypertension.',
      pass: 'A 99490 month for a patient with hypertension and type 2 diabetes.',
      blindSpots:
        "A condition counts in a month when its onset is on or before the month's end and it did not abate before the month's start. Chronic status comes from the clinician's flag when recorded, else from the CMS CCW categories and the AHRQ Chronic Condition Indicator (ICD-10-CM), else from a curated SNOMED list; a chronic condition coded in a way those lists miss is not counted.",
      correctiveAction:
        "Check the chart for a second chronic condition that was active in the month but is missing from the data or coded in a way the audit does not recognise, and record it; otherwise hold or void the CCM month (correct G0557 or G0558 to G0556) and, if Medicare has paid, report and refund the overpayment within 60 days of identifying it and refund the patient's coinsurance. Before enrolling a patient in CCM, confirm and document two or more chronic conditions expected to last at least 12 months or until death that put the patient at significant risk.",
    },
  },
  check(ctx, report) {
    const line = ctx.lines.find(
      (l) => CCM_CODES.includes(l.code) || l.code === 'G0557' || l.code === 'G0558',
    );
    if (!line) return;
    const chronic = ctx.chronicConditions();
    if (chronic.length >= 2) return;
    report({
      messageId: 'few',
      data: { code: line.code, count: chronic.length, month: ctx.month },
      // Every active condition with how it was classified, so a reviewer can see which
      // list (or the clinician's flag) decided, and add the missing flag where warranted.
      evidence: {
        activeConditions: ctx.activeConditions().map(({ condition, classification }) => ({
          id: condition.id,
          system: condition.system,
          code: condition.code,
          chronic: classification.chronic,
          basis: classification.basis,
          ...(classification.category === undefined ? {} : { category: classification.category }),
        })),
      },
    });
  },
});
