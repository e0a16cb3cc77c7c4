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
        'The billing clinician ({clinicianId}) has credential {credential} and role {role}; only physicians (MD, DO), NPs, PAs, CNSs and CNMs in the practitioner role can bill care management, so rebill under an eligible practitioner or withdraw the claim.',
      // Parsed datasets cannot reach this (claims must name a known clinician); a plugin
      // handing the engine its own records can.
      unknown: "The billing clinician {practitionerId} is not among the practice's clinicians.",
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'Physicians of any specialty, nurse practitioners, physician assistants, clinical nurse specialists and certified nurse midwives may bill CCM. Limited-license practitioners (clinical psychologists, podiatrists, dentists) and clinical staff may not.',
      fail: 'A claim billed under a clinician with credential other-clinical.',
      pass: 'A claim billed under an NP in the practitioner role.',
      blindSpots:
        "Reads the credential and role recorded in the dataset; the NPI's taxonomy, enrollment status and state scope of practice are not checked.",
      correctiveAction:
        "Hold or void the claim; if the care was furnished under a physician, NP, PA, CNS or CNM who meets every other requirement (consent naming them, initiating visit), rebill under that practitioner, otherwise report and refund any amount paid within 60 days of identifying the overpayment. Set up billing so care-management claims can be submitted only under eligible practitioners, and correct a clinician's credential or role in the data if it is wrong.",
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
      data: { clinicianId: biller.id, credential: biller.credential, role: biller.role },
    });
  },
});
