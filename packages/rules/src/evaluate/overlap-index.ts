import type { Patient, TimeEntry } from '@chronicle/dataset';
import { compareStrings } from '../engine/compare.js';
import { entryEndMs } from './entry-interval.js';

// One clinician on two intervals at once, across every patient of the practice. Built in
// one pass over compact per-clinician arrays, kept only for the (rare) entries that
// overlap, so that each patient's views can be built, audited and dropped in turn.

export interface OverlapMark {
  /** Milliseconds of the entry that an earlier entry of the same clinician already holds. */
  overlapMs: number;
  overlapsWith: string[];
}

/** Each patient's entries as epoch milliseconds, in the order of `patient.timeEntries`. */
export interface EntryTimes {
  starts: Float64Array;
  ends: Float64Array;
}

export interface OverlapIndex {
  marks: ReadonlyMap<TimeEntry, OverlapMark>;
  /** The instants read while indexing, so that nothing parses a timestamp twice. */
  times: ReadonlyMap<Patient, EntryTimes>;
}

interface ClinicianTimes {
  starts: number[];
  ends: number[];
  entries: TimeEntry[];
  patientIds: string[];
}

const DAY = 86_400_000;

export function clinicianOverlaps(patients: readonly Patient[]): OverlapIndex {
  const byClinician = new Map<string, ClinicianTimes>();
  const patientTimes = new Map<Patient, EntryTimes>();
  for (const patient of patients) {
    const n = patient.timeEntries.length;
    const own: EntryTimes = { starts: new Float64Array(n), ends: new Float64Array(n) };
    patientTimes.set(patient, own);
    for (let i = 0; i < n; i++) {
      const entry = patient.timeEntries[i] as TimeEntry;
      let times = byClinician.get(entry.clinicianId);
      if (!times) {
        times = { starts: [], ends: [], entries: [], patientIds: [] };
        byClinician.set(entry.clinicianId, times);
      }
      const start = Date.parse(entry.start);
      const end = entryEndMs(entry, start);
      own.starts[i] = start;
      own.ends[i] = end;
      times.starts.push(start);
      times.ends.push(end);
      times.entries.push(entry);
      times.patientIds.push(patient.id);
    }
  }
  const marks = new Map<TimeEntry, OverlapMark>();
  for (const t of byClinician.values()) markClinician(t, marks);
  return { marks, times: patientTimes };
}

function markClinician(t: ClinicianTimes, marks: Map<TimeEntry, OverlapMark>): void {
  const order = t.starts.map((_, i) => i);
  // Instant order, ties broken by patient and entry id so the result never depends on input order.
  order.sort(
    (a, b) =>
      (t.starts[a] as number) - (t.starts[b] as number) ||
      (t.ends[a] as number) - (t.ends[b] as number) ||
      compareStrings(t.patientIds[a] as string, t.patientIds[b] as string) ||
      compareStrings((t.entries[a] as TimeEntry).id, (t.entries[b] as TimeEntry).id),
  );
  for (let i = 1; i < order.length; i++) {
    const later = order[i] as number;
    const start = t.starts[later] as number;
    const end = t.ends[later] as number;
    let coveredUntil = start;
    let mark: OverlapMark | undefined;
    // Walk back over earlier entries that may still be open (none lasts more than a day).
    for (let j = i - 1; j >= 0; j--) {
      const earlier = order[j] as number;
      const earlierEnd = t.ends[earlier] as number;
      if (earlierEnd <= start) {
        if (start - (t.starts[earlier] as number) > DAY) break;
        continue;
      }
      mark ??= { overlapMs: 0, overlapsWith: [] };
      const until = Math.min(earlierEnd, end);
      if (until > coveredUntil) {
        mark.overlapMs += until - coveredUntil;
        coveredUntil = until;
      }
      mark.overlapsWith.push((t.entries[earlier] as TimeEntry).id);
    }
    if (mark) marks.set(t.entries[later] as TimeEntry, mark);
  }
}
