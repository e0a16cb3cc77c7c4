import { defineRule } from '../engine/rule.js';

export const patientNotPartB = defineRule({
  meta: {
    id: 'PATIENT-NOT-PART-B',
    severity: 'warning',
    years: { from: 2015 },
    sources: ['REGENCE-MA', 'CMS-CCM-PAGE'],
    description:
      'The patient has no Medicare Part B coverage on the date of service (for example Medicare Advantage: payer rules apply).',
    messages: {
      none: "No Medicare Part B coverage on {dateOfService}{other}; these rules are Medicare fee-for-service rules and the payer's own policy applies.",
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: "The catalogue encodes Medicare Part B fee-for-service policy. Medicare Advantage and other payers set their own rules, which often copy CMS but not always; a month billed to them needs the payer's policy checked.",
      fail: 'A month whose only coverage on the date of service is Medicare Advantage.',
      pass: 'A month with Part B coverage that started years before and has no end.',
    },
  },
  check(ctx, report) {
    const dos = ctx.dateOfService;
    const current = ctx.patient.coverage.filter(
      (c) => c.start <= dos && (c.end === undefined || c.end >= dos),
    );
    if (current.some((c) => c.kind === 'medicare-part-b')) return;
    const kinds = current.map((c) => c.kind);
    report({
      messageId: 'none',
      data: {
        dateOfService: dos,
        other: kinds.length > 0 ? ` (coverage then: ${kinds.join(', ')})` : '',
      },
      evidence: { coverageKinds: kinds },
    });
  },
});
