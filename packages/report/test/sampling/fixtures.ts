import type { AuditedMonth } from '@chronicle/rules';

// Audited months built by hand for the sampling tests: only the fields the frame, the
// strata and the estimate read vary; the rest are fixed and valid for the report schema.

export function auditedMonth(over: Partial<AuditedMonth> & { patientId: string }): AuditedMonth {
  return {
    month: '2026-10',
    billingPractitionerId: 'c-md',
    claimIds: [`cl-${over.patientId}`],
    codes: [{ code: '99490', units: 1 }],
    countableMinutes: { clinicalStaff: 25, practitioner: 0 },
    verdict: 'pass',
    findings: [],
    billedAmount: 62,
    amountAtRisk: 0,
    unpricedLines: 0,
    ...over,
  };
}

/** n billed months of one month, patients p-001, p-002, ... (already in frame order). */
export function billedMonths(n: number, month = '2026-10'): AuditedMonth[] {
  return Array.from({ length: n }, (_, i) =>
    auditedMonth({ patientId: `p-${String(i + 1).padStart(3, '0')}`, month }),
  );
}
