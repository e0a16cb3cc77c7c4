import { describe, expect, it } from 'vitest';
import { calculateRevenue, revenueInputSchema } from '../src/index.js';

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
    expect(r.monthly[0]).toEqual({
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
