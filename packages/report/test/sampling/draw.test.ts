import { describe, expect, it } from 'vitest';
import { drawSample } from '../../src/sampling/draw.js';
import { buildFrame, compareCodePoints, FRAME_ORDER } from '../../src/sampling/frame.js';
import { auditedMonth, billedMonths } from './fixtures.js';

// Drawing the sample: the frame and its order, repeatability, the selection's bookkeeping,
// strata, a census and the errors for bad options.

const positions = (r: ReturnType<typeof drawSample>) => r.sampling.selection.map((u) => u.position);

describe('frame', () => {
  it('holds only billed months, ordered by month, patient, then practitioner', () => {
    const months = [
      auditedMonth({ patientId: 'p-2', month: '2026-10' }),
      auditedMonth({ patientId: 'p-1', month: '2026-11' }),
      auditedMonth({ patientId: 'p-9', month: '2026-09', claimIds: [] }),
      auditedMonth({ patientId: 'p-1', month: '2026-10', billingPractitionerId: 'c-b' }),
      auditedMonth({ patientId: 'p-1', month: '2026-10', billingPractitionerId: null }),
      auditedMonth({ patientId: 'p-1', month: '2026-10', billingPractitionerId: 'c-a' }),
    ];
    expect(
      buildFrame(months).map((m) => `${m.month} ${m.patientId} ${m.billingPractitionerId}`),
    ).toEqual([
      '2026-10 p-1 null',
      '2026-10 p-1 c-a',
      '2026-10 p-1 c-b',
      '2026-10 p-2 c-md',
      '2026-11 p-1 c-md',
    ]);
  });

  it('compares by code point, not UTF-16 unit or locale', () => {
    // JavaScript's < puts U+10000 (a surrogate pair) before U+FFFF; code point order does not.
    expect('\u{10000}' < '\uFFFF').toBe(true);
    expect(compareCodePoints('\u{10000}', '\uFFFF')).toBeGreaterThan(0);
    expect(compareCodePoints('B', 'a')).toBeLessThan(0); // upper case first, unlike a locale
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0);
    expect(compareCodePoints('é', 'é')).toBe(0);
  });

  it('does not depend on the order the months come in', () => {
    const months = billedMonths(30);
    const a = drawSample(months, { size: 6, seed: '7' });
    const b = drawSample([...months].reverse(), { size: 6, seed: '7' });
    expect(b.sampling).toEqual(a.sampling);
    expect(a.sampling.frame.order).toBe(FRAME_ORDER);
  });
});

