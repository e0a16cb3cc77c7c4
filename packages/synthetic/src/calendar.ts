// Calendar arithmetic on the strings the dataset carries, and the practice's UTC offset
// per local day, so that instants are written as the practice's clock shows them.

export interface MonthKey {
  /** YYYY-MM */
  key: string;
  year: number;
  lastDay: number;
  /** Position in the generated period, 0 for the first month. */
  index: number;
}

export function monthKeys(year: number, count: number): MonthKey[] {
  return Array.from({ length: count }, (_, index) => {
    const y = year + Math.floor(index / 12);
    const m = (index % 12) + 1;
    const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { key: `${y}-${pad(m)}`, year: y, lastDay, index };
  });
}

/** The YYYY-MM month `n` months after `month`. */
export function addMonths(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}`;
}

export function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function dateOf(month: string, day: number): string {
  return `${month}-${pad(day)}`;
}

/**
 * UTC offsets ("-05:00") of a time zone at local midday, memoised per date: the working
 * windows (08:00-21:30) never contain a daylight-saving change, which happens at night.
 */
export class ZoneOffsets {
  private readonly cache = new Map<string, string>();
  private readonly format: Intl.DateTimeFormat;

  constructor(timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  }

  at(date: string): string {
    let label = this.cache.get(date);
    if (label === undefined) {
      const noonUtc = Date.UTC(
        Number(date.slice(0, 4)),
        Number(date.slice(5, 7)) - 1,
        Number(date.slice(8, 10)),
        12,
      );
      // Read the offset at UTC noon, then again at the local noon that offset implies.
      const first = this.label(noonUtc);
      label = this.label(noonUtc - minutesOf(first) * 60_000);
      this.cache.set(date, label);
    }
    return label;
  }

  private label(ms: number): string {
    const part = this.format.formatToParts(ms).find((p) => p.type === 'timeZoneName');
    const text = (part?.value ?? 'GMT').slice(3);
    return text === '' ? '+00:00' : text;
  }
}

function minutesOf(label: string): number {
  const sign = label.startsWith('-') ? -1 : 1;
  return sign * (Number(label.slice(1, 3)) * 60 + Number(label.slice(4, 6)));
}
