import { PCM_CODES } from '../codes/code-catalogue.js';
import { defineRule } from '../engine/rule.js';

export const pcmNoQualifyingCondition = defineRule({
  meta: {
    id: 'PCM-NO-QUALIFYING-CONDITION',
    severity: 'warning',
    years: { from: 2020 },
    sources: ['NIXON-PCM-2020', 'ICD10MON-PCM', 'AAPC-PCM'],
    description: 'A PCM code is billed and no active chronic, high-risk condition is documented.',
    messages: {
      none: '{code} manages one high-risk chronic condition; no active condition in {month} is both chronic and marked high-risk.',
    },
    scope: 'billed-month',
    codes: PCM_CODES,
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'Principal care management is for a single complex chronic condition expected to last at least three months that puts the patient at risk of hospitalisation or needs frequent treatment changes. The record should mark that condition.',
      fail: 'A 99426 month where no active condition has highRisk: true.',
      pass: 'A 99426 month for heart failure recorded as chronic and high-risk.',
      blindSpots:
        "The dataset's highRisk flag is the only sign of risk read; the care plan's disease focus is not checked. Chronic status comes from the same lists as CCM, which hold conditions lasting 12 months or more; a condition expected to last 3 to 12 months, which PCM accepts, counts only when the clinician flags it chronic.",
      correctiveAction:
        "Review the month's record: if it documents a single chronic condition expected to last at least 3 months that puts the patient at high risk (a recent hospitalisation, frequent treatment changes), record it as chronic and high-risk; if it does not, hold or void the PCM claim and, if Medicare has paid, report and refund the overpayment within 60 days of identifying it. Before billing PCM, name the principal condition in the care plan and document why it is high-risk.",
    },
  },
  check(ctx, report) {
    const line = ctx.lines.find((l) => PCM_CODES.includes(l.code));
    if (!line) return;
    const active = ctx.activeConditions();
    if (active.some((c) => c.classification.chronic && c.condition.highRisk === true)) return;
    report({
      messageId: 'none',
      data: { code: line.code, month: ctx.month },
      // Both halves of the test per condition, so the reviewer sees which one is missing.
      evidence: {
        activeConditions: active.map(({ condition, classification }) => ({
          id: condition.id,
          code: condition.code,
          chronic: classification.chronic,
          basis: classification.basis,
          highRisk: condition.highRisk === true,
        })),
      },
    });
  },
});
