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

// A sampled audit (`chronicle audit --sample N --seed S`) records how its months were drawn
// from the frame of billed months, so that an outside reviewer can redraw the same sample,
// and the overpayment extrapolated from them to the frame. Both are absent from an audit
// of every billed month.

export const SAMPLING_METHODS = ['simple-random', 'stratified'] as const;
export type SamplingMethod = (typeof SAMPLING_METHODS)[number];
export const STRATIFY_BY = ['practitioner', 'amount'] as const;
export type StratifyBy = (typeof STRATIFY_BY)[number];

const money = z.number().min(0);

export const stratumSchema = z.strictObject({
  /** Stable id within the report: the practitioner id, or `amount-1`, `amount-2`, ... */
  id: z.string(),
  /** Human words for the stratum: "Dr. c1", "$0.00 to $62.00". */
  label: z.string(),
  frameSize: z.number().int().min(0),
  sampleSize: z.number().int().min(0),
  /** Billed amount of the stratum's frame months. */
  frameAmount: money,
});
export type Stratum = z.infer<typeof stratumSchema>;

export const sampledUnitSchema = z.strictObject({
  /** 1-based position in the frame, in the frame order the sampling block names. */
  position: z.number().int().min(1),
  /** 1-based order in which the generator drew it (within its stratum). */
  drawn: z.number().int().min(1),
  stratum: z.string(),
  patientId: z.string(),
  month,
  billingPractitionerId: z.string().nullable(),
});
export type SampledUnit = z.infer<typeof sampledUnitSchema>;

export const samplingSchema = z.strictObject({
  method: z.enum(SAMPLING_METHODS),
  stratifiedBy: z.enum(STRATIFY_BY).optional(),
  /** The seed as given (decimal digits), so the draw can be repeated. */
  seed: z.string(),
  /** The generator and selection algorithm, named precisely enough to reimplement. */
  generator: z.string(),
  frame: z.strictObject({
    /** Billed patient-months in the audited period. */
    size: z.number().int().min(0),
    /** How the frame is ordered before drawing (positions refer to this order). */
    order: z.string(),
    billedAmount: money,
  }),
  sampleSize: z.number().int().min(0),
  strata: z.array(stratumSchema),
  /** The drawn units, in frame order. */
  selection: z.array(sampledUnitSchema),
});
export type Sampling = z.infer<typeof samplingSchema>;

export const intervalEstimateSchema = z.strictObject({
  pointEstimate: z.number(),
  standardError: z.number().min(0),
  lowerLimit: z.number(),
  upperLimit: z.number(),
  /** Half the interval's width. */
  precision: z.number().min(0),
  degreesOfFreedom: z.number().int().min(0),
  /** Student's t quantile used for the two-sided interval. */
  tValue: z.number().min(0),
});
export type IntervalEstimate = z.infer<typeof intervalEstimateSchema>;

export const estimateSchema = z.strictObject({
  /** Two-sided confidence level of the intervals: 0.9 unless asked otherwise. */
  confidence: z.number().gt(0).lt(1),
  /** Sampled months with at least one error finding, over the months sampled. */
  errorRate: z.strictObject({
    monthsSampled: z.number().int().min(0),
    monthsInError: z.number().int().min(0),
    rate: z.number().min(0).max(1),
    /** Months in error extrapolated to the frame. */
    months: intervalEstimateSchema,
  }),
  /** The amount at risk of each sampled month, extrapolated to the frame (dollars). */
  overpayment: intervalEstimateSchema,
  /** The estimator, named with its reference (docs/compliance/sampling.md). */
  method: z.string(),
});
export type Estimate = z.infer<typeof estimateSchema>;

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
  /** Present when the months are a sample of the frame (then `months` holds the sample). */
  sampling: samplingSchema.optional(),
  estimate: estimateSchema.optional(),
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
