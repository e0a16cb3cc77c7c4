import { z } from 'zod';
import { MEDICARE_SHARE, unitFee, type Setting } from '../fees/fee-schedule.js';
import { lastDay } from '../time/calendar.js';

// The revenue calculator: what a CCM program of a given size and code mix brings in a
// year at national fee-schedule amounts (before the geographic adjustment).
//
// Conventions, each a choice the caller should know about:
// - Each month's claims are dated on the month's last day, the latest date of service CMS
//   allows, so 2024 uses the rate in force from 9 March (the CF change) for March onwards.
// - 2026 uses the non-qualifying-APM conversion factor, the one the fee table holds.
// - Units are expected values (patients x enrollment x share), so they may be fractional.
// - Medicare pays 80% and the patient owes 20% coinsurance once the Part B deductible is
//   met; the deductible moves money between Medicare and the patient but does not change
//   what the practice is paid, so it is not modelled.
// - A code with no confirmed amount is priced at 0, and named in `unpriced` (and given a
//   null unit amount) so that a total which leaves it out never looks complete.

export const BUNDLES = {
  '99490': [['99490', 1]],
  '99490+99439': [
    ['99490', 1],
    ['99439', 1],
  ],
  '99490+99439x2': [
    ['99490', 1],
    ['99439', 2],
  ],
  '99487': [['99487', 1]],
  '99487+99489': [
    ['99487', 1],
    ['99489', 1],
  ],
  '99491': [['99491', 1]],
  '99491+99437': [
    ['99491', 1],
    ['99437', 1],
  ],
} as const satisfies Record<string, ReadonlyArray<readonly [string, number]>>;

export type Bundle = keyof typeof BUNDLES;
// Spelled out because Object.keys would put integer-like keys ("99487") before the rest.
const bundleNames = [
  '99490',
  '99490+99439',
  '99490+99439x2',
  '99487',
  '99487+99489',
  '99491',
  '99491+99437',
] as const satisfies readonly Bundle[];

export const revenueInputSchema = z
  .strictObject({
    year: z.number().int().min(2024).max(2026),
    patients: z.number().int().min(0),
    enrollmentRate: z.number().min(0).max(1),
    mix: z.partialRecord(z.enum(bundleNames), z.number().min(0).max(1)),
    setting: z.enum(['non-facility', 'facility']),
  })
  .refine((i) => Object.values(i.mix).reduce((a, b) => a + (b ?? 0), 0) <= 1 + 1e-9, {
    message: 'the shares of the code mix add up to more than 1',
    path: ['mix'],
  });

export type RevenueInput = z.infer<typeof revenueInputSchema>;

export const DEFAULT_MIX: RevenueInput['mix'] = {
  '99490': 0.55,
  '99490+99439': 0.2,
  '99490+99439x2': 0.1,
  '99487': 0.05,
  '99491': 0.05,
};

export interface CodeRevenue {
  code: string;
  /** Units billed in the period (a month, or the year). */
  units: number;
  /** Payment per unit (the average over the year for a yearly line), or null when unpriced. */
  unitAmount: number | null;
  /** Units x unit amount; 0 for an unpriced code. */
  amount: number;
}

export interface Split {
  amount: number;
  /** Medicare's 80%. */
  medicare: number;
  /** The patient's 20% coinsurance. */
  patient: number;
}

export interface MonthRevenue extends Split {
  month: string;
  /** The date of service the month's amounts are priced at (its last day). */
  dateOfService: string;
  codes: CodeRevenue[];
}

export interface RevenueResult {
  input: RevenueInput;
  enrolledPatients: number;
  billedPatientMonthsPerYear: number;
  /** Yearly units and amounts per code. */
  codes: CodeRevenue[];
  monthly: MonthRevenue[];
  yearly: Split;
  /** Codes in the mix with no confirmed fee in some month of the year: counted as 0. */
  unpriced: string[];
}

const round = (n: number) => Math.round(n * 100) / 100;
/** The patient's part is what is left of the rounded amount, so the two parts add up. */
function split(amount: number): Split {
  const total = round(amount);
  const medicare = round(total * MEDICARE_SHARE);
  return { amount: total, medicare, patient: round(total - medicare) };
}

/**
 * Units of each code per month: the same every month, since the mix has no seasons.
 * Walks the bundles in ladder order rather than the mix's keys, so codes come out in the
 * same order however the mix was written.
 */
function unitsPerMonth(input: RevenueInput): Map<string, number> {
  const enrolled = input.patients * input.enrollmentRate;
  const units = new Map<string, number>();
  for (const bundle of bundleNames) {
    const share = input.mix[bundle];
    if (share === undefined) continue;
    for (const [code, n] of BUNDLES[bundle]) {
      units.set(code, (units.get(code) ?? 0) + enrolled * share * n);
    }
  }
  return units;
}

function priceMonth(month: string, units: Map<string, number>, setting: Setting): MonthRevenue {
  const dateOfService = lastDay(month);
  const codes = [...units].map(([code, n]): CodeRevenue => {
    const fee = unitFee(code, dateOfService, setting);
    return { code, units: round(n), unitAmount: fee, amount: round((fee ?? 0) * n) };
  });
  // The month's total is taken from unrounded figures so rounding errors do not add up.
  const total = [...units].reduce(
    (a, [code, n]) => a + (unitFee(code, dateOfService, setting) ?? 0) * n,
    0,
  );
  return { month, dateOfService, ...split(total), codes };
}

export function calculateRevenue(input: RevenueInput): RevenueResult {
  const units = unitsPerMonth(input);
  const monthly = Array.from({ length: 12 }, (_, i) =>
    priceMonth(`${input.year}-${String(i + 1).padStart(2, '0')}`, units, input.setting),
  );
  const unpriced = [...units.keys()].filter((code) =>
    monthly.some((m) => m.codes.some((c) => c.code === code && c.unitAmount === null)),
  );
  const codes = [...units].map(([code, n]): CodeRevenue => {
    const amount = monthly.reduce(
      (a, m) => a + (m.codes.find((c) => c.code === code)?.unitAmount ?? 0) * n,
      0,
    );
    const yearUnits = n * 12;
    return {
      code,
      units: round(yearUnits),
      unitAmount: unpriced.includes(code) || yearUnits === 0 ? null : round(amount / yearUnits),
      amount: round(amount),
    };
  });
  const enrolled = input.patients * input.enrollmentRate;
  const shares = Object.values(input.mix).reduce((a, b) => a + (b ?? 0), 0);
  return {
    input,
    enrolledPatients: round(enrolled),
    billedPatientMonthsPerYear: round(enrolled * shares * 12),
    codes,
    monthly,
    // The year is the sum of the months as shown, so the two never disagree by a cent.
    yearly: split(monthly.reduce((a, m) => a + m.amount, 0)),
    unpriced,
  };
}
