import { audit, auditReportSchema, type AuditReport } from '@chronicle/rules';
import { generateDataset } from '@chronicle/synthetic';
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../src/sampling/apply-sample.js';
import { report as handBuilt } from '../sample-report.js';

// A sampled audit made from a real audit of a synthetic practice: its months are exactly
// the drawn billed months, its summary is recomputed over them, and it carries the
// sampling and estimate blocks; bad input is refused with the field named.

const full: AuditReport = audit(
  generateDataset({ seed: 7, patients: 60, year: 2025, months: 4, faultRate: 0.3 }),
);
const billed = full.months.filter((m) => m.claimIds.length > 0);

describe('sampleReport', () => {
  const sampled = sampleReport(full, { size: 30, seed: '20261101', stratify: 'practitioner' });

  it('is a valid report whose months are exactly the selection, in frame order', () => {
    expect(auditReportSchema.parse(sampled)).toEqual(sampled);
    const selection = sampled.sampling?.selection ?? [];
    expect(sampled.months).toHaveLength(30);
    expect(sampled.months.map((m) => [m.patientId, m.month, m.billingPractitionerId])).toEqual(
      selection.map((u) => [u.patientId, u.month, u.billingPractitionerId]),
    );
    // each sampled month is the audit's own month, unchanged
    for (const m of sampled.months) expect(billed).toContainEqual(m);
    expect(sampled.months.every((m) => m.claimIds.length > 0)).toBe(true);
  });

  it('keeps the audit header and recomputes the summary over the sample', () => {
    const { months: _m, summary: _s, sampling: _sp, estimate: _e, ...head } = sampled;
    const { months: _fm, summary: _fs, ...fullHead } = full;
    expect(head).toEqual(fullHead);
    const s = sampled.summary;
    expect(s.monthsAudited).toBe(30);
    expect(s.monthsPassed + s.monthsWithWarnings + s.monthsWithErrors).toBe(30);
    expect(s.monthsWithErrors).toBe(sampled.months.filter((m) => m.verdict === 'fail').length);
    const findings = sampled.months.flatMap((m) => m.findings);
    expect(Object.values(s.findingsByRule).reduce((a, b) => a + b, 0)).toBe(findings.length);
    expect(s.amountAtRisk).toBeCloseTo(
      sampled.months.reduce((a, m) => a + m.amountAtRisk, 0),
      2,
    );
  });

  it('records the frame of billed months and an estimate at 90%', () => {
    expect(sampled.sampling).toMatchObject({
      method: 'stratified',
      stratifiedBy: 'practitioner',
      seed: '20261101',
      sampleSize: 30,
      frame: { size: billed.length },
    });
    expect(sampled.estimate?.confidence).toBe(0.9);
    expect(sampled.estimate?.errorRate.monthsSampled).toBe(30);
    expect(sampled.estimate?.overpayment.degreesOfFreedom).toBe(
      30 - (sampled.sampling?.strata.length ?? 0),
    );
  });

  it('gives the same report for the same audit and seed', () => {
    expect(sampleReport(full, { size: 30, seed: '20261101', stratify: 'practitioner' })).toEqual(
      sampled,
    );
  });

  it('matches the full audit when the sample is a census', () => {
    const census = sampleReport(full, { size: billed.length, seed: '1' });
    expect(census.months).toHaveLength(billed.length);
    // The full audit's summary counts only billed months as audited, so the counts agree.
    for (const key of [
      'monthsAudited',
      'monthsPassed',
      'monthsWithWarnings',
      'monthsWithErrors',
    ] as const)
      expect(census.summary[key]).toBe(full.summary[key]);
    const atRisk = Math.round(billed.reduce((a, m) => a + m.amountAtRisk, 0) * 100) / 100;
    expect(census.estimate?.overpayment).toMatchObject({ pointEstimate: atRisk, standardError: 0 });
    expect(census.estimate?.errorRate.months.pointEstimate).toBe(full.summary.monthsWithErrors);
    expect(census.sampling?.generator).toMatch(/census/);
  });

  it('takes the confidence asked for', () => {
    const r = sampleReport(full, { size: 20, seed: '3', confidence: 0.95 });
    expect(r.estimate?.confidence).toBe(0.95);
    expect(r.estimate?.overpayment.degreesOfFreedom).toBe(19);
  });

  it('refuses a report with no billed months, naming report', () => {
    const none = { ...handBuilt, months: handBuilt.months.map((m) => ({ ...m, claimIds: [] })) };
    expect(() => sampleReport(none, { size: 2, seed: '1' })).toThrow(
      /^report: has no billed months/,
    );
  });

  it('refuses to sample a sample, naming report', () => {
    expect(() => sampleReport(sampled, { size: 5, seed: '1' })).toThrow(
      /^report: is already a sample/,
    );
  });

  it('refuses bad options, naming the field', () => {
    expect(() => sampleReport(full, { size: 0, seed: '1' })).toThrow(/^size: /);
    expect(() => sampleReport(full, { size: 1, seed: '1' })).toThrow(/^size: must be at least 2/);
    expect(() => sampleReport(full, { size: 5, seed: 'x' })).toThrow(/^seed: /);
    expect(() => sampleReport(full, { size: 5, seed: '1', confidence: 90 })).toThrow(
      /^confidence: /,
    );
    expect(() =>
      sampleReport(full, { size: 5, seed: '1', sise: 4 } as unknown as {
        size: number;
        seed: string;
      }),
    ).toThrow(/^sise: is not a known option/);
  });
});
