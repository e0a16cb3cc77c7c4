import { compareStrings } from '../engine/compare.js';
import type { CarePlanElement, CarePlanEvent } from '@chronicle/dataset';
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
      correctiveAction:
        'Revise the care plan at the next contact to cover the missing parts, with measurable goals for each chronic condition, and record the revision; no claim correction follows from this warning alone. Use a care-plan template that prompts for the problem list, expected outcomes, symptom management, planned interventions, medication management and coordination with other providers.',
    },
  },
  check(ctx, report) {
    // The latest plan dated by the month's end (the greater id on the same day).
    let plan: CarePlanEvent | undefined;
    for (const c of ctx.patient.carePlans) {
      if (c.date > ctx.lastDay) continue;
      if (!plan || compareStrings(c.date, plan.date) > 0) plan = c;
      else if (c.date === plan.date && compareStrings(c.id, plan.id) > 0) plan = c;
    }
    if (!plan) return; // CAREPLAN-MISSING speaks
    const { elements } = plan;
    let missing: CarePlanElement[] | undefined; // made only when something is missing
    for (const e of EXPECTED) if (!elements.includes(e)) (missing ??= []).push(e);
    if (missing === undefined) return;
    report({
      messageId: 'thin',
      data: { carePlanId: plan.id, date: plan.date, missing: missing.join(', ') },
      evidence: { missingElements: missing },
    });
  },
});
