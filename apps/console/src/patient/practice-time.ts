// Wall-clock times on the practice's calendar. Time is entered and shown as the practice
// keeps it (an entry belongs to the month its start falls in on the practice's clock, as
// the server and the rules count it), whatever time zone the browser is in; what is sent
// is an instant with the practice's offset at that moment, so that DST is handled.

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallAt(timeZone: string, ms: number): Wall {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: n('year'),
    month: n('month'),
    day: n('day'),
    hour: n('hour'),
    minute: n('minute'),
    second: n('second'),
  };
}

/** The zone's offset from UTC at an instant, in minutes (east positive). */
function offsetMinutes(timeZone: string, ms: number): number {
  const w = wallAt(timeZone, ms);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The instant a practice's wall-clock date (YYYY-MM-DD) and time (HH:MM) name, written
 * with the practice's offset: `2026-11-24T09:00:00-06:00`.
 */
export function practiceInstant(date: string, time: string, timeZone: string): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The offset at the wall time read as UTC is a first guess; read again at the instant
  // that guess gives, which is right unless the wall time falls in a DST gap.
  const offset = offsetMinutes(timeZone, wall - offsetMinutes(timeZone, wall) * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${date}T${time}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant as the practice's date and time: `2026-11-24 09:00`. */
export function practiceClock(instant: string, timeZone: string): { date: string; time: string } {
  const w = wallAt(timeZone, Date.parse(instant));
  return {
    date: `${w.year}-${pad(w.month)}-${pad(w.day)}`,
    time: `${pad(w.hour)}:${pad(w.minute)}`,
  };
}

/** The month (YYYY-MM) and the `count - 1` before it, newest first. */
export function monthsBack(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = y * 12 + (m - 1) - i;
    return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
  });
}

/** A duration in seconds as H:MM:SS, for a running timer. */
export function clockDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}
