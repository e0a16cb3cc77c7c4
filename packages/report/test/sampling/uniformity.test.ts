import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { describe, expect, it } from 'vitest';
import { drawSample } from '../../src/sampling/draw.js';
import { billedMonths } from './fixtures.js';

// Every month of the frame must be equally likely to be drawn, whatever the seed. 20,000
// samples of 5 from a frame of 20 (seeds "1" to "20000", so this also checks that nearby
// seeds give unrelated draws) are counted three ways and each count table is put to a
// chi-square goodness-of-fit test at the 0.1% level. The seeds are fixed, so the outcome
// is the same on every run; a biased index draw or seeding would fail it.
//
// The months of one draw are distinct, so inclusion and pair counts vary a little less
// than multinomial counts and their statistic runs below a chi-square's: those two tests
// are conservative. The first-drawn count is exactly multinomial under uniformity.

const N = 20;
const n = 5;
const DRAWS = 20_000;
const LEVEL = 0.999;

function chiSquare(observed: readonly number[], expected: number): number {
  return observed.reduce((a, o) => a + (o - expected) ** 2 / expected, 0);
}

describe('uniformity of the draw', () => {
  const frame = billedMonths(N);
  const inclusion = new Array<number>(N).fill(0);
  const first = new Array<number>(N).fill(0);
  const pairs = new Array<number>((N * (N - 1)) / 2).fill(0);
  const pairIndex = (i: number, j: number) => (i * (2 * N - i - 1)) / 2 + (j - i - 1);
  for (let s = 1; s <= DRAWS; s++) {
    const { selection } = drawSample(frame, { size: n, seed: String(s) }).sampling;
    const p = selection.map((u) => u.position - 1);
    for (const i of p) inclusion[i] = (inclusion[i] as number) + 1;
    const f = selection.find((u) => u.drawn === 1) as { position: number };
    first[f.position - 1] = (first[f.position - 1] as number) + 1;
    for (let a = 0; a < p.length; a++)
      for (let b = a + 1; b < p.length; b++) {
        const k = pairIndex(p[a] as number, p[b] as number);
        pairs[k] = (pairs[k] as number) + 1;
      }
  }

  it('uses the tabled chi-square critical value', () => {
    // NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.4 "Critical Values of the
    // Chi-Square Distribution": 19 degrees of freedom, upper tail 0.001 → 43.820.
    expect(chisquareQuantile(LEVEL, 19)).toBeCloseTo(43.82, 2);
  });

  it('includes each month equally often', () => {
    expect(inclusion.reduce((a, b) => a + b, 0)).toBe(DRAWS * n);
    expect(chiSquare(inclusion, (DRAWS * n) / N)).toBeLessThan(chisquareQuantile(LEVEL, N - 1));
  });

  it('draws each month first equally often', () => {
    expect(chiSquare(first, DRAWS / N)).toBeLessThan(chisquareQuantile(LEVEL, N - 1));
  });

  it('includes each pair of months together equally often', () => {
    const expected = (DRAWS * ((n * (n - 1)) / 2)) / pairs.length;
    expect(chiSquare(pairs, expected)).toBeLessThan(chisquareQuantile(LEVEL, pairs.length - 1));
  });
});
