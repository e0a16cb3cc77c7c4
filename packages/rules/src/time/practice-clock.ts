import { tzOffset } from '@date-fns/tz';

// Assigns instants to calendar days and months in the practice's time zone. An audit
// converts hundreds of thousands of instants, so offsets are memoised per UTC day (a day
// whose first and last millisecond share an offset has no transition: real zones change
// offset months apart), falling back to quarter hours on the few days that hold a
// transition (every zone's transitions fall on a quarter-hour boundary), and month bounds
// per month.

const QUARTER_HOUR = 15 * 60 * 1000;
const DAY = 86_400_000;

export interface PracticeClock {
  readonly timeZone: string;
  /** Local calendar date (YYYY-MM-DD) of an instant given in epoch milliseconds. */
  localDate(ms: number): string;
  /** Local calendar month (YYYY-MM) of an instant. */
  localMonth(ms: number): string;
  /** The local calendar day of an instant, as days since 1970-01-01. */
  localDay(ms: number): number;
  /** The date (YYYY-MM-DD) of a day numbered as `localDay` numbers them. */
  dateOfDay(day: number): string;
  /** The month (YYYY-MM) of a day numbered as `localDay` numbers them. */
  monthOfDay(day: number): string;
  /** Epoch milliseconds of local midnight at the start of a YYYY-MM month. */
  monthStart(month: string): number;
  /** Epoch milliseconds of local midnight at the start of the following month. */
  monthEnd(month: string): number;
}

// One clock per zone for the life of the process: its caches hold only what the zone's
// rules say of an instant, the same for every audit and every request, and each new clock
// paid for its zone offsets again (a quarter of a month-status request's time).
const clocks = new Map<string, PracticeClock>();

export function createPracticeClock(timeZone: string): PracticeClock {
  let clock = clocks.get(timeZone);
  if (clock === undefined) {
    clock = buildPracticeClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

function buildPracticeClock(timeZone: string): PracticeClock {
  const offsets = new Map<number, number>();
  const dayOffsets = new Map<number, number>();
  const bounds = new Map<string, number>();
  // Month bounds by YYYY-MM as well: every month's minutes ask for both.
  const starts = new Map<string, number>();
  const ends = new Map<string, number>();
  const days = new Map<number, string>();
  const monthsOfDays = new Map<number, string>();
  const localDay = (ms: number) => Math.floor((ms + offsetAt(ms) * 60_000) / DAY);

  const quarterOffset = (ms: number): number => {
    const bucket = Math.floor(ms / QUARTER_HOUR);
    let minutes = offsets.get(bucket);
    if (minutes === undefined) {
      minutes = tzOffset(timeZone, new Date(bucket * QUARTER_HOUR));
      offsets.set(bucket, minutes);
    }
    return minutes;
  };
  // The offset of a whole UTC day, or NaN when the offset changes during it.
  const dayOffset = (day: number): number => {
    let minutes = dayOffsets.get(day);
    if (minutes === undefined) {
      const first = quarterOffset(day * DAY);
      minutes = first === quarterOffset((day + 1) * DAY - 1) ? first : NaN;
      dayOffsets.set(day, minutes);
    }
    return minutes;
  };
  let lastDay = NaN;
  let lastMinutes = NaN;
  const offsetAt = (ms: number): number => {
    const day = Math.floor(ms / DAY);
    if (day !== lastDay) {
      lastDay = day;
      lastMinutes = dayOffset(day);
    }
    return Number.isNaN(lastMinutes) ? quarterOffset(ms) : lastMinutes;
  };

  // Local midnight of the first of a month: guess with the offset at UTC midnight, then
  // correct once with the offset in force at the guess (enough for every real zone).
  const startOf = (year: number, monthIndex: number): number => {
    const key = `${year}-${monthIndex}`;
    let ms = bounds.get(key);
    if (ms === undefined) {
      const utc = Date.UTC(year, monthIndex, 1);
      const guess = utc - offsetAt(utc) * 60_000;
      ms = utc - offsetAt(guess) * 60_000;
      bounds.set(key, ms);
    }
    return ms;
  };

  // Dates and months of local days, formatted once per day.
  const dateOfDay = (day: number): string => {
    let date = days.get(day);
    if (date === undefined) {
      date = new Date(day * DAY).toISOString().slice(0, 10);
      days.set(day, date);
    }
    return date;
  };
  const monthOfDay = (day: number): string => {
    let month = monthsOfDays.get(day);
    if (month === undefined) {
      month = new Date(day * DAY).toISOString().slice(0, 7);
      monthsOfDays.set(day, month);
    }
    return month;
  };

  return {
    timeZone,
    localDate: (ms) => dateOfDay(localDay(ms)),
    localMonth: (ms) => monthOfDay(localDay(ms)),
    localDay,
    dateOfDay,
    monthOfDay,
    monthStart(month) {
      let ms = starts.get(month);
      if (ms === undefined) {
        ms = startOf(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1);
        starts.set(month, ms);
      }
      return ms;
    },
    monthEnd(month) {
      let ms = ends.get(month);
      if (ms === undefined) {
        ms = startOf(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
        ends.set(month, ms);
      }
      return ms;
    },
  };
}
