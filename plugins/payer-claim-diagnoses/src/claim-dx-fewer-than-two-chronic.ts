import { classifyCondition, codeDefinition, defineRule } from '@chronicle/rules';

// Some payers (EmblemHealth among them) expect the CCM claim itself to carry two or more
// chronic diagnoses; CMS checks the patient's conditions, not the claim. Blind spot:
// only ICD-10-CM codes on the claim lines are read, through the same code sets the core
// uses; a diagnosis the code sets do not list as chronic does not count.
export const claimDxFewerThanTwoChronic = defineRule({
  meta: {
    id: 'payer/CLAIM-DX-FEWER-THAN-TWO-CHRONIC',
    severity: 'warning',
    years: { from: 2015 },
    sources: ['EMBLEM'],
    description:
      'A CCM claim line carries fewer than two chronic diagnoses (a payer policy, not a CMS edit).',
    messages: {
      few: 'Claim {claimId} bills {code} with {chronicCount} chronic diagnosis code(s) on the line; this payer expects at least two.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'Payers that copy CMS policy sometimes add their own edits. EmblemHealth expects two or more chronic diagnoses on the CCM claim.',
      fail: '99490 billed with only I10 on the claim line.',
      pass: '99490 billed with I10 and E11.9 on the claim line.',
      correctiveAction:
        "If the patient's record holds two or more chronic conditions active in the month, submit a corrected claim that lists them on the CCM line; if it does not, the month also fails DX-FEWER-THAN-TWO-CHRONIC: void it and refund what the payer paid through the payer's own process. For payers with this policy, code every chronic condition managed in the month on the CCM claim line before submitting.",
    },
  },
  check(ctx, report) {
    for (const claim of ctx.claims) {
      for (const line of claim.lines) {
        if (codeDefinition(line.code)?.program !== 'ccm' || line.code === 'G0506') continue;
        const codes = line.diagnoses ?? [];
        const chronic = codes.filter(
          (code) => classifyCondition({ system: 'icd-10-cm', code }).chronic,
        );
        if (chronic.length >= 2) continue;
        report({
          messageId: 'few',
          data: { claimId: claim.id, code: line.code, chronicCount: chronic.length },
          evidence: { diagnoses: codes, chronicDiagnoses: chronic },
        });
      }
    }
  },
});
