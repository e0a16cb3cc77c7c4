import { z } from 'zod';

// Calendar values are kept as the strings the document carries; the rules core
// compares them lexically (YYYY-MM-DD sorts correctly) and converts instants itself.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A date of the proleptic Gregorian calendar, in years 100 to 9999 (earlier years never
 * passed: Date.UTC reads them as 19xx). Checked with arithmetic: it runs for every date of
 * every record read back from the database, where building a Date each time showed.
 */
function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const y = Number(value.slice(0, 4));
  const mo = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  if (y < 100 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 && leap ? 29 : (DAYS_IN_MONTH[mo - 1] as number));
}

export const isoDate = z
  .string()
  .refine(isRealDate, { message: 'must be a calendar date YYYY-MM-DD' })
  .meta({ format: 'date', description: 'Calendar date YYYY-MM-DD' });

export const isoMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .meta({ description: 'Calendar month YYYY-MM' });

export const instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 instant with an offset or Z' })
  .meta({ description: 'ISO 8601 instant with an offset or Z' });

export const id = z.string().min(1, 'must not be empty');

// Zones already found valid: building an Intl.DateTimeFormat to ask costs far more than the
// rest of a practice's check. A few hundred zones exist, so the set stays small; a name
// found invalid is not kept (hostile input could otherwise fill memory with long ones).
const validZones = new Set<string>();

function isIanaZone(zone: string): boolean {
  if (validZones.has(zone)) return true;
  // The longest IANA names are about 30 characters.
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  if (validZones.size < 1000) validZones.add(zone);
  return true;
}

export const timeZone = z
  .string()
  .refine(isIanaZone, { message: 'must be an IANA time zone name such as America/Chicago' })
  .meta({ description: 'IANA time zone name' });

/** NPI: 10 digits whose last is the Luhn check digit over the prefix 80840 + first nine. */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi}`.split('').map(Number);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits[digits.length - 1 - i] as number;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export const npi = z
  .string()
  .refine(isValidNpi, { message: 'must be 10 digits with a valid check digit' });

// CMS MBI format: 11 characters; positions 1 numeric 1-9, 2 alpha, 3 alphanumeric,
// 4 numeric, 5 alpha, 6 alphanumeric, 7 numeric, 8-9 alpha, 10-11 numeric. Letters
// exclude S, L, O, I, B and Z.
const A = '[AC-HJKMNP-RT-Y]';
const AN = '[AC-HJKMNP-RT-Y0-9]';
export const MBI_PATTERN = new RegExp(`^[1-9]${A}${AN}[0-9]${A}${AN}[0-9]${A}${A}[0-9][0-9]$`);

export const mbi = z
  .string()
  .regex(MBI_PATTERN, 'must be an 11-character Medicare Beneficiary Identifier');
