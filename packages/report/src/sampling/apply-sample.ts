import { auditReportSchema, type AuditReport } from '@chronicle/rules';
import type { z } from 'zod';
import { drawOptionsSchema, drawSample } from './draw.js';
import { confidenceSchema, DEFAULT_CONFIDENCE, estimateFromSample } from './estimate.js';
import { summarize } from '@chronicle/rules';
import { parseOrThrow, SamplingError } from './sampling-error.js';

// Turns an audit of every billed month into a sampled audit: the months become the drawn
// billed months in frame order (unbilled months, reported for information, are dropped),
// the summary is recomputed over them, and the sampling and estimate blocks are added.

export const sampleReportOptionsSchema = drawOptionsSchema.extend({
  confidence: confidenceSchema.default(DEFAULT_CONFIDENCE),
});
export type SampleReportOptions = z.input<typeof sampleReportOptionsSchema>;

export function sampleReport(report: AuditReport, options: SampleReportOptions): AuditReport {
  const { confidence, ...draw } = parseOrThrow(sampleReportOptionsSchema, options);
  if (report.sampling)
    throw new SamplingError(
      'report',
      'is already a sample; sample the audit of every billed month',
    );
  const frameSize = report.months.filter((m) => m.claimIds.length > 0).length;
  if (frameSize === 0)
    throw new SamplingError('report', 'has no billed months to sample (the frame is empty)');
  if (draw.size < 2 && frameSize > 1)
    throw new SamplingError(
      'size',
      'must be at least 2 months, so that a variance can be estimated',
    );
  const { sampling, months } = drawSample(report.months, draw);
  // Checked before anything is returned so that a bad sample never reaches a file.
  return auditReportSchema.parse({
    format: report.format,
    version: report.version,
    rulesVersion: report.rulesVersion,
    policy: report.policy,
    period: report.period,
    practice: report.practice,
    feeSchedule: report.feeSchedule,
    months,
    summary: summarize(months),
    sampling,
    estimate: estimateFromSample(sampling, months, confidence),
  });
}
