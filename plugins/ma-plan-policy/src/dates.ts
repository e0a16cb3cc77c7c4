// Calendar arithmetic on dataset dates (YYYY-MM-DD). Dates carry no time zone, so they
// are counted as UTC days: the difference between two dates is a whole number of days
// whatever the clocks did in between.

const DAY_MS = 86_400_000;

const utc = (date: string): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));

/** Days from `from` to `to`: 0 on the same date, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/** The date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(utc(date) + days * DAY_MS).toISOString().slice(0, 10);
}