describe('simple random draw', () => {
  const frame = billedMonths(40);

  it('gives the same selection for the same frame and seed on every run', () => {
    const a = drawSample(frame, { size: 8, seed: '20261101' });
    const b = drawSample(frame, { size: 8, seed: '20261101' });
    expect(b).toEqual(a);
  });

  it('pins the positions and draw order of seed 20261101 (a change of library or platform fails here)', () => {
    const r = drawSample(frame, { size: 8, seed: '20261101' });
    expect(r.sampling.selection.map((u) => [u.position, u.drawn])).toEqual(PINNED_SRS);
  });

  it('draws different months for different seeds', () => {
    const a = positions(drawSample(frame, { size: 8, seed: '1' }));
    const b = positions(drawSample(frame, { size: 8, seed: '2' }));
    expect(b).not.toEqual(a);
  });

  it('lists the selection in frame order, drawn 1..n, with the months alongside', () => {
    const r = drawSample(frame, { size: 8, seed: '99' });
    const p = positions(r);
    expect(p).toEqual([...p].sort((x, y) => x - y));
    expect(r.sampling.selection.map((u) => u.drawn).sort((x, y) => x - y)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    expect(r.months.map((m) => m.patientId)).toEqual(r.sampling.selection.map((u) => u.patientId));
    r.sampling.selection.forEach((u) => {
      expect(frame[u.position - 1]?.patientId).toBe(u.patientId);
      expect(u.stratum).toBe('all');
    });
    expect(r.sampling).toMatchObject({
      method: 'simple-random',
      seed: '99',
      sampleSize: 8,
      frame: { size: 40, billedAmount: 2480 },
      strata: [{ id: 'all', frameSize: 40, sampleSize: 8, frameAmount: 2480 }],
    });
    expect(r.sampling.stratifiedBy).toBeUndefined();
    expect(r.sampling.generator).toMatch(
      /^pure-rand 8\.4\.2 xoroshiro128\+ .*SplitMix64.*partial Fisher-Yates/,
    );
    expect(r.census).toBe(false);
  });

  it('takes every billed month when the size reaches the frame, and says it is a census', () => {
    const months = [...billedMonths(5), auditedMonth({ patientId: 'p-x', claimIds: [] })];
    for (const size of [5, 50]) {
      const r = drawSample(months, { size, seed: '1' });
      expect(r.census).toBe(true);
      expect(positions(r)).toEqual([1, 2, 3, 4, 5]);
      expect(r.sampling.sampleSize).toBe(5);
      expect(r.sampling.generator).toMatch(/census/);
    }
  });
});

describe('stratified draw', () => {
  it('by practitioner: one stratum per id in code point order, drawn from one stream', () => {
    const months = [
      ...billedMonths(12).map((m) => ({ ...m, billingPractitionerId: 'c-np' })),
      ...billedMonths(20, '2026-11').map((m) => ({ ...m, billingPractitionerId: 'c-md' })),
      ...billedMonths(3, '2026-09').map((m) => ({ ...m, billingPractitionerId: null })),
    ];
    const r = drawSample(months, { size: 10, seed: '20261101', stratify: 'practitioner' });
    expect(r.sampling.method).toBe('stratified');
    expect(r.sampling.stratifiedBy).toBe('practitioner');
    expect(r.sampling.strata.map((s) => [s.id, s.label, s.frameSize, s.sampleSize])).toEqual([
      ['', 'No billing practitioner', 3, 2],
      ['c-md', 'Practitioner c-md', 20, 5],
      ['c-np', 'Practitioner c-np', 12, 3],
    ]);
    for (const s of r.sampling.strata) {
      const units = r.sampling.selection.filter((u) => u.stratum === s.id);
      expect(units.map((u) => u.drawn).sort((x, y) => x - y)).toEqual(
        Array.from({ length: s.sampleSize }, (_, i) => i + 1),
      );
      units.forEach((u) => expect(u.billingPractitionerId ?? '').toBe(s.id));
    }
    expect(r.sampling.selection.map((u) => [u.position, u.stratum, u.drawn])).toEqual(
      PINNED_STRATIFIED,
    );
  });

  it('by amount: three strata at the terciles, labelled by their lowest and highest amounts', () => {
    const amounts = [10, 20, 30, 40, 50, 60, 70, 80, 90];
    const months = amounts.map((billedAmount, i) =>
      auditedMonth({ patientId: `p-${i}`, billedAmount }),
    );
    const r = drawSample(months, { size: 6, seed: '3', stratify: 'amount' });
    expect(r.sampling.strata).toEqual([
      { id: 'amount-1', label: '$10.00 to $30.00', frameSize: 3, sampleSize: 2, frameAmount: 60 },
      { id: 'amount-2', label: '$40.00 to $60.00', frameSize: 3, sampleSize: 2, frameAmount: 150 },
      { id: 'amount-3', label: '$70.00 to $90.00', frameSize: 3, sampleSize: 2, frameAmount: 240 },
    ]);
  });

  it('by amount: tied amounts share a stratum, so there may be fewer than three', () => {
    const amounts = [62, 62, 62, 62, 62, 62, 62, 130.5, 130.5, 0];
    const months = amounts.map((billedAmount, i) =>
      auditedMonth({ patientId: `p-${i}`, billedAmount }),
    );
    const r = drawSample(months, { size: 5, seed: '3', stratify: 'amount' });
    expect(r.sampling.strata.map((s) => [s.id, s.label, s.frameSize])).toEqual([
      ['amount-1', '$0.00 to $62.00', 8],
      ['amount-2', '$130.50 to $130.50', 2],
    ]);
    const all62 = drawSample(billedMonths(7), { size: 3, seed: '3', stratify: 'amount' });
    expect(all62.sampling.strata.map((s) => s.label)).toEqual(['$62.00 to $62.00']);
  });
});

describe('draw options', () => {
  const frame = billedMonths(10);
  it.each([
    [0, /^size: must be at least 1/],
    [-3, /^size: must be at least 1/],
    [2.5, /^size: must be a whole number/],
    ['5', /^size: must be a whole number/],
    [Number.NaN, /^size: must be a whole number/],
  ])('refuses size %j, naming size', (size, message) => {
    expect(() => drawSample(frame, { size: size as number, seed: '1' })).toThrow(message);
  });

  it('refuses a bad seed and an unknown stratification, naming the field', () => {
    expect(() => drawSample(frame, { size: 2, seed: 'abc' })).toThrow(/^seed: /);
    expect(() => drawSample(frame, { size: 2, seed: '1', stratify: 'zip' as 'amount' })).toThrow(
      /^stratify: must be one of practitioner, amount/,
    );
  });

  it('refuses a frame with no billed month', () => {
    const unbilled = [auditedMonth({ patientId: 'p-1', claimIds: [] })];
    expect(() => drawSample(unbilled, { size: 2, seed: '1' })).toThrow(
      /^report: there are no billed months/,
    );
  });

  it('refuses a stratified size too small for two months per stratum, naming size', () => {
    const months = [
      ...billedMonths(5).map((m) => ({ ...m, billingPractitionerId: 'a' })),
      ...billedMonths(5).map((m) => ({ ...m, billingPractitionerId: 'b' })),
    ];
    expect(() => drawSample(months, { size: 3, seed: '1', stratify: 'practitioner' })).toThrow(
      /^size: /,
    );
  });
});

// Computed once with this code; the generator itself is checked against a reference
// implementation in random.test.ts. [position, drawn] and [position, stratum, drawn].
const PINNED_SRS = [
  [9, 7],
  [11, 5],
  [23, 2],
  [27, 3],
  [28, 4],
  [30, 6],
  [38, 8],
  [40, 1],
];
const PINNED_STRATIFIED = [
  [1, '', 2],
  [3, '', 1],
  [9, 'c-np', 3],
  [12, 'c-np', 2],
  [13, 'c-np', 1],
  [20, 'c-md', 4],
  [22, 'c-md', 5],
  [24, 'c-md', 3],
  [26, 'c-md', 1],
  [28, 'c-md', 2],
];
