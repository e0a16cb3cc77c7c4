import { STRATIFY_BY, type SampledUnit, type Sampling, type Stratum } from '@chronicle/rules';
import { z } from 'zod';
import { allocate } from './allocation.js';
import { buildFrame, FRAME_ORDER, type FrameMonth } from './frame.js';
import { createSeededRandom, GENERATOR_DESCRIPTION, seedSchema } from './random.js';
import { parseOrThrow, SamplingError } from './sampling-error.js';
import { stratify, wholeFrame, type FrameStratum } from './strata.js';

// Draws the sample: the frame of billed months, cut into strata (one for a simple random
// sample), each stratum drawn by partial Fisher-Yates from one seeded stream in stratum
// order. The result records everything a reviewer needs to draw the same months again.

const sizeSchema = z
  .number({ error: 'must be a whole number of months' })
  .int({ error: 'must be a whole number of months' })
  .min(1, { error: 'must be at least 1 month' });

export const drawOptionsSchema = z.strictObject({
  size: sizeSchema,
  seed: seedSchema,
  stratify: z.enum(STRATIFY_BY, { error: `must be one of ${STRATIFY_BY.join(', ')}` }).optional(),
});
export type DrawOptions = z.input<typeof drawOptionsSchema>;

export interface DrawResult<M extends FrameMonth> {
  sampling: Sampling;
  /** The sampled months in frame order, one per `sampling.selection` entry. */
  months: M[];
  /** True when the size reached the frame: every billed month was taken, none drawn. */
  census: boolean;
}

export function drawSample<M extends FrameMonth>(
  months: readonly M[],
  options: DrawOptions,
): DrawResult<M> {
  const { size, seed, stratify: by } = parseOrThrow(drawOptionsSchema, options);
  const frame = buildFrame(months);
  if (frame.length === 0) throw new SamplingError('report', 'there are no billed months to sample');
  const strata = by ? stratify(frame, by) : wholeFrame(frame);
  const census = size >= frame.length;
  const sizes = allocate(
    size,
    strata.map((s) => s.units.length),
  );
  const random = createSeededRandom(seed);
  const picked: Array<{ index: number; drawn: number; stratum: string }> = [];
  strata.forEach((stratum, h) => {
    const take = sizes[h] as number;
    const order = census ? stratum.units : fisherYates(stratum.units, take, random.int);
    order.forEach((index, k) => picked.push({ index, drawn: k + 1, stratum: stratum.id }));
  });
  picked.sort((a, b) => a.index - b.index);
  const selection: SampledUnit[] = picked.map(({ index, drawn, stratum }) => {
    const m = frame[index] as M;
    return {
      position: index + 1,
      drawn,
      stratum,
      patientId: m.patientId,
      month: m.month,
      billingPractitionerId: m.billingPractitionerId,
    };
  });
  return {
    sampling: {
      method: by ? 'stratified' : 'simple-random',
      ...(by ? { stratifiedBy: by } : {}),
      seed,
      generator: census
        ? 'no generator (a census: the sample size reaches the frame size, so every billed month is taken and nothing is drawn)'
        : by
          ? `${GENERATOR_DESCRIPTION}; strata drawn one after another in the order listed, continuing the same stream, each over the list of its own frame positions in frame order (N = the stratum's size)`
          : GENERATOR_DESCRIPTION,
      frame: { size: frame.length, order: FRAME_ORDER, billedAmount: amountOf(frame) },
      sampleSize: selection.length,
      strata: strata.map((s, h) => stratumBlock(s, sizes[h] as number, frame)),
      selection,
    },
    months: picked.map((p) => frame[p.index] as M),
    census,
  };
}

/**
 * Partial Fisher-Yates over a copy of `units`: for i = 0..take-1, swap entries i and
 * int(i, length-1); the first `take` entries, in the order drawn.
 */
function fisherYates(
  units: readonly number[],
  take: number,
  int: (from: number, to: number) => number,
): number[] {
  const list = [...units];
  const last = list.length - 1;
  for (let i = 0; i < take; i++) {
    const j = int(i, last);
    const chosen = list[j] as number;
    list[j] = list[i] as number;
    list[i] = chosen;
  }
  return list.slice(0, take);
}

function stratumBlock(s: FrameStratum, sampleSize: number, frame: readonly FrameMonth[]): Stratum {
  return {
    id: s.id,
    label: s.label,
    frameSize: s.units.length,
    sampleSize,
    frameAmount: amountOf(s.units.map((i) => frame[i] as FrameMonth)),
  };
}

/** Billed dollars summed in frame order and rounded once, as the audit summary does. */
function amountOf(months: readonly FrameMonth[]): number {
  return Math.round(months.reduce((a, m) => a + m.billedAmount, 0) * 100) / 100;
}
