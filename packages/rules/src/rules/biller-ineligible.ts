import { defineRule } from '../engine/rule.js';

const BILLING_CREDENTIALS = new Set(['MD', 'DO', 'NP', 'PA', 'CNS', 'CNM']);

export const billerIneligible = defineRule({
  meta: {
    id: 'BILLER-INELIGIBLE',
    severity: 'error',
    years: { from: 2015 },
    sources: ['CGS-2015', 'NOR-OPPS', 'RHIHUB-CCM'],
    description:
      'The billing clinician is not an MD, DO, NP, PA, CNS or CNM in the practitioner role.',
    messages: {
      credential:
        'The billing clinician is a {credential} in the {role} role; only physicians (MD, DO), NPs, PAs, CNSs and CNMs acting as practitioners can bill care management.',
      unknown: "The billing clinician {practitionerId} is not among the practice's clinicians.",
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'Physicians of any specialty, nurse practitioners, physician assistants, clinical nurse specialists and certified nurse midwives may bill CCM. Limited-license practitioners (clinical psychologists, podiatrists, dentists) and clinical staff may not.',
      fail: 'A claim billed under a clinician with credential other-clinical.',
      pass: 'A claim billed under an NP in the practitioner role.',
    },
  },
  check(ctx, report) {
    const biller = ctx.billingPractitioner;
    if (!biller) {
      report({
        messageId: 'unknown',
        data: { practitionerId: ctx.billingPractitionerId ?? '(none)' },
      });
      return;
    }
    if (BILLING_CREDENTIALS.has(biller.credential) && biller.role === 'practitioner') return;
    report({
      messageId: 'credential',
      data: { credential: biller.credential, role: biller.role },
      evidence: { clinicianId: biller.id },
    });
  },
});
