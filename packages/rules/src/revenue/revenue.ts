import { z } from 'zod';
import { MEDICARE_SHARE, unitFee, type Setting } from '../fees/fee-schedule.js';
import { lastDay } from '../time/calendar.js';

// The revenue calculator: what a CCM program of a given size and code mix brings in a
// year at national fee-schedule amounts. Each month's claims are dated on its last day
// (the latest date CMS allows), so 2024 uses the rate in force from 9 March for March on.

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
const bundleNames = Object.keys(BUNDLES) as [Bundle, ...Bundle[]];

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
  /** Units billed in a year. */
  units: number;
  /** Average payment per unit over the year, or null when unpriced. */
  unitAmount: number | null;
  amount: number;
}

export interface RevenueResult {
  input: RevenueInput;
  enrolledPatients: number;
  billedPatientMonthsPerYear: number;
  codes: CodeRevenue[];
  monthly: Array<{ month: string; amount: number; medicare: number; patient: number }>;
  yearly: { amount: number; medicare: number; patient: number };
  /** Codes in the mix with no confirmed fee for the year: counted as 0. */
  unpriced: string[];
}

const round = (n: number) => Math.round(n * 100) / 100;

export function calculateRevenue(input: RevenueInput): RevenueResult {
  const enrolled = input.patients * input.enrollmentRate;
  const setting: Setting = input.setting;
  const months = Array.from(
    { length: 12 },
    (_, i) => `${input.year}-${String(i + 1).padStart(2, '0')}`,
  );
  const codes = new Map<string, { units: number; amount: number; priced: boolean }>();
  const monthly = months.map((month) => {
    let amount = 0;
    for (const [bundle, share] of Object.entries(input.mix) as Array<[Bundle, number]>) {
      for (const [code, units] of BUNDLES[bundle]) {
        const n = enrolled * share * units;
        const fee = unitFee(code, lastDay(month), setting);
        const entry = codes.get(code) ?? { units: 0, amount: 0, priced: true };
        entry.units += n;
        entry.amount += (fee ?? 0) * n;
        if (fee === null && n > 0) entry.priced = false;
        codes.set(code, entry);
        amount += (fee ?? 0) * n;
      }
    }
    return {
      month,
      amount: round(amount),
      medicare: round(amount * MEDICARE_SHARE),
      patient: round(amount * (1 - MEDICARE_SHARE)),
    };
  });
  const total = monthly.reduce((a, m) => a + m.amount, 0);
  const shares = Object.values(input.mix).reduce((a, b) => a + (b ?? 0), 0);
  return {
    input,
    enrolledPatients: round(enrolled),
    billedPatientMonthsPerYear: round(enrolled * shares * 12),
    codes: [...codes].map(([code, c]) => ({
      code,
      units: round(c.units),
      unitAmount: c.priced && c.units > 0 ? round(c.amount / c.units) : null,
      amount: round(c.amount),
    })),
    monthly,
    yearly: {
      amount: round(total),
      medicare: round(total * MEDICARE_SHARE),
      patient: round(total * (1 - MEDICARE_SHARE)),
    },
    unpriced: [...codes].filter(([, c]) => !c.priced).map(([code]) => code),
  };
}
