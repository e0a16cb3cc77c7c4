import type { AuditedMonth, Estimate, IntervalEstimate, Sampling } from '@chronicle/rules';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { z } from 'zod';
import { parseOrThrow, SamplingError } from './sampling-error.js';

// Extrapolates the sampled months to the frame: the total of a per-month value (the
// amount at risk, or 1 for a month in error) estimated by expansion of stratum means,
//   point  Ŷ = Σ_h N_h·ȳ_h          (simple random sampling: one stratum, Ŷ = N·ȳ)
//   SE(Ŷ) = √(Σ_h N_h²·(1 − n_h/N_h)·s_h²/n_h)   (with the finite population correction)
//   df     = n − H (H strata with sampled months; n − 1 for a simple random sample)
//   limits Ŷ ± t·SE, t the two-sided Student's t quantile at the confidence level.
// (Cochran, Sampling Techniques, 3rd ed., 1977, ch. 2 and ch. 5; the degrees of freedom
// are SAS PROC SURVEYMEANS's n − H.) The lower limit is reported as computed, even below
// zero: renderers say that such an interval demonstrates no overpayment, and clamping it
// would hide how wide the interval is. Totals are rounded to cents once, at the end; the
// standard error and t are kept unrounded so that the interval can be recomputed.

export const DEFAULT_CONFIDENCE = 0.9;

export const confidenceSchema = z
  .number({ error: 'must be a number between 0 and 1, e.g. 0.9' })
  .gt(0, { error: 'must be between 0 and 1 (exclusive), e.g. 0.9' })
  .lt(1, { error: 'must be between 0 and 1 (exclusive), e.g. 0.9' });

export interface StratumValues {
  /** Named in errors. */
  id: string;
  frameSize: number;
  /** The sampled units' values. */
  values: readonly number[];
}

/** The estimate of a frame total, unrounded. */
export function estimateTotal(
  strata: readonly StratumValues[],
  confidence: number = DEFAULT_CONFIDENCE,
): IntervalEstimate {
  parseOrThrow(z.strictObject({ confidence: confidenceSchema }), { confidence });
  let point = 0;
  let variance = 0;
  let sampled = 0;
  let sampledStrata = 0;
  for (const { id, frameSize, values } of strata) {
    const n = values.length;
    if (n > frameSize)
      throw new SamplingError(
        'size',
        `stratum ${id} has ${n} sampled months but ${frameSize} in its frame`,
      );
    if (frameSize === 0) continue;
    if (n === 0) throw new SamplingError('size', `stratum ${id} has no sampled month`);
    const mean = values.reduce((a, y) => a + y, 0) / n;
    point += frameSize * mean;
    sampled += n;
    sampledStrata += 1;
    if (n === frameSize) continue; // every month of the stratum seen: no sampling error
    if (n < 2)
      throw new SamplingError(
        'size',
        `stratum ${id} needs at least 2 sampled months to estimate its variance`,
      );
    const s2 = values.reduce((a, y) => a + (y - mean) ** 2, 0) / (n - 1);
    variance += frameSize * frameSize * (1 - n / frameSize) * (s2 / n);
  }
  const degreesOfFreedom = sampled - sampledStrata;
  const standardError = Math.sqrt(variance);
  const tValue = degreesOfFreedom > 0 ? tQuantile((1 + confidence) / 2, degreesOfFreedom) : 0;
  const precision = tValue * standardError;
  return {
    pointEstimate: point,
    standardError,
    lowerLimit: point - precision,
    upperLimit: point + precision,
    precision,
    degreesOfFreedom,
    tValue,
  };
}

/** Rounds an estimate's point, limits and precision to cents; SE and t stay unrounded. */
export function roundEstimate(e: IntervalEstimate): IntervalEstimate {
  return {
    ...e,
    pointEstimate: cents(e.pointEstimate),
    lowerLimit: cents(e.lowerLimit),
    upperLimit: cents(e.upperLimit),
    precision: cents(e.precision),
  };
}

// `|| 0` turns -0 (a tiny negative rounded) into 0.
const cents = (x: number): number => Math.round(x * 100) / 100 || 0;

export type SampledMonthValues = Pick<AuditedMonth, 'amountAtRisk' | 'verdict'>;

/**
 * The report's estimate block from a sample and its audited months, given in the order of
 * `sampling.selection` (frame order). A month is in error when its verdict is `fail`.
 */
export function estimateFromSample(
  sampling: Sampling,
  months: readonly SampledMonthValues[],
  confidence: number = DEFAULT_CONFIDENCE,
): Estimate {
  if (months.length !== sampling.selection.length)
    throw new SamplingError(
      'months',
      `${months.length} audited months given for ${sampling.selection.length} sampled`,
    );
  const values = (value: (m: SampledMonthValues) => number): StratumValues[] =>
    sampling.strata.map((s) => ({
      id: s.id,
      frameSize: s.frameSize,
      values: sampling.selection.flatMap((u, i) =>
        u.stratum === s.id ? [value(months[i] as SampledMonthValues)] : [],
      ),
    }));
  const inError = months.filter((m) => m.verdict === 'fail').length;
  return {
    confidence,
    errorRate: {
      monthsSampled: months.length,
      monthsInError: inError,
      rate: months.length > 0 ? inError / months.length : 0,
      months: roundEstimate(
        estimateTotal(
          values((m) => (m.verdict === 'fail' ? 1 : 0)),
          confidence,
        ),
      ),
    },
    overpayment: roundEstimate(
      estimateTotal(
        values((m) => m.amountAtRisk),
        confidence,
      ),
    ),
    method: methodText(sampling),
  };
}

function methodText(sampling: Sampling): string {
  const census = sampling.sampleSize === sampling.frame.size;
  const design =
    sampling.method === 'stratified'
      ? 'Stratified random sample: frame total estimated as Σ N_h × stratum mean, standard ' +
        'error √(Σ N_h²(1 − n_h/N_h)s_h²/n_h), Student t interval on n − H degrees of freedom'
      : 'Simple random sample without replacement: frame total estimated as N × sample ' +
        'mean, standard error N√((1 − n/N)s²/n), Student t interval on n − 1 degrees of freedom';
  return (
    `${design} (Cochran, Sampling Techniques, 3rd ed., 1977, ch. ${sampling.method === 'stratified' ? 5 : 2}); ` +
    (census ? 'a census: every frame month was audited, so the standard error is 0; ' : '') +
    'lower limits are reported as computed, even below zero; see docs/compliance/sampling.md'
  );
}
