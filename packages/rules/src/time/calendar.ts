// Calendar arithmetic on YYYY-MM and YYYY-MM-DD strings, which sort lexically.

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function yearOf(dateOrMonth: string): number {
  return Number(dateOrMonth.slice(0, 4));
}

export function addMonths(month: string, n: number): string {
  const index = yearOf(month) * 12 + Number(month.slice(5, 7)) - 1 + n;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function firstDay(month: string): string {
  return `${month}-01`;
}

const lastDays = new Map<string, string>();

export function lastDay(month: string): string {
  let last = lastDays.get(month);
  if (last === undefined) {
    const days = new Date(Date.UTC(yearOf(month), Number(month.slice(5, 7)), 0)).getUTCDate();
    last = `${month}-${String(days).padStart(2, '0')}`;
    lastDays.set(month, last);
  }
  return last;
}

// Rules shift the same few hundred dates by the same few periods for every month audited.
const shifted = new Map<number, Map<string, string>>();

/** The date n months after (negative: before) a date, clamped to the month's end. */
export function shiftDate(date: string, months: number): string {
  let byDate = shifted.get(months);
  if (byDate === undefined) {
    byDate = new Map();
    shifted.set(months, byDate);
  }
  let result = byDate.get(date);
  if (result === undefined) {
    const month = addMonths(monthOf(date), months);
    const day = date.slice(8, 10);
    const last = lastDay(month);
    result = `${month}-${day}` > last ? last : `${month}-${day}`;
    byDate.set(date, result);
  }
  return result;
}
