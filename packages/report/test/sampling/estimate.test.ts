import { describe, expect, it } from 'vitest';
import { drawSample } from '../../src/sampling/draw.js';
import {
  estimateFromSample,
  estimateTotal,
  roundEstimate,
  type StratumValues,
} from '../../src/sampling/estimate.js';
import { auditedMonth, billedMonths } from './fixtures.js';

// The estimator of a frame total from a sample: reproduced against SAS's published
// worked example, then the census, the below-zero lower limit, rounding and the report's
// estimate block.

// SAS Institute, SAS/STAT 15.2 User's Guide, "The SURVEYMEANS Procedure", Getting Started:
// "Simple Random Sampling" and "Stratified Sampling" (ice-cream spending of 40 students
// sampled from 4,000; strata grade 7, 8 and 9 of 1,824, 1,025 and 1,151 students).
// https://documentation.sas.com/doc/en/statug/15.2/statug_surveymeans_gettingstarted.htm
// Grade and weekly spending (dollars) of the 40 sampled students, in the guide's order:
const ICE_CREAM = (
  '7 7, 7 7, 8 12, 9 10, 7 1, 7 10, 7 3, 8 20, 8 19, 7 2, 7 2, 9 15, 8 16, 7 6, 7 6, 7 6, ' +
  '9 15, 8 17, 8 14, 9 8, 9 8, 9 7, 7 3, 7 12, 7 4, 9 14, 8 18, 9 9, 7 2, 7 1, 7 4, 7 11, ' +
  '9 8, 8 10, 8 13, 7 2, 9 6, 9 11, 7 2, 7 9'
)
  .split(', ')
  .map((pair) => pair.split(' ').map(Number) as [number, number]);
const STUDENTS = 4000;
const GRADE_SIZES: Record<number, number> = { 7: 1824, 8: 1025, 9: 1151 };

describe('SAS PROC SURVEYMEANS worked example', () => {
  it('has the 40 students of the guide, 20, 9 and 11 per grade', () => {
    expect(ICE_CREAM).toHaveLength(40);
    expect([7, 8, 9].map((g) => ICE_CREAM.filter(([grade]) => grade === g).length)).toEqual([
      20, 9, 11,
    ]);
  });

  it('reproduces the simple random sample: mean 8.75, SE 0.845139, 95% CL 7.04054539 to 10.4594546', () => {
    const all: StratumValues = {
      id: 'all',
      frameSize: STUDENTS,
      values: ICE_CREAM.map(([, y]) => y),
    };
    const e = estimateTotal([all], 0.95);
    // On the scale SAS prints (the mean), to its published decimals:
    expect((e.pointEstimate / STUDENTS).toFixed(6)).toBe('8.750000');
    expect((e.standardError / STUDENTS).toFixed(6)).toBe('0.845139');
    expect((e.lowerLimit / STUDENTS).toFixed(8)).toBe('7.04054539');
    expect((e.upperLimit / STUDENTS).toFixed(7)).toBe('10.4594546');
    expect(e.degreesOfFreedom).toBe(39);
    // The total is N times the mean, to the cent: 4000 × 8.75, 4000 × 7.04054539, ...
    const r = roundEstimate(e);
    expect(r.pointEstimate).toBe(35000);
    expect(r.lowerLimit).toBe(28162.18);
    expect(r.upperLimit).toBe(41837.82);
    expect(Math.round(e.standardError * 100) / 100).toBe(3380.56); // 4000 × 0.845139
  });

  it('reproduces the stratified sample: mean 9.141298, SE 0.531799, 95% CL 8.06377052 to 10.2188254', () => {
    const strata = [7, 8, 9].map((g) => ({
      id: `grade-${g}`,
      frameSize: GRADE_SIZES[g] as number,
      values: ICE_CREAM.filter(([grade]) => grade === g).map(([, y]) => y),
    }));
    const e = estimateTotal(strata, 0.95);
    expect((e.pointEstimate / STUDENTS).toFixed(6)).toBe('9.141298');
    expect((e.standardError / STUDENTS).toFixed(6)).toBe('0.531799');
    expect((e.lowerLimit / STUDENTS).toFixed(8)).toBe('8.06377052');
    expect((e.upperLimit / STUDENTS).toFixed(7)).toBe('10.2188254');
    expect(e.degreesOfFreedom).toBe(37); // n − H = 40 − 3
    const r = roundEstimate(e);
    expect(r.pointEstimate).toBe(36565.19); // 4000 × 9.141298 = 36565.192
    expect(r.lowerLimit).toBe(32255.08); // 4000 × 8.06377052 = 32255.082
    expect(r.upperLimit).toBe(40875.3); // 4000 × 10.2188254 = 40875.302
    expect(Math.round(e.standardError * 100) / 100).toBe(2127.2); // 4000 × 0.531799 = 2127.196
  });
});

