import type { TimeEntry } from '@chronicle/dataset';

// Books each clinician's time so that no one is ever on two calls at once: entries are laid
// end to end in a working window (14:00-23:30 UTC, a working day in the Americas), and a
// full day spills to the next one in the month.

const DAY_START = 14 * 60;
const DAY_END = 23 * 60 + 30;

export class Schedule {
  private readonly next = new Map<string, number>();

  constructor(
    private readonly month: string,
    private readonly lastDay: number,
  ) {}

  /** Books `minutes` for a clinician on `day` (or the next day with room) and returns the entry. */
  book(
    id: string,
    clinicianId: string,
    day: number,
    minutes: number,
    activity: string,
    useEnd: boolean,
  ): TimeEntry {
    for (let d = day; ; d = d >= this.lastDay ? 1 : d + 1) {
      const key = `${clinicianId}|${d}`;
      const from = this.next.get(key) ?? DAY_START;
      if (from + minutes > DAY_END) continue;
      this.next.set(key, from + minutes + 1);
      const date = `${this.month}-${String(d).padStart(2, '0')}`;
      const start = `${date}T${clock(from)}:00Z`;
      const entry: TimeEntry = { id, clinicianId, start, service: 'ccm', activity };
      if (useEnd) entry.end = `${date}T${clock(from + minutes)}:00Z`;
      else entry.minutes = minutes;
      return entry;
    }
  }
}

function clock(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}
