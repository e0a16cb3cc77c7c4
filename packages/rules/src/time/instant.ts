// Epoch milliseconds of an RFC 3339 instant as the dataset schema admits it
// (YYYY-MM-DDTHH:MM:SS, optional fraction, then Z or ±HH:MM). An audit reads hundreds of
// thousands of them; reading the digits directly is about three times faster than
// Date.parse. Anything of another shape goes to Date.parse, so the result never differs.

const ZERO = 48;
const BAD = -100_000; // what a non-digit pair reads as: fails every range check below

export function parseInstant(s: string): number {
  const n = s.length;
  if (
    n < 20 ||
    s.charCodeAt(4) !== 45 /* - */ ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 /* T */ ||
    s.charCodeAt(13) !== 58 /* : */ ||
    s.charCodeAt(16) !== 58
  )
    return Date.parse(s);
  const high = num2(s, 0);
  const year = high < 0 ? BAD : high * 100 + num2(s, 2);
  const month = num2(s, 5);
  const day = num2(s, 8);
  const hour = num2(s, 11);
  const minute = num2(s, 14);
  const second = num2(s, 17);
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59
  )
    return Date.parse(s);
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46 /* . */) {
    // Date.parse keeps milliseconds and drops finer digits.
    let scale = 100;
    for (i++; i < n; i++) {
      const d = s.charCodeAt(i) - ZERO;
      if (d < 0 || d > 9) break;
      ms += d * scale;
      scale /= 10;
    }
  }
  let offset = 0;
  const zone = s.charCodeAt(i);
  if (zone === 90 /* Z */) {
    if (i + 1 !== n) return Date.parse(s);
  } else {
    if ((zone !== 43 && zone !== 45) || i + 6 !== n || s.charCodeAt(i + 3) !== 58)
      return Date.parse(s);
    const oh = num2(s, i + 1);
    const om = num2(s, i + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return Date.parse(s);
    offset = zone === 45 ? -(oh * 60 + om) : oh * 60 + om;
  }
  const days = daysFromCivil(year, month, day);
  return ((days * 1440 + hour * 60 + minute - offset) * 60 + second) * 1000 + Math.floor(ms);
}

/** Two decimal digits at i, or BAD when either is not a digit. */
function num2(s: string, i: number): number {
  const a = s.charCodeAt(i) - ZERO;
  const b = s.charCodeAt(i + 1) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : BAD;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
