import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { describe, expect, it } from 'vitest';
import { sampleSizeForAmount, sampleSizeForErrorRate } from '../../src/sampling/sample-size.js';

// The sample size for a target precision (Cochran 1977, §4.8 and §4.4, with t on n − 1
// degrees of freedom): the smallest n whose own t meets the target, and n − 1 does not.

const t = (confidence: number, n: number) => tQuantile((1 + confidence) / 2, n - 1);

describe('sampleSizeForErrorRate', () => {
  it('needs 387 months for ±5 points around 50% at 95% in a very large frame', () => {
    // With z = 1.96 the textbook answer is 385; t on 386 df (1.96613) makes it 387.
    const r = sampleSizeForErrorRate({
      frameSize: 1_000_000_000,
      expectedRate: 0.5,
      precision: 0.05,
      confidence: 0.95,
    });
    expect(r.sampleSize).toBe(387);
    expect(r.degreesOfFreedom).toBe(386);
    expect(r.n0).toBeCloseTo(100 * r.tValue ** 2, 9);
  });

  it('gives the smallest n that meets the target with its own t (90% by default)', () => {
    const N = 2000;
    const need = (n: number) => {
      const n0 = (t(0.9, n) ** 2 * 0.2 * 0.8) / 0.05 ** 2;
      return Math.ceil(n0 / (1 + (n0 - 1) / N));
    };
    const { sampleSize: n } = sampleSizeForErrorRate({
      frameSize: N,
      expectedRate: 0.2,
      precision: 0.05,
    });
    expect(n).toBe(162);
    expect(need(n)).toBeLessThanOrEqual(n);
    expect(need(n - 1)).toBeGreaterThan(n - 1);
  });

  it('names the field of a bad input', () => {
    expect(() =>
      sampleSizeForErrorRate({ frameSize: 10, expectedRate: 1, precision: 0.1 }),
    ).toThrow(/^expectedRate: /);
    expect(() =>
      sampleSizeForErrorRate({ frameSize: 0, expectedRate: 0.5, precision: 0.1 }),
    ).toThrow(/^frameSize: /);
  });
});

describe('sampleSizeForAmount', () => {
  it('gives the smallest n whose t meets a dollar half-width on the total', () => {
    const N = 1000;
    const need = (n: number) => {
      const n0 = ((t(0.9, n) * 100) / (10_000 / N)) ** 2;
      return Math.ceil(n0 / (1 + n0 / N));
    };
    const r = sampleSizeForAmount({
      frameSize: N,
      expectedSd: 100,
      precision: { dollars: 10_000 },
    });
    expect(r.sampleSize).toBe(215);
    expect(need(215)).toBeLessThanOrEqual(215);
    expect(need(214)).toBeGreaterThan(214);
  });

  it('reads a precision as a fraction of the expected total the same way', () => {
    // 20% of an expected total of 1000 × $50 is $10,000, as above.
    const r = sampleSizeForAmount({
      frameSize: 1000,
      expectedSd: 100,
      precision: { fractionOfTotal: 0.2, expectedMean: 50 },
    });
    expect(r.sampleSize).toBe(215);
  });

  it('stays within 2 and the frame size', () => {
    expect(
      sampleSizeForAmount({ frameSize: 50, expectedSd: 0, precision: { dollars: 1 } }).sampleSize,
    ).toBe(2);
    expect(
      sampleSizeForAmount({ frameSize: 50, expectedSd: 1e3, precision: { dollars: 1 } }).sampleSize,
    ).toBe(50);
    expect(
      sampleSizeForAmount({ frameSize: 1, expectedSd: 9, precision: { dollars: 1 } }).sampleSize,
    ).toBe(1);
  });

  it('names the field of a bad input', () => {
    expect(() =>
      sampleSizeForAmount({ frameSize: 10, expectedSd: -1, precision: { dollars: 1 } }),
    ).toThrow(/^expectedSd: /);
    expect(() =>
      sampleSizeForAmount({ frameSize: 10, expectedSd: 1, precision: { dollars: 0 } }),
    ).toThrow(/^precision/);
    expect(() =>
      sampleSizeForAmount({
        frameSize: 10,
        expectedSd: 1,
        precision: { dollars: 1 },
        confidence: 2,
      }),
    ).toThrow(/^confidence: /);
  });
});
