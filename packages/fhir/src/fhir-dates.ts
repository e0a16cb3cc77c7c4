import { practiceDateAt } from '@chronicle/rules';

// FHIR dates and dateTimes as the dataset holds them. A dateTime with a time names an
// instant: its calendar date is the date in the practice's time zone, the same rule the
// audit applies to time entries (an EHR in UTC would otherwise move a late-evening visit
// to the next day). A partial date (a year, or a year and month) stands for its first day.

export function practiceDate(value: string, timeZone: string): string | undefined {
  if (value.length === 4) return `${value}-01-01`;
  if (value.length === 7) return realDate(`${value}-01`);
  if (value.length === 10) return realDate(value);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : practiceDateAt(timeZone, ms);
}

/** A dateTime that names an instant (a time and an offset), as written; else undefined. */
export function instantOf(value: string | undefined): string | undefined {
  if (value === undefined || value.length <= 10) return undefined;
  return Number.isNaN(Date.parse(value)) ? undefined : withSeconds(value);
}

// FHIR allows hh:mm without seconds in practice data; the dataset's instants need them.
function withSeconds(value: string): string {
  return /T\d{2}:\d{2}(Z|[+-])/.test(value) ? value.replace(/(T\d{2}:\d{2})/, '$1:00') : value;
}

function realDate(value: string): string | undefined {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : undefined;
}

/** Minutes from `start` to `end`, to the second, like the dataset's `end − start`. */
export function minutesBetween(start: string, end: string): number {
  return (Date.parse(end) - Date.parse(start)) / 60_000;
}

/** `start` plus `minutes`, written with the offset `start` was written with. */
export function addMinutes(start: string, minutes: number): string {
  const offset = /([+-]\d{2}:\d{2}|Z)$/.exec(start)?.[1] ?? 'Z';
  const offsetMinutes =
    offset === 'Z'
      ? 0
      : (offset.startsWith('-') ? -1 : 1) *
        (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const ms = Date.parse(start) + Math.round(minutes * 60_000) + offsetMinutes * 60_000;
  const local = new Date(ms).toISOString();
  // Keep milliseconds only when the sum has them, so whole minutes read as written.
  const body = local.endsWith('.000Z') ? local.slice(0, 19) : local.slice(0, 23);
  return `${body}${offset}`;
}
