import {
  auditReportSchema,
  billingProposalSchema,
  DEFAULT_POLICY,
  type AuditReport,
  type BillingProposal,
} from '@chronicle/rules';

// Hand-built documents carrying the awkward values a renderer must survive: markup in a
// message, commas, quotes and nested values in evidence, an id with angle brackets, a
// warning month, a month with no findings and a month with no billing practitioner.
// Both are parsed by the canonical schemas first, so they cannot drift from the format.

export const report: AuditReport = auditReportSchema.parse({
  format: 'ccm-audit-report',
  version: 1,
  rulesVersion: '1.0.0',
  policy: DEFAULT_POLICY,
  period: { from: '2026-10', to: '2026-10' },
  practice: { id: 'pr-<1>', timezone: 'America/Chicago', setting: 'office' },
  feeSchedule: 'test schedule',
  months: [
    {
      patientId: 'p-1',
      month: '2026-10',
      billingPractitionerId: 'c-md',
      claimIds: ['cl-1'],
      codes: [
        { code: '99490', units: 1 },
        { code: '99439', units: 2 },
      ],
      countableMinutes: { clinicalStaff: 45, practitioner: 0 },
      verdict: 'fail',
      findings: [
        {
          ruleId: 'ADDON-INCREMENT-INCOMPLETE',
          severity: 'error',
          message: 'Billed <script>alert("x")</script> units, "quoted", with, commas',
          evidence: { entryIds: ['t-1', 't-2'], note: 'a "b", c' },
          sources: ['https://example.org/a?b=1&c=2'],
        },
      ],
      billedAmount: 166.01,
      amountAtRisk: 50.44,
      unpricedLines: 0,
    },
    {
      patientId: 'p-2',
      month: '2026-10',
      billingPractitionerId: 'c-md',
      claimIds: ['cl-2'],
      codes: [{ code: '99490', units: 1 }],
      countableMinutes: { clinicalStaff: 25, practitioner: 0 },
      verdict: 'pass',
      findings: [],
      billedAmount: 66.13,
      amountAtRisk: 0,
      unpricedLines: 0,
    },
    {
      patientId: 'p-3',
      month: '2026-10',
      billingPractitionerId: null,
      claimIds: ['cl-3', 'cl-4'],
      codes: [{ code: '99491', units: 1 }],
      countableMinutes: { clinicalStaff: 0, practitioner: 31 },
      verdict: 'warn',
      findings: [
        {
          ruleId: 'CAREPLAN-NOT-SHARED',
          severity: 'warning',
          message: 'The care plan was not shown as shared with the patient.',
          evidence: { carePlanId: 'cp-9', sharedWith: null, revision: { n: 2, on: '2026-09-30' } },
          sources: [],
        },
        {
          ruleId: 'UNDERBILLED-MONTH',
          severity: 'info',
          message: 'The documentation supports 99491 + 99437.',
          evidence: { proposed: '99491 x1 + 99437 x1' },
          sources: ['not a url'],
        },
      ],
      billedAmount: 0,
      amountAtRisk: 0,
      unpricedLines: 1,
    },
  ],
  summary: {
    monthsAudited: 3,
    monthsPassed: 1,
    monthsWithWarnings: 1,
    monthsWithErrors: 1,
    findingsByRule: {
      'ADDON-INCREMENT-INCOMPLETE': 1,
      'CAREPLAN-NOT-SHARED': 1,
      'UNDERBILLED-MONTH': 1,
    },
    billedAmount: 232.14,
    amountAtRisk: 50.44,
    unpricedLines: 1,
  },
});

export const proposal: BillingProposal = billingProposalSchema.parse({
  format: 'ccm-billing-proposal',
  version: 1,
  rulesVersion: '1.0.0',
  month: '2026-10',
  patients: [
    {
      patientId: 'p-1',
      billingPractitionerId: 'c-md',
      countableMinutes: { clinicalStaff: 43, practitioner: 0 },
      lines: [
        { code: '99490', units: 1 },
        { code: '99439', units: 1 },
      ],
      dateOfService: '2026-10-21',
      blockers: [],
      warnings: [{ ruleId: 'CAREPLAN-NOT-SHARED', message: 'Not shared, "yet".' }],
      next: { code: '99439', minutesNeeded: 17 },
    },
    {
      patientId: 'p,2',
      billingPractitionerId: null,
      countableMinutes: { clinicalStaff: 22, practitioner: 0 },
      lines: [],
      dateOfService: null,
      blockers: [
        { ruleId: 'CONSENT-MISSING', message: 'No consent.' },
        { ruleId: 'INIT-VISIT-MISSING', message: 'No initiating visit.' },
      ],
      warnings: [],
    },
  ],
});
