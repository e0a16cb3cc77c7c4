import { compareStrings } from '../engine/compare.js';
import {
  addMark,
  OVERLAP_LOOKBACK_MS,
  type OverlapIndex,
  type OverlapMark,
} from './overlap-index.js';

// The clinician-overlap index built from a stream of entries instead of patients held in
// memory: a stored practice gives its entries ordered by clinician, then start, and only a
// window of each clinician's recent entries is kept. The marks are the ones
// clinicianOverlaps gives for the same entries (a property test holds the two together):
// the same order within a clinician, and the same walk back over earlier entries.

/** What the index needs of a time entry: who, when, and whose. */
export interface OverlapEntry {
  patientId: string;
  entryId: string;
  clinicianId: string;
  startMs: number;
  endMs: number;
}

export interface OverlapIndexBuilder {
  /** The next entry: entries come grouped by clinician, each clinician's by start. */
  add(entry: OverlapEntry): void;
  finish(): OverlapIndex;
}

export function createOverlapIndexBuilder(): OverlapIndexBuilder {
  const marks = new Map<string, Map<string, OverlapMark>>();
  const finished = new Set<string>();
  let clinician: string | undefined;
  // Entries of the current clinician that a later entry may still reach, from `head` on.
  let window: OverlapEntry[] = [];
  let head = 0;
  // Entries that start at the same instant: their order (end, patient, entry id) is only
  // known once the next instant arrives, as the source orders by clinician and start only.
  let tied: OverlapEntry[] = [];

  const walk = (later: OverlapEntry) => {
    const start = later.startMs;
    let coveredUntil = start;
    let mark: OverlapMark | undefined;
    for (let j = window.length - 1; j >= head; j--) {
      const earlier = window[j] as OverlapEntry;
      if (earlier.endMs <= start) {
        if (start - earlier.startMs > OVERLAP_LOOKBACK_MS) {
          // Closed and long before: every later entry of this clinician stops here too.
          head = j + 1;
          break;
        }
        continue;
      }
      mark ??= { overlapMs: 0, overlapsWith: [] };
      const until = Math.min(earlier.endMs, later.endMs);
      if (until > coveredUntil) {
        mark.overlapMs += until - coveredUntil;
        coveredUntil = until;
      }
      mark.overlapsWith.push(earlier.entryId);
    }
    if (mark) addMark(marks, later.patientId, later.entryId, mark);
    window.push(later);
    if (head > 1024 && head * 2 > window.length) {
      window = window.slice(head);
      head = 0;
    }
  };

  const flushTied = () => {
    if (tied.length > 1) tied.sort(compareTied);
    for (const entry of tied) walk(entry);
    tied = [];
  };

  return {
    add(entry) {
      if (entry.clinicianId !== clinician) {
        flushTied();
        if (clinician !== undefined) finished.add(clinician);
        if (finished.has(entry.clinicianId))
          throw new Error(
            `overlap index: clinician ${entry.clinicianId}'s entries are not together`,
          );
        clinician = entry.clinicianId;
        window = [];
        head = 0;
      } else {
        const previous = tied[0] as OverlapEntry;
        if (entry.startMs < previous.startMs)
          throw new Error(
            `overlap index: clinician ${entry.clinicianId}'s entries are not by start`,
          );
        if (entry.startMs !== previous.startMs) flushTied();
      }
      tied.push(entry);
    },
    finish() {
      flushTied();
      window = [];
      return { marks, times: new Map() };
    },
  };
}

function compareTied(a: OverlapEntry, b: OverlapEntry): number {
  return (
    a.endMs - b.endMs ||
    compareStrings(a.patientId, b.patientId) ||
    compareStrings(a.entryId, b.entryId)
  );
}
