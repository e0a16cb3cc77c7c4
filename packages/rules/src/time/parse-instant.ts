// Epoch milliseconds of an ISO 8601 instant. The dataset's instants (already validated)
// nearly all have the form YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM); those are read
// with arithmetic, several times faster than Date.parse, which an audit of a large
// practice calls a million times. Anything else goes to Date.parse.

const SHAPE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|([+-])(\d{2}):(\d{2}))$/;

export function parseInstant(text: string): number {
  const m = SHAPE.exec(text);
  if (!m) return Date.parse(text);
  const days = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  let ms = ((days * 24 + Number(m[4])) * 60 + Number(m[5])) * 60_000 + Number(m[6] ?? 0) * 1000;
  if (m[7] !== undefined) ms += Number(m[7].padEnd(3, '0'));
  if (m[8] !== 'Z') {
    const offset = (Number(m[10]) * 60 + Number(m[11])) * 60_000;
    ms += m[9] === '+' ? -offset : offset;
  }
  return ms;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
