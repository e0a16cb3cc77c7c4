import { parseInstant } from '../time/instant.js';
import type { Clinician, Dataset, Patient, TimeEntry } from '@chronicle/dataset';
import type { PracticeClock } from '../time/practice-clock.js';
import { entryEndMs } from './entry-interval.js';
import { laterEnd, type OverlapIndex } from './overlap-index.js';
import { sortIfNeeded } from '../engine/compare.js';

// Time entries as intervals in epoch milliseconds, with the practice-local date of their
// start. Built once per patient; the clinician index spans every patient so that one
// clinician's overlapping intervals are found across patients.

export type PerformerKind = 'practitioner' | 'clinical-staff' | 'non-clinical';

export interface EntryView {
  entry: TimeEntry;
  patientId: string;
  clinician: Clinician | undefined;
  performer: PerformerKind;
  startMs: number;
  endMs: number;
  localDate: string;
  /** The practice-local month of the start (YYYY-MM). */
  localMonth: string;
  /** The practice-local month of the entry's last millisecond (its start's when it has none). */
  lastLocalMonth: string;
  /** Month of the start in UTC: where a practice reading instants in UTC would put it. */
  utcMonth: string;
  /** Milliseconds of this entry that an earlier entry already claimed (double counting). */
  overlapMs: number;
  /** Ids of the entries it overlaps, for evidence. */
  overlapsWith: string[];
}

// Shared by the (many) entries that overlap nothing; replaced before anything is added.
const NONE: string[] = [];

export function performerKind(clinician: Clinician | undefined): PerformerKind {
  if (
    !clinician ||
    clinician.role === 'non-clinical-staff' ||
    clinician.credential === 'non-clinical'
  ) {
    return 'non-clinical';
  }
  return clinician.role === 'practitioner' ? 'practitioner' : 'clinical-staff';
}

export function viewEntries(
  patient: Patient,
  clinicians: ReadonlyMap<string, Clinician>,
  clock: PracticeClock,
  overlaps: OverlapIndex,
): EntryView[] {
  const times = overlaps.times.get(patient);
  const marks = overlaps.marks.get(patient.id);
  const entries = patient.timeEntries;
  const views: EntryView[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as TimeEntry;
    const startMs = times ? (times.starts[i] as number) : parseInstant(entry.start);
    const endMs = times ? (times.ends[i] as number) : entryEndMs(entry, startMs);
    const clinician = clinicians.get(entry.clinicianId);
    const mark = marks?.get(entry.id);
    // One local day read for the date and month of the start, one more for the last
    // millisecond (an entry that runs past midnight can end in the next month).
    const day = clock.localDay(startMs);
    const localMonth = clock.monthOfDay(day);
    const lastDay = endMs - 1 > startMs ? clock.localDay(endMs - 1) : day;
    views.push({
      entry,
      patientId: patient.id,
      clinician,
      performer: performerKind(clinician),
      startMs,
      endMs,
      localDate: clock.dateOfDay(day),
      localMonth,
      lastLocalMonth: lastDay === day ? localMonth : clock.monthOfDay(lastDay),
      utcMonth: entry.start.endsWith('Z') ? entry.start.slice(0, 7) : utcMonthOf(startMs),
      overlapMs: mark?.overlapMs ?? 0,
      overlapsWith: mark?.overlapsWith.slice() ?? NONE,
    });
  }
  // Sorting by instant (then id) makes every later computation independent of input order.
  sortIfNeeded(views, compareViews);
  // Minutes for one service overlapping another service's minutes for the same patient
  // (by another clinician; one clinician's own overlaps are in the index).
  markOtherServices(views);
  return views;
}

// Formatting a Date costs far more than the rest of a view: months are memoised per UTC day.
const DAY = 86_400_000;
const utcMonths = new Map<number, string>();
function utcMonthOf(ms: number): string {
  const day = Math.floor(ms / DAY);
  let month = utcMonths.get(day);
  if (month === undefined) {
    month = new Date(day * DAY).toISOString().slice(0, 7);
    utcMonths.set(day, month);
  }
  return month;
}

export function compareViews(a: EntryView, b: EntryView): number {
  return a.startMs - b.startMs || a.endMs - b.endMs || compareIds(a, b);
}

function compareIds(a: EntryView, b: EntryView): number {
  const x = `${a.patientId}\u0000${a.entry.id}`;
  const y = `${b.patientId}\u0000${b.entry.id}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Marks the later of two overlapping entries of a sorted list with the overlap, where the
 * two are for different services and by different clinicians.
 */
function markOtherServices(list: EntryView[]): void {
  // The latest end so far: an entry starting at or after it overlaps nothing earlier.
  let latestEnd = -Infinity;
  for (let i = 0; i < list.length; i++) {
    const later = list[i] as EntryView;
    const open = !(latestEnd <= later.startMs);
    latestEnd = laterEnd(latestEnd, later.endMs);
    if (!open) continue;
    // Walk back over earlier entries that may still be open; covered tracks the union.
    let coveredUntil = later.startMs;
    for (let j = i - 1; j >= 0; j--) {
      const earlier = list[j] as EntryView;
      if (earlier.endMs <= later.startMs) {
        if (later.startMs - earlier.startMs > 86_400_000) break;
        continue;
      }
      if (
        earlier.entry.service === later.entry.service ||
        earlier.entry.clinicianId === later.entry.clinicianId
      )
        continue;
      const until = Math.min(earlier.endMs, later.endMs);
      if (until > coveredUntil) {
        later.overlapMs += until - coveredUntil;
        coveredUntil = until;
      }
      if (later.overlapsWith === NONE) later.overlapsWith = [];
      later.overlapsWith.push(earlier.entry.id);
    }
  }
}

export function clinicianMap(dataset: Pick<Dataset, 'clinicians'>): Map<string, Clinician> {
  return new Map(dataset.clinicians.map((c) => [c.id, c]));
}
