import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/sampling/allocation.js';

// How a stratified sample is shared among strata: proportional, rounded by largest
// remainder, at least 2 where a stratum has 2 or more months, never above a stratum.

describe('allocate', () => {
  it('shares in proportion to stratum size, the leftover to the largest remainder', () => {
    expect(allocate(10, [50, 30, 20])).toEqual([5, 3, 2]);
    // quotas 4.5, 3.3, 2.2: floors 9, the tenth unit to the .5 remainder
    expect(allocate(10, [45, 33, 22])).toEqual([5, 3, 2]);
  });

  it('breaks equal remainders in favour of the earlier stratum', () => {
    // quotas 2.625, 2.625, 1.75 → floors 5; the two left go to stratum 2 (remainder .75)
    // and then to stratum 0, which ties with stratum 1 at .625
    expect(allocate(7, [3, 3, 2])).toEqual([3, 2, 2]);
    expect(allocate(5, [10, 10])).toEqual([3, 2]);
  });

  it('raises small strata to 2 (or their size) and takes the units back from the largest', () => {
    // quotas 9.7, 0.2, 0.1 → 10, 0, 0; raised to 10, 2, 1; 3 units back from stratum 0
    expect(allocate(10, [97, 2, 1])).toEqual([7, 2, 1]);
  });

  it('sums to n, keeps the minimum and the stratum sizes, over many frames', () => {
    const frames = [
      [1, 1, 1],
      [2, 3, 50],
      [5, 5, 5, 5],
      [100, 1, 7, 2, 40],
      [13, 8, 21, 34],
    ];
    for (const sizes of frames) {
      const total = sizes.reduce((a, b) => a + b, 0);
      const minimum = sizes.reduce((a, s) => a + Math.min(2, s), 0);
      for (let n = minimum; n < total; n++) {
        const alloc = allocate(n, sizes);
        expect(alloc.reduce((a, b) => a + b, 0)).toBe(n);
        alloc.forEach((a, h) => {
          const size = sizes[h] as number;
          expect(a).toBeGreaterThanOrEqual(Math.min(2, size));
          expect(a).toBeLessThanOrEqual(size);
        });
      }
    }
  });

  it('takes every month of every stratum when n reaches the frame (a census)', () => {
    expect(allocate(12, [5, 4, 3])).toEqual([5, 4, 3]);
    expect(allocate(99, [5, 4, 3])).toEqual([5, 4, 3]);
  });

  it('refuses a size below the strata minimum, naming size', () => {
    expect(() => allocate(3, [10, 10])).toThrow(/^size: .*needs at least 4 months/);
  });
});
