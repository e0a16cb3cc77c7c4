import { auditReportSchema, DEFAULT_POLICY, type AuditReport } from '@chronicle/rules';

// A sampled audit built by hand: 8 months drawn from a frame of 1,200 in two practitioner
// strata, three of them in error, and an estimate whose overpayment interval reaches below
// zero (so the renderings must say so). Parsed by the canonical schema so that it cannot
// drift from the format.

const drawn = [
  { position: 14, drawn: 3, stratum: 'c-md', patientId: 'p-014', practitioner: 'c-md' },
  { position: 87, drawn: 1, stratum: 'c-md', patientId: 'p-087', practitioner: 'c-md' },
  { position: 233, drawn: 5, stratum: 'c-md', patientId: 'p-233', practitioner: 'c-md' },
  { position: 410, drawn: 2, stratum: 'c-md', patientId: 'p-410', practitioner: 'c-md' },
  { position: 702, drawn: 4, stratum: 'c-md', patientId: 'p-702', practitioner: 'c-md' },
  { position: 861, drawn: 2, stratum: 'c-np', patientId: 'p-861', practitioner: 'c-np' },
  { position: 990, drawn: 1, stratum: 'c-np', patientId: 'p-990', practitioner: 'c-np' },
  { position: 1177, drawn: 3, stratum: 'c-np', patientId: 'p-1177', practitioner: 'c-np' },
];
const monthOf = (position: number) => (position % 2 === 0 ? '2026-09' : '2026-10');
const failing = new Set([87, 702, 990]);

export const sampledReport: AuditReport = auditReportSchema.parse({
  format: 'ccm-audit-report',
  version: 1,
  rulesVersion: '1.4.0',
  policy: DEFAULT_POLICY,
  period: { from: '2026-09', to: '2026-10' },
  practice: { id: 'pr-7', timezone: 'America/New_York', setting: 'office' },
  feeSchedule: 'test schedule',
  months: drawn.map((d) => ({
    patientId: d.patientId,
    month: monthOf(d.position),
    billingPractitionerId: d.practitioner,
    claimIds: [`cl-${d.position}`],
    codes: [{ code: '99490', units: 1 }],
    countableMinutes: { clinicalStaff: failing.has(d.position) ? 12 : 24, practitioner: 0 },
    verdict: failing.has(d.position) ? 'fail' : 'pass',
    findings: failing.has(d.position)
      ? [
          {
            ruleId: 'TIME-BELOW-THRESHOLD',
            severity: 'error',
            message: 'Only 12 countable minutes; 99490 needs 20.',
            evidence: { countableMinutes: 12, requiredMinutes: 20, timeEntryIds: ['t-1', 't-2'] },
            sources: ['https://www.cms.gov/medicare/payment/fee-schedules/physician'],
          },
        ]
      : [],
    billedAmount: 66.13,
    amountAtRisk: failing.has(d.position) ? 66.13 : 0,
    unpricedLines: 0,
  })),
  summary: {
    monthsAudited: 8,
    monthsPassed: 5,
    monthsWithWarnings: 0,
    monthsWithErrors: 3,
    findingsByRule: { 'TIME-BELOW-THRESHOLD': 3 },
    billedAmount: 529.04,
    amountAtRisk: 198.39,
    unpricedLines: 0,
  },
  sampling: {
    method: 'stratified',
    stratifiedBy: 'practitioner',
    seed: '20261101',
    generator: 'test generator (PCG32, partial Fisher-Yates)',
    frame: {
      size: 1200,
      order: 'patient id, then month, then billing practitioner id',
      billedAmount: 79356,
    },
    sampleSize: 8,
    strata: [
      { id: 'c-md', label: 'Practitioner c-md', frameSize: 800, sampleSize: 5, frameAmount: 52904 },
      { id: 'c-np', label: 'Practitioner c-np', frameSize: 400, sampleSize: 3, frameAmount: 26452 },
    ],
    selection: drawn.map((d) => ({
      position: d.position,
      drawn: d.drawn,
      stratum: d.stratum,
      patientId: d.patientId,
      month: monthOf(d.position),
      billingPractitionerId: d.practitioner,
    })),
  },
  estimate: {
    confidence: 0.9,
    errorRate: {
      monthsSampled: 8,
      monthsInError: 3,
      rate: 0.375,
      months: {
        pointEstimate: 426.7,
        standardError: 212.4,
        lowerLimit: 24.3,
        upperLimit: 829.1,
        precision: 402.4,
        degreesOfFreedom: 6,
        tValue: 1.943,
      },
    },
    overpayment: {
      pointEstimate: 28217.6,
      standardError: 15890.25,
      lowerLimit: -2657.2,
      upperLimit: 59092.4,
      precision: 30874.8,
      degreesOfFreedom: 6,
      tValue: 1.943,
    },
    method:
      'Stratified expansion (mean-per-unit) estimator with a Student t interval; see docs/compliance/sampling.md.',
  },
});
