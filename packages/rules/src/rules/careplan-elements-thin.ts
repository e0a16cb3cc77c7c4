import { compareStrings } from '../engine/compare.js';
import type { CarePlanElement } from '@chronicle/dataset';
import { defineRule } from '../engine/rule.js';

const EXPECTED: readonly CarePlanElement[] = [
  'problem-list',
  'expected-outcomes',
  'symptom-management',
  'planned-interventions',
  'medication-management',
  'coordination-with-other-providers',
];

export const careplanElementsThin = defineRule({
  meta: {
    id: 'CAREPLAN-ELEMENTS-THIN',
    severity: 'warning',
    years: { from: 2015 },
    sources: ['AAFP-2020', 'NOR-QA', 'INFOCUS'],
    description:
      'The care plan lacks any of: problem list, expected outcomes, symptom management, planned interventions, medication management, coordination with other providers.',
    messages: {
      thin: 'The care plan in force ({carePlanId}, {date}) lacks: {missing}.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'CMS describes what a comprehensive care plan typically holds (since 2020 as suggestions, not a checklist), and contractors expect measurable goals and detail for each chronic condition. A plan without these parts is a documentation risk.',
      fail: 'The latest plan lists only a problem list and medication management.',
      pass: 'The latest plan holds all six parts.',
      blindSpots:
        "Reads the latest care-plan event dated by the month's end; the plan's text is not judged.",
    },
  },
  check(ctx, report) {
    const plans = ctx.patient.carePlans
      .filter((c) => c.date <= ctx.lastDay)
      .sort((a, b) => compareStrings(a.date, b.date) || compareStrings(a.id, b.id));
    const plan = plans[plans.length - 1];
    if (!plan) return; // CAREPLAN-MISSING speaks
    const missing = EXPECTED.filter((e) => !plan.elements.includes(e));
    if (missing.length === 0) return;
    report({
      messageId: 'thin',
      data: { carePlanId: plan.id, date: plan.date, missing: missing.join(', ') },
      evidence: { missingElements: missing },
    });
  },
});
