import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { z } from 'zod';
import { confidenceSchema, DEFAULT_CONFIDENCE } from './estimate.js';
import { parseOrThrow } from './sampling-error.js';

// How many months to sample for a target precision, before the audit (Cochran, Sampling
// Techniques, 3rd ed., 1977: §4.8 for a continuous variable, §4.4 for a proportion; the
// same inputs as the sample-size modules of HHS OIG's RAT-STATS: universe size, expected
// standard deviation or rate, confidence and precision).
//
// Amount (total of the frame, half-width E dollars, d = E/N per month):
//   n0 = (t·S/d)²,  n = ⌈n0 / (1 + n0/N)⌉
// Error rate (proportion P, half-width d):
//   n0 = t²·P(1 − P)/d²,  n = ⌈n0 / (1 + (n0 − 1)/N)⌉
// t is Student's two-sided quantile on n − 1 degrees of freedom, so n appears on both
// sides. The answer is the smallest n ≥ 2 whose own t gives a size no larger than n: the
// value at which "compute n with t at n − 1 df, repeat" stops changing. Because the
// required size can only fall as n grows, that n is found by bisection over [2, N].

const positive = (what: string) =>
  z.number({ error: `must be a number (${what})` }).gt(0, { error: `must be above 0 (${what})` });

const frameSizeSchema = z
  .number({ error: 'must be a whole number of billed months' })
  .int({ error: 'must be a whole number of billed months' })
  .min(1, { error: 'must be at least 1' });

export const amountSampleSizeSchema = z.strictObject({
  frameSize: frameSizeSchema,
  /** Expected standard deviation of one month's amount at risk (dollars). */
  expectedSd: z
    .number({ error: 'must be a number of dollars' })
    .min(0, { error: 'must be 0 or more' }),
  precision: z.union(
    [
      z.strictObject({ dollars: positive('half-width of the total, in dollars') }),
      z.strictObject({
        fractionOfTotal: positive('half-width as a fraction of the expected total, e.g. 0.25'),
        /** Expected mean amount at risk per month; the expected total is N times it. */
        expectedMean: positive('expected mean amount at risk per month'),
      }),
    ],
    { error: 'give { dollars } or { fractionOfTotal, expectedMean }' },
  ),
  confidence: confidenceSchema.default(DEFAULT_CONFIDENCE),
});
export type AmountSampleSizeInput = z.input<typeof amountSampleSizeSchema>;

export const rateSampleSizeSchema = z.strictObject({
  frameSize: frameSizeSchema,
  expectedRate: z
    .number({ error: 'must be a rate between 0 and 1' })
    .gt(0, { error: 'must be between 0 and 1 (exclusive)' })
    .lt(1, { error: 'must be between 0 and 1 (exclusive)' }),
  /** Half-width of the interval on the rate, e.g. 0.05 for ±5 points. */
  precision: z
    .number({ error: 'must be a rate between 0 and 1' })
    .gt(0, { error: 'must be between 0 and 1 (exclusive)' })
    .lt(1, { error: 'must be between 0 and 1 (exclusive)' }),
  confidence: confidenceSchema.default(DEFAULT_CONFIDENCE),
});
export type RateSampleSizeInput = z.input<typeof rateSampleSizeSchema>;

export interface SampleSizeResult {
  sampleSize: number;
  /** n0 at the t of the answer, before the finite population correction. */
  n0: number;
  degreesOfFreedom: number;
  tValue: number;
}

export function sampleSizeForAmount(input: AmountSampleSizeInput): SampleSizeResult {
  const {
    frameSize: N,
    expectedSd,
    precision,
    confidence,
  } = parseOrThrow(amountSampleSizeSchema, input);
  const perMonth =
    'dollars' in precision
      ? precision.dollars / N
      : precision.fractionOfTotal * precision.expectedMean;
  return smallestSize(N, confidence, (t) => {
    const n0 = ((t * expectedSd) / perMonth) ** 2;
    return { n0, n: Math.ceil(n0 / (1 + n0 / N)) };
  });
}

export function sampleSizeForErrorRate(input: RateSampleSizeInput): SampleSizeResult {
  const {
    frameSize: N,
    expectedRate: p,
    precision: d,
    confidence,
  } = parseOrThrow(rateSampleSizeSchema, input);
  return smallestSize(N, confidence, (t) => {
    const n0 = (t * t * p * (1 - p)) / (d * d);
    return { n0, n: Math.ceil(n0 / (1 + (n0 - 1) / N)) };
  });
}

function smallestSize(
  N: number,
  confidence: number,
  required: (t: number) => { n0: number; n: number },
): SampleSizeResult {
  const at = (n: number): SampleSizeResult => {
    const degreesOfFreedom = n - 1;
    const tValue = degreesOfFreedom > 0 ? tQuantile((1 + confidence) / 2, degreesOfFreedom) : 0;
    return { sampleSize: n, n0: required(tValue).n0, degreesOfFreedom, tValue };
  };
  // A frame of one month is a census; a variance needs two months otherwise.
  if (N < 2) return at(N);
  const enough = (n: number) => required(at(n).tValue).n <= n;
  let low = 2;
  let high = N; // enough(N) holds: n0 / (1 + n0/N) < N for any n0
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (enough(mid)) high = mid;
    else low = mid + 1;
  }
  return at(low);
}
