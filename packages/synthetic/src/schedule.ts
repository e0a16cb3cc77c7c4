import type { TimeEntry } from '@chronicle/dataset';
import { dateOf, pad, type ZoneOffsets } from './calendar.js';

// Books each clinician's time in one month so that no one is ever on two calls at once
// (the audit would rightly call overlapping minutes double counted). A local day is cut
// into hour blocks, 08:00-17:00 by day and 17:00-21:00 in the evening; an entry starts at
// its block's cursor plus a small gap and must end within the block, so entries never
// overlap, and a full block passes the entry to the next block, then the next day.
// Cursors live in one typed array: a large practice books hundreds of thousands of entries.

const DAY_HOURS = { first: 8, count: 9 };
const EVENING_HOURS = { first: 17, count: 4 };
const BLOCKS = DAY_HOURS.count + EVENING_HOURS.count;

export interface Booking {
  id: string;
  clinicianId: string;
  day: number;
  minutes: number;
  activity: string;
  evening: boolean;
  /** Minutes left free before the entry, so that calls do not follow each other exactly. */
  gap: number;
  /** A number in [0, 1) choosing the preferred hour within the day or evening. */
  hour: number;
  /** Write an `end` instant instead of `minutes`. */
  useEnd: boolean;
}

export class Schedule {
  /** Minutes used in each clinician's day-hour block (0-60). */
  private readonly used: Uint8Array;

  constructor(
    private readonly month: string,
    private readonly lastDay: number,
    private readonly clinicianIndex: ReadonlyMap<string, number>,
    private readonly offsets: ZoneOffsets,
  ) {
    this.used = new Uint8Array(clinicianIndex.size * 32 * BLOCKS);
  }

  /** Books on `day` or the first later day with room (wrapping to the 1st); never fails. */
  book(b: Booking): TimeEntry {
    const clinician = this.clinicianIndex.get(b.clinicianId) ?? 0;
    const minutes = Math.min(b.minutes, 60);
    for (let d = 0; d < this.lastDay; d++) {
      const day = ((b.day - 1 + d) % this.lastDay) + 1;
      for (const hours of b.evening ? [EVENING_HOURS, DAY_HOURS] : [DAY_HOURS, EVENING_HOURS]) {
        const preferred = Math.floor(b.hour * hours.count);
        for (let h = 0; h < hours.count; h++) {
          const hour = hours.first + ((preferred + h) % hours.count);
          const slot = (clinician * 32 + day) * BLOCKS + hour - DAY_HOURS.first;
          const from = (this.used[slot] ?? 0) + (d === 0 && h === 0 ? b.gap : 0);
          if (from + minutes > 60) continue;
          this.used[slot] = from + minutes;
          return this.entry(b, day, hour * 60 + from);
        }
      }
    }
    throw new Error(`no room left in ${this.month} for ${b.clinicianId}`);
  }

  private entry(b: Booking, day: number, from: number): TimeEntry {
    const date = dateOf(this.month, day);
    const offset = this.offsets.at(date);
    const entry: TimeEntry = {
      id: b.id,
      clinicianId: b.clinicianId,
      start: `${date}T${clock(from)}${offset}`,
      service: 'ccm',
      activity: b.activity,
    };
    if (b.useEnd) entry.end = `${date}T${clock(from + b.minutes)}${offset}`;
    else entry.minutes = b.minutes;
    return entry;
  }
}

function clock(minuteOfDay: number): string {
  return `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}:00`;
}
