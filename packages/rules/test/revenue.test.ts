import { describe, expect, it } from 'vitest';
import { BUNDLES, calculateRevenue, revenueInputSchema } from '../src/index.js';

const input = (over: object) =>
  revenueInputSchema.parse({
    year: 2025,
    patients: 100,
    enrollmentRate: 0.5,
    mix: { '99490': 1 },
    setting: 'non-facility',
    ...over,
  });

describe('calculateRevenue', () => {
  it('multiplies enrolled patient-months by the national amount and splits 80/20', () => {
    const r = calculateRevenue(input({}));
    expect(r.enrolledPatients).toBe(50);
    expect(r.billedPatientMonthsPerYear).toBe(600);
    expect(r.yearly).toEqual({ amount: 36294, medicare: 29035.2, patient: 7258.8 });
    expect(r.monthly[0]).toMatchObject({
      month: '2025-01',
      amount: 3024.5,
      medicare: 2419.6,
      patient: 604.9,
    });
  });

  it('uses the 2024 rate in force on each month-end date of service (the CF changed on 9 March)', () => {
    const r = calculateRevenue(input({ year: 2024, patients: 10, enrollmentRate: 1 }));
    expect(r.monthly[1]?.amount).toBe(615.6); // February: 10 x 61.56
    expect(r.monthly[2]?.amount).toBe(625.8); // March 31: 10 x 62.58
    expect(r.yearly.amount).toBe(615.6 * 2 + 625.8 * 10);
  });

  it('prices each code in each month at the rate of its month-end date (2024, by hand)', () => {
    // 20 eligible x 0.5 = 10 enrolled; 60% billed 99490 + 99439, 40% billed 99487.
    const r = calculateRevenue(
      input({ year: 2024, patients: 20, mix: { '99490+99439': 0.6, '99487': 0.4 } }),
    );
    expect(r.monthly[1]).toEqual({
      month: '2024-02',
      dateOfService: '2024-02-29',
      amount: 1180.1, // 369.36 + 282.90 + 527.84
      medicare: 944.08,
      patient: 236.02,
      codes: [
        { code: '99490', units: 6, unitAmount: 61.56, amount: 369.36 },
        { code: '99439', units: 6, unitAmount: 47.15, amount: 282.9 },
        { code: '99487', units: 4, unitAmount: 131.96, amount: 527.84 },
      ],
    });
    expect(r.monthly[2]).toMatchObject({
      dateOfService: '2024-03-31',
      amount: 1199.66, // 375.48 + 287.58 + 536.60
      medicare: 959.73,
      patient: 239.93,
    });
    // Two months at the January rates, ten at the March 9 rates.
    expect(r.yearly).toEqual({ amount: 14356.8, medicare: 11485.44, patient: 2871.36 });
    expect(r.codes).toEqual([
      { code: '99490', units: 72, unitAmount: 62.41, amount: 4493.52 },
      { code: '99439', units: 72, unitAmount: 47.8, amount: 3441.6 },
      { code: '99487', units: 48, unitAmount: 133.79, amount: 6421.68 },
    ]);
    expect(r.unpriced).toEqual([]);
  });

  it('adds add-on units of a level (99490 + 99439 x2)', () => {
    const r = calculateRevenue(
      input({ mix: { '99490+99439x2': 1 }, patients: 1, enrollmentRate: 1 }),
    );
    expect(r.codes).toEqual([
      { code: '99490', units: 12, unitAmount: 60.49, amount: 725.88 },
      { code: '99439', units: 24, unitAmount: 45.93, amount: 1102.32 },
    ]);
  });

  it('names codes without a confirmed fee and counts them as zero', () => {
    const r = calculateRevenue(input({ year: 2024, mix: { '99491': 0.5, '99490': 0.5 } }));
    expect(r.unpriced).toEqual(['99491']);
    expect(r.codes.find((c) => c.code === '99491')?.unitAmount).toBeNull();
    expect(r.monthly[0]?.codes.find((c) => c.code === '99491')).toEqual({
      code: '99491',
      units: 25,
      unitAmount: null,
      amount: 0,
    });
    // The total holds only the priced 99490 months: 25 x 61.56 x 2 + 25 x 62.58 x 10.
    expect(r.yearly.amount).toBe(18723);
  });

  it('splits every month and the year 80/20 so that the two parts add up to the cent', () => {
    const r = calculateRevenue(input({ year: 2024, patients: 7, enrollmentRate: 0.37 }));
    for (const part of [...r.monthly, r.yearly])
      expect(Math.round((part.medicare + part.patient) * 100)).toBe(Math.round(part.amount * 100));
  });

  it('accepts every level of BUNDLES in the mix (the ladder-order list is kept by hand)', () => {
    for (const level of Object.keys(BUNDLES))
      expect(input({ mix: { [level]: 0.1 } }).mix).toEqual({ [level]: 0.1 });
  });

  it('rejects a mix over 100% and an unknown level', () => {
    expect(
      revenueInputSchema.safeParse({
        year: 2025,
        patients: 1,
        enrollmentRate: 1,
        mix: { '99490': 0.7, '99487': 0.4 },
        setting: 'facility',
      }).success,
    ).toBe(false);
    expect(
      revenueInputSchema.safeParse({
        year: 2025,
        patients: 1,
        enrollmentRate: 1,
        mix: { '99999': 0.5 },
        setting: 'facility',
      }).success,
    ).toBe(false);
  });
});
