import type { Condition } from '@chronicle/dataset';
import { defineRule, type Rule, type RuleMeta } from '@chronicle/plugin-api';
import { classifyCondition } from '@chronicle/rules';
import { billsCcm, CCM_CODES } from './ccm-claims.js';
import { isMember } from './membership.js';
import { PLAN_POLICY_URL, POLICY_FROM_YEAR } from './plan.js';
import type { PlanPolicy } from './plan-policy.js';

// The plan wants the CCM claim itself to carry two or more chronic diagnoses; CMS checks
// the patient's conditions (DX-FEWER-THAN-TWO-CHRONIC), not the claim. The diagnoses of
// every line of the claim count, each code once. A code is chronic as Chronicle classifies
// conditions: the clinician's `chronic` flag on the patient's condition with that code,
// else the code sets of @chronicle/rules. Blind spots: only ICD-10-CM codes are read (a
// claim carries no SNOMED), and a code the code sets do not list as chronic counts only
// when the patient's record flags it.

export const CLAIM_DX_FEWER_THAN_TWO = 'ma-plan/CLAIM-DX-FEWER-THAN-TWO';

export const claimDxFewerThanTwoMeta: RuleMeta = {
  id: CLAIM_DX_FEWER_THAN_TWO,
  severity: 'error',
  years: { from: POLICY_FROM_YEAR },
  sources: [PLAN_POLICY_URL],
  description:
    "A CCM claim of the plan's member carries fewer than two chronic diagnoses (the plan's requirement, not a CMS edit).",
  messages: {
    few: 'Claim {claimId} ({dateOfService}) carries {chronicCount} chronic diagnosis code(s); the plan requires at least two on a CCM claim.',
  },
  scope: 'billed-month',
  codes: CCM_CODES,
  lifecycle: { addedIn: '0.1.0' },
  docs: {
    why: 'The plan (fictional) checks CCM eligibility on the claim: it pays only a claim that names two or more chronic conditions. A practice whose records show two chronic conditions can still be denied for coding one.',
    fail: '99490 billed with I10 and J02.9 (acute pharyngitis) on the claim: one chronic diagnosis.',
    pass: '99490 billed with I10 on its line and E11.9 on the 99439 line of the same claim.',
    blindSpots:
      "Only the ICD-10-CM codes on the claim's lines are read. A code the code sets do not list as chronic counts only when the patient's condition with that code is flagged chronic.",
    correctiveAction:
      "If the patient's record holds two or more chronic conditions managed in the month, submit a corrected claim that lists them; if it does not, the month also fails the CMS rule DX-FEWER-THAN-TWO-CHRONIC: void the claim and refund what the plan paid through its own process. Code every chronic condition managed in the month on the member's CCM claim before submitting it.",
  },
};

/** Codes as the code sets hold them: upper case, no dot (so I10 and i10 are one code). */
const codeKey = (code: string): string => code.trim().toUpperCase().replace('.', '');

function isChronic(code: string, conditions: readonly Condition[]): boolean {
  const key = codeKey(code);
  const recorded = conditions.find((c) => c.system === 'icd-10-cm' && codeKey(c.code) === key);
  return classifyCondition(recorded ?? { system: 'icd-10-cm', code }).chronic;
}

/** The rule, reading the coverage kinds of the policy in force. */
export function claimDxFewerThanTwo(policy: PlanPolicy): Rule {
  return defineRule({
    meta: claimDxFewerThanTwoMeta,
    check(ctx, report) {
      for (const claim of ctx.claims) {
        const dateOfService = claim.dateOfService;
        if (!billsCcm(claim) || !isMember(ctx.patient.coverage, dateOfService, policy)) continue;
        const byKey = new Map<string, string>();
        for (const line of claim.lines)
          for (const code of line.diagnoses ?? [])
            if (!byKey.has(codeKey(code))) byKey.set(codeKey(code), code);
        const diagnoses = [...byKey.values()];
        const chronic = diagnoses.filter((code) => isChronic(code, ctx.patient.conditions));
        if (chronic.length >= 2) continue;
        report({
          messageId: 'few',
          data: { claimId: claim.id, dateOfService, chronicCount: chronic.length },
          evidence: { claimId: claim.id, diagnoses, chronicDiagnoses: chronic },
        });
      }
    },
  });
}
