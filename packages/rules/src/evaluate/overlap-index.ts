import { parseInstant } from '../time/instant.js';
import type { Patient, TimeEntry } from '@chronicle/dataset';
import { compareStrings } from '../engine/compare.js';
import { entryEndMs } from './entry-interval.js';

// One clinician on two intervals at once, across every patient of the practice. Marks are
// kept only for the (rare) entries that overlap, so that each patient's views can be
// built, audited and dropped in turn. They are keyed by patient and entry id (unique
// within a patient), not by entry object, so that an index built from a stream of stored
// entries (overlap-stream.ts) serves patients read later, as other objects.

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
  /** By patient id, then entry id; patients with no overlapping entry are absent. */
  marks: ReadonlyMap<string, ReadonlyMap<string, OverlapMark>>;
  /**
   * The instants read while indexing, so that nothing parses a timestamp twice; empty
   * when the index was built from a stream (the patients were not in memory).
   */
  times: ReadonlyMap<Patient, EntryTimes>;
}

/** No entry lasts longer than this: the walks below stop looking back past it. */
export const OVERLAP_LOOKBACK_MS = 86_400_000;

export function addMark(
  marks: Map<string, Map<string, OverlapMark>>,
  patientId: string,
  entryId: string,
  mark: OverlapMark,
): void {
  let ofPatient = marks.get(patientId);
  if (!ofPatient) marks.set(patientId, (ofPatient = new Map()));
  ofPatient.set(entryId, mark);
}

/**
 * Every entry of every patient goes into flat typed arrays (one parse of each instant),
 * grouped by clinician with a counting sort, then each clinician's entries are put in
 * instant order and walked once.
 */
export function clinicianOverlaps(patients: readonly Patient[]): OverlapIndex {
  let total = 0;
  for (const patient of patients) total += patient.timeEntries.length;
  const starts = new Float64Array(total);
  const ends = new Float64Array(total);
  const clinicianOf = new Int32Array(total);
  const patientOf = new Int32Array(total);
  const entries = new Array<TimeEntry>(total);
  const clinicianIndex = new Map<string, number>();
  const times = new Map<Patient, EntryTimes>();
  let k = 0;
  for (let p = 0; p < patients.length; p++) {
    const patient = patients[p] as Patient;
    const first = k;
    for (const entry of patient.timeEntries) {
      let c = clinicianIndex.get(entry.clinicianId);
      if (c === undefined) {
        c = clinicianIndex.size;
        clinicianIndex.set(entry.clinicianId, c);
      }
      const start = parseInstant(entry.start);
      starts[k] = start;
      ends[k] = entryEndMs(entry, start);
      clinicianOf[k] = c;
      patientOf[k] = p;
      entries[k] = entry;
      k++;
    }
    times.set(patient, { starts: starts.subarray(first, k), ends: ends.subarray(first, k) });
  }

  // Counting sort by clinician: each clinician's entries in one run of `order`.
  const clinicians = clinicianIndex.size;
  const runStart = new Int32Array(clinicians + 1);
  for (let i = 0; i < total; i++) {
    const c = clinicianOf[i] as number;
    runStart[c + 1] = (runStart[c + 1] as number) + 1;
  }
  for (let c = 0; c < clinicians; c++)
    runStart[c + 1] = (runStart[c + 1] as number) + (runStart[c] as number);
  const fill = runStart.slice(0, clinicians);
  const order = new Array<number>(total);
  for (let i = 0; i < total; i++) {
    const c = clinicianOf[i] as number;
    const at = fill[c] as number;
    order[at] = i;
    fill[c] = at + 1;
  }

  // Instant order, ties broken by patient and entry id so the result never depends on input order.
  const byInstant = (a: number, b: number) =>
    (starts[a] as number) - (starts[b] as number) ||
    (ends[a] as number) - (ends[b] as number) ||
    compareStrings(
      (patients[patientOf[a] as number] as Patient).id,
      (patients[patientOf[b] as number] as Patient).id,
    ) ||
    compareStrings((entries[a] as TimeEntry).id, (entries[b] as TimeEntry).id);

  const marks = new Map<string, Map<string, OverlapMark>>();
  for (let c = 0; c < clinicians; c++) {
    const run = sortByInstant(order.slice(runStart[c], runStart[c + 1]), starts, byInstant);
    // The latest end so far: an entry that starts at or after it overlaps nothing earlier,
    // which spares the walk back for almost every entry.
    let latestEnd = -Infinity;
    for (let i = 0; i < run.length; i++) {
      const later = run[i] as number;
      const start = starts[later] as number;
      const end = ends[later] as number;
      const open = !(latestEnd <= start); // NaN (never in a parsed dataset): walk as before
      latestEnd = laterEnd(latestEnd, end);
      if (!open) continue;
      let coveredUntil = start;
      let mark: OverlapMark | undefined;
      // Walk back over earlier entries that may still be open (none lasts more than a day).
      for (let j = i - 1; j >= 0; j--) {
        const earlier = run[j] as number;
        const earlierEnd = ends[earlier] as number;
        if (earlierEnd <= start) {
          if (start - (starts[earlier] as number) > OVERLAP_LOOKBACK_MS) break;
          continue;
        }
        mark ??= { overlapMs: 0, overlapsWith: [] };
        const until = Math.min(earlierEnd, end);
        if (until > coveredUntil) {
          mark.overlapMs += until - coveredUntil;
          coveredUntil = until;
        }
        mark.overlapsWith.push((entries[earlier] as TimeEntry).id);
      }
      if (mark)
        addMark(
          marks,
          (patients[patientOf[later] as number] as Patient).id,
          (entries[later] as TimeEntry).id,
          mark,
        );
    }
  }
  return { marks, times };
}

/** The latest of two ends; an end that is not a number keeps every later walk going. */
export function laterEnd(latest: number, end: number): number {
  if (Number.isNaN(end)) return Infinity;
  return end > latest ? end : latest;
}

const SLOTS = 2 ** 21; // entries per clinician that fit beside a whole-second instant in 53 bits

/**
 * Sorts entry indices by instant. A numeric sort of packed keys (whole seconds, then the
 * position) is several times faster than a comparator sort; entries that start in the
 * same second are then put in full order by `compare`.
 */
function sortByInstant(
  run: number[],
  starts: Float64Array,
  compare: (a: number, b: number) => number,
): number[] {
  const n = run.length;
  if (n >= SLOTS) return run.sort(compare);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const second = Math.floor((starts[run[i] as number] as number) / 1000);
    if (!(second >= 0 && second < 2 ** 31)) return run.sort(compare);
    keys[i] = second * SLOTS + i;
  }
  keys.sort();
  const sorted = new Array<number>(n);
  for (let i = 0; i < n; i++) sorted[i] = run[(keys[i] as number) % SLOTS] as number;
  // Runs of one second: rare, and short.
  for (let i = 0; i < n;) {
    let j = i + 1;
    const second = Math.floor((keys[i] as number) / SLOTS);
    while (j < n && Math.floor((keys[j] as number) / SLOTS) === second) j++;
    if (j - i > 1) {
      const tied = sorted.slice(i, j).sort(compare);
      for (let t = 0; t < tied.length; t++) sorted[i + t] = tied[t] as number;
    }
    i = j;
  }
  return sorted;
}
