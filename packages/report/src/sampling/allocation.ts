import { SamplingError } from './sampling-error.js';

// How a stratified sample of n months is shared among strata: in proportion to stratum
// size, rounded by largest remainder, then raised to at least 2 in every stratum that has
// 2 or more months (a stratum variance needs two values) and never above a stratum's size.

/** The smallest sample each stratum may get. */
const minimumFor = (size: number): number => Math.min(2, size);

/**
 * Sample sizes per stratum, summing to n (or to the frame size when n reaches it: a
 * census). Integer arithmetic only, so every platform allocates alike:
 * 1. quota q_h = n·N_h/N; each stratum gets floor(q_h), and the units left over go one each
 *    to the strata with the largest remainders (n·N_h mod N), ties to the earlier stratum;
 * 2. strata below min(2, N_h) are raised to it; the units this adds are taken back one at a
 *    time from the stratum furthest above its quota (largest n_h·N − n·N_h) that is still
 *    above its minimum, ties to the earlier stratum.
 */
export function allocate(n: number, sizes: readonly number[]): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (n >= total) return [...sizes];
  const minimum = sizes.reduce((a, s) => a + minimumFor(s), 0);
  if (n < minimum)
    throw new SamplingError(
      'size',
      `a stratified sample of these ${sizes.length} strata needs at least ${minimum} ` +
        'months (2 in each stratum that has 2 or more)',
    );
  const alloc = sizes.map((s) => Math.floor((n * s) / total));
  const byRemainder = sizes
    .map((s, h) => ({ h, remainder: (n * s) % total }))
    .sort((a, b) => b.remainder - a.remainder || a.h - b.h);
  let left = n - alloc.reduce((a, b) => a + b, 0);
  for (const { h } of byRemainder) {
    if (left === 0) break;
    alloc[h] = (alloc[h] as number) + 1;
    left -= 1;
  }
  let excess = 0;
  sizes.forEach((s, h) => {
    const raise = minimumFor(s) - (alloc[h] as number);
    if (raise > 0) {
      alloc[h] = minimumFor(s);
      excess += raise;
    }
  });
  while (excess > 0) {
    let donor = -1;
    let furthest = -Infinity;
    sizes.forEach((s, h) => {
      const a = alloc[h] as number;
      const above = a * total - n * s;
      if (a > minimumFor(s) && above > furthest) {
        donor = h;
        furthest = above;
      }
    });
    // n ≥ the sum of minimums, so some stratum is above its minimum while excess remains.
    alloc[donor] = (alloc[donor] as number) - 1;
    excess -= 1;
  }
  return alloc;
}
