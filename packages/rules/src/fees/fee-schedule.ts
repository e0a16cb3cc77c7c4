// National Medicare PFS payment amounts (before the geographic adjustment) for the CCM
// family, PCM, G0506 and APCM, service years 2024-2026. Figures and their sources are
// those of spec section 9.2; a null amount is one no source in hand confirms, and a
// report counts such lines as unpriced rather than guessing. 2024 has two periods
// because the conversion factor changed on 9 March 2024.
import { compareStrings } from '../engine/compare.js';

export type Setting = 'non-facility' | 'facility';

export interface FeeEntry {
  code: string;
  year: number;
  /** First date (inclusive) the amounts apply from, within the year. */
  from: string;
  nonFacility: number | null;
  facility: number | null;
  source: string;
  note?: string;
}

export const FEE_SCHEDULE_NAME = 'Medicare PFS national amounts 2024-2026 (Chronicle table 1)';

const e = (
  code: string,
  year: number,
  nonFacility: number | null,
  facility: number | null,
  source: string,
  from = `${year}-01-01`,
  note?: string,
): FeeEntry => ({ code, year, from, nonFacility, facility, source, ...(note ? { note } : {}) });

const CH24 = 'https://care-harmony.com/2024-pfs-conversion-factor-update/';
const HUM25 =
  'https://www.finanznachrichten.de/nachrichten-2025-03/64896820-humworld-inc-medicare-ccm-and-rpm-reimbursement-2025-200.htm';

export const FEES: readonly FeeEntry[] = [
  e('99490', 2024, 61.56, null, CH24),
  e('99490', 2024, 62.58, null, CH24, '2024-03-09'),
  e('99490', 2025, 60.49, null, HUM25),
  e('99490', 2026, 66.13, 43.76, 'https://payerready.com/codes/cpt/99490'),
  e('99439', 2024, 47.15, null, CH24),
  e('99439', 2024, 47.93, null, CH24, '2024-03-09'),
  e('99439', 2025, 45.93, null, HUM25),
  e(
    '99439',
    2026,
    50.44,
    null,
    'https://www.avantirmg.com/blog/ccm-vs-pcm-which-program-2026.php',
    '2026-01-01',
    'vendor figure, about 1.51 RVU x CF',
  ),
  e('99487', 2024, 131.96, null, CH24),
  e('99487', 2024, 134.15, null, CH24, '2024-03-09'),
  e('99487', 2025, 131.65, null, HUM25),
  e(
    '99487',
    2026,
    144.29,
    null,
    'https://immedicaresolutions.com/wiki/99489',
    '2026-01-01',
    'vendor figure',
  ),
  e('99489', 2024, 71.05, null, CH24),
  e('99489', 2024, 72.23, null, CH24, '2024-03-09'),
  e('99489', 2025, 70.52, 47.23, 'https://medpayiq.com/cpt/99489'),
  e('99489', 2026, 78.16, 43.76, 'https://cptcodecalculator.com/cpt-codes/99489'),
  e('99491', 2024, null, null, 'unconfirmed'),
  e('99491', 2025, 82.16, null, 'https://medpayiq.com/cpt/99491'),
  e('99491', 2026, null, null, 'unconfirmed'),
  e('99437', 2024, null, null, 'unconfirmed'),
  e('99437', 2025, 57.58, null, 'https://medpayiq.com/cpt/99437'),
  e('99437', 2026, null, null, 'unconfirmed'),
  e('G0506', 2024, null, null, 'unconfirmed'),
  e('G0506', 2025, null, null, 'unconfirmed'),
  e('G0506', 2026, null, null, 'unconfirmed'),
  e(
    '99424',
    2026,
    87.84,
    null,
    'https://ccnhealth.com/articles/billing/cpt/99424',
    '2026-01-01',
    'vendor figure: 2.63 RVU x 33.4009',
  ),
  e(
    '99427',
    2026,
    47.44,
    null,
    'https://www.avantirmg.com/blog/ccm-vs-pcm-which-program-2026.php',
    '2026-01-01',
    'vendor figure',
  ),
  e(
    'G0556',
    2025,
    15,
    null,
    'https://help.oncare360.com/article/79-advanced-primary-care-management',
    '2025-01-01',
    'vendor estimate',
  ),
  e(
    'G0557',
    2025,
    50,
    null,
    'https://help.oncare360.com/article/79-advanced-primary-care-management',
    '2025-01-01',
    'vendor estimate',
  ),
  e(
    'G0558',
    2025,
    110,
    null,
    'https://help.oncare360.com/article/79-advanced-primary-care-management',
    '2025-01-01',
    'vendor estimate',
  ),
];

const byCode = new Map<string, FeeEntry[]>();
for (const fee of FEES) {
  const list = byCode.get(fee.code) ?? [];
  list.push(fee);
  byCode.set(fee.code, list);
}
for (const list of byCode.values()) list.sort((a, b) => compareStrings(a.from, b.from));

/** The fee entry in force on a date of service, or undefined outside 2024-2026 or for an unknown code. */
export function feeEntry(code: string, dateOfService: string): FeeEntry | undefined {
  const list = byCode.get(code);
  if (!list) return undefined;
  const year = Number(dateOfService.slice(0, 4));
  let found: FeeEntry | undefined;
  for (const fee of list) if (fee.year === year && fee.from <= dateOfService) found = fee;
  return found;
}

/** Payment for one unit, or null when the table has no confirmed amount. */
export function unitFee(code: string, dateOfService: string, setting: Setting): number | null {
  const fee = feeEntry(code, dateOfService);
  if (!fee) return null;
  return setting === 'facility' ? fee.facility : fee.nonFacility;
}

// Place-of-service codes billed at the facility rate (hospital, SNF and similar settings).
const FACILITY_POS = new Set([
  '19',
  '21',
  '22',
  '23',
  '24',
  '26',
  '31',
  '34',
  '41',
  '42',
  '51',
  '52',
  '53',
  '56',
  '61',
]);

export function settingFor(placeOfService: string | undefined, practiceSetting: string): Setting {
  if (placeOfService !== undefined)
    return FACILITY_POS.has(placeOfService) ? 'facility' : 'non-facility';
  return practiceSetting === 'hospital-outpatient' ? 'facility' : 'non-facility';
}

/** Medicare pays 80% of the allowed amount; the patient owes the 20% coinsurance. */
export const MEDICARE_SHARE = 0.8;
