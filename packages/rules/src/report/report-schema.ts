import { z } from 'zod';

// The canonical report and proposal formats of `chronicle audit` and `chronicle bill`.
// Every rendering (CSV, HTML, PDF) is derived from these; tests check output against them.

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const VERDICTS = ['pass', 'warn', 'fail'] as const;
export type Verdict = (typeof VERDICTS)[number];

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const billedCodeSchema = z.strictObject({
  code: z.string(),
  units: z.number().int().min(1),
});
export type BilledCode = z.infer<typeof billedCodeSchema>;

export const countableMinutesSchema = z.strictObject({
  clinicalStaff: z.number().min(0),
  practitioner: z.number().min(0),
});
export type CountableMinutes = z.infer<typeof countableMinutesSchema>;

export const findingSchema = z.strictObject({
  ruleId: z.string(),
  severity: z.enum(SEVERITIES),
  message: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  sources: z.array(z.string()),
});
export type Finding = z.infer<typeof findingSchema>;

export const auditedMonthSchema = z.strictObject({
  patientId: z.string(),
  month,
  billingPractitionerId: z.string().nullable(),
  claimIds: z.array(z.string()),
  codes: z.array(billedCodeSchema),
  countableMinutes: countableMinutesSchema,
  verdict: z.enum(VERDICTS),
  findings: z.array(findingSchema),
  billedAmount: z.number().min(0),
  amountAtRisk: z.number().min(0),
  /** Lines whose fee the schedule does not confirm; counted as 0 in the amounts. */
  unpricedLines: z.number().int().min(0),
});
export type AuditedMonth = z.infer<typeof auditedMonthSchema>;

export const auditSummarySchema = z.strictObject({
  monthsAudited: z.number().int().min(0),
  monthsPassed: z.number().int().min(0),
  monthsWithWarnings: z.number().int().min(0),
  monthsWithErrors: z.number().int().min(0),
  findingsByRule: z.record(z.string(), z.number().int().min(0)),
  billedAmount: z.number().min(0),
  amountAtRisk: z.number().min(0),
  unpricedLines: z.number().int().min(0),
});
export type AuditSummary = z.infer<typeof auditSummarySchema>;

export const auditReportSchema = z.strictObject({
  format: z.literal('ccm-audit-report'),
  version: z.literal(1),
  rulesVersion: z.string(),
  policy: z.record(z.string(), z.unknown()),
  period: z.strictObject({ from: month.nullable(), to: month.nullable() }),
  practice: z.strictObject({ id: z.string(), timezone: z.string(), setting: z.string() }),
  feeSchedule: z.string(),
  months: z.array(auditedMonthSchema),
  summary: auditSummarySchema,
});
export type AuditReport = z.infer<typeof auditReportSchema>;

export const blockerSchema = z.strictObject({
  ruleId: z.string(),
  message: z.string(),
  evidence: z.record(z.string(), z.unknown()).optional(),
});
export type Blocker = z.infer<typeof blockerSchema>;

export const proposalSchema = z.strictObject({
  patientId: z.string(),
  billingPractitionerId: z.string().nullable(),
  countableMinutes: countableMinutesSchema,
  lines: z.array(billedCodeSchema),
  dateOfService: z.string().nullable(),
  blockers: z.array(blockerSchema),
  warnings: z.array(blockerSchema),
  next: z.strictObject({ code: z.string(), minutesNeeded: z.number().min(0) }).optional(),
});
export type PatientProposal = z.infer<typeof proposalSchema>;

export const billingProposalSchema = z.strictObject({
  format: z.literal('ccm-billing-proposal'),
  version: z.literal(1),
  rulesVersion: z.string(),
  month,
  patients: z.array(proposalSchema),
});
export type BillingProposal = z.infer<typeof billingProposalSchema>;