describe('estimateTotal', () => {
  it('gives a standard error of 0 for a census, with the point the plain total', () => {
    const e = estimateTotal([{ id: 'all', frameSize: 4, values: [10, 0, 5.5, 20] }]);
    expect(e).toMatchObject({ pointEstimate: 35.5, standardError: 0, precision: 0 });
    expect(e.lowerLimit).toBe(35.5);
    expect(e.degreesOfFreedom).toBe(3);
  });

  it('counts a stratum of one month, fully seen, as exact', () => {
    const e = estimateTotal([
      { id: 'a', frameSize: 1, values: [7] },
      { id: 'b', frameSize: 10, values: [1, 3] },
    ]);
    expect(e.pointEstimate).toBe(27);
    // only stratum b varies: 10² × (1 − 2/10) × s² / 2 with s² = 2
    expect(e.standardError).toBeCloseTo(Math.sqrt(80), 12);
    expect(e.degreesOfFreedom).toBe(1);
  });

  it('reports a lower limit below zero as computed, not clamped', () => {
    const values = [0, 0, 0, 0, 0, 0, 0, 300];
    const e = estimateTotal([{ id: 'all', frameSize: 1000, values }], 0.9);
    expect(e.pointEstimate).toBe(37500);
    expect(e.lowerLimit).toBeLessThan(0);
    expect(e.lowerLimit).toBeCloseTo(e.pointEstimate - e.tValue * e.standardError, 9);
  });

  it('refuses a stratum with one sampled month out of several, naming size', () => {
    expect(() => estimateTotal([{ id: 'a', frameSize: 5, values: [1] }])).toThrow(
      /^size: stratum a needs at least 2 sampled months/,
    );
    expect(() => estimateTotal([{ id: 'a', frameSize: 5, values: [] }])).toThrow(
      /^size: stratum a has no sampled month/,
    );
  });

  it.each([0, 1, 1.5, -0.1, Number.NaN])('refuses confidence %j, naming confidence', (c) => {
    expect(() => estimateTotal([{ id: 'a', frameSize: 2, values: [1, 2] }], c)).toThrow(
      /^confidence: must be/,
    );
  });
});

describe('roundEstimate', () => {
  it('rounds the point, limits and precision to cents and keeps SE and t whole', () => {
    const r = roundEstimate({
      pointEstimate: 1234.5678,
      standardError: 12.3456789,
      lowerLimit: -0.001,
      upperLimit: 2469.1299,
      precision: 1234.5688,
      degreesOfFreedom: 9,
      tValue: 1.8331129326536335,
    });
    expect(r).toEqual({
      pointEstimate: 1234.57,
      standardError: 12.3456789,
      lowerLimit: 0,
      upperLimit: 2469.13,
      precision: 1234.57,
      degreesOfFreedom: 9,
      tValue: 1.8331129326536335,
    });
    expect(Object.is(r.lowerLimit, -0)).toBe(false);
  });
});

describe('estimateFromSample', () => {
  const frame = billedMonths(100).map((m, i) =>
    i % 4 === 0 ? { ...m, verdict: 'fail' as const, amountAtRisk: 62 } : m,
  );

  it('extrapolates the amount at risk and the months in error at 90% by default', () => {
    const { sampling, months } = drawSample(frame, { size: 20, seed: '5' });
    const e = estimateFromSample(sampling, months);
    const inError = months.filter((m) => m.verdict === 'fail').length;
    expect(e.confidence).toBe(0.9);
    expect(e.errorRate).toMatchObject({
      monthsSampled: 20,
      monthsInError: inError,
      rate: inError / 20,
    });
    expect(e.errorRate.months.pointEstimate).toBe(inError * 5);
    expect(e.overpayment.pointEstimate).toBe(inError * 5 * 62);
    // Each month in error carries $62, so the dollar interval is the months' times 62.
    expect(e.overpayment.standardError).toBeCloseTo(e.errorRate.months.standardError * 62, 9);
    expect(e.overpayment.degreesOfFreedom).toBe(19);
    expect(e.overpayment.tValue).toBeCloseTo(1.729133, 6); // t(0.95, 19), e.g. NIST table
    expect(e.method).toMatch(/^Simple random sample.*docs\/compliance\/sampling\.md$/);
  });

  it('uses the stratified estimator with n − H degrees of freedom for a stratified sample', () => {
    const mixed = frame.map((m, i) => ({ ...m, billingPractitionerId: i < 30 ? 'a' : 'b' }));
    const { sampling, months } = drawSample(mixed, {
      size: 20,
      seed: '5',
      stratify: 'practitioner',
    });
    const e = estimateFromSample(sampling, months, 0.95);
    expect(e.overpayment.degreesOfFreedom).toBe(18);
    expect(e.method).toMatch(/^Stratified random sample/);
  });

  it('says so for a census, whose standard error is 0', () => {
    const { sampling, months } = drawSample(frame, { size: 500, seed: '5' });
    const e = estimateFromSample(sampling, months);
    expect(e.overpayment).toMatchObject({ pointEstimate: 25 * 62, standardError: 0, precision: 0 });
    expect(e.method).toMatch(/a census/);
  });

  it('refuses months that do not match the selection', () => {
    const { sampling, months } = drawSample(frame, { size: 20, seed: '5' });
    expect(() => estimateFromSample(sampling, months.slice(1))).toThrow(
      /^months: 19 audited months given for 20 sampled/,
    );
  });

  it('treats warnings as not in error', () => {
    const warned = [auditedMonth({ patientId: 'p-1', verdict: 'warn' }), ...billedMonths(3)];
    const { sampling, months } = drawSample(warned, { size: 4, seed: '1' });
    expect(estimateFromSample(sampling, months).errorRate.monthsInError).toBe(0);
  });
});
