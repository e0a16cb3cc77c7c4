import type { Dataset, Patient, TimeEntry } from '@chronicle/dataset';
import {
  createOverlapIndexBuilder,
  monthEntryWindow,
  proposeBilling,
  proposePatientMonth,
  type OverlapEntry,
  type OverlapIndex,
} from '@chronicle/rules';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../src/index.js';

// One patient's month status (proposePatientMonth) must be the entry proposeBilling gives
// for that patient, when its clinician-overlap index is built the way the database builds
// it: only from the entries of the patient's clinicians that start in the month's window.
// The test lives here rather than in the rules package because this generator depends on
// the rules core, and the rules core may not depend back on it.

const HOUR = 3_600_000;

function endMs(t: TimeEntry, startMs: number): number {
  return t.end !== undefined ? Date.parse(t.end) : startMs + Math.round((t.minutes ?? 0) * 60_000);
}

/** Every entry of the practice, ordered by clinician and start, as the database reads them. */
function storedEntries(patients: readonly Patient[]): OverlapEntry[] {
  const rows: OverlapEntry[] = [];
  for (const p of patients)
    for (const t of p.timeEntries) {
      const startMs = Date.parse(t.start);
      rows.push({
        patientId: p.id,
        entryId: t.id,
        clinicianId: t.clinicianId,
        startMs,
        endMs: endMs(t, startMs),
      });
    }
  return rows.sort(
    (a, b) =>
      (a.clinicianId < b.clinicianId ? -1 : a.clinicianId > b.clinicianId ? 1 : 0) ||
      a.startMs - b.startMs,
  );
}

/** The index from the entries of the patient's clinicians that start in the month's window. */
function windowedIndex(
  entries: readonly OverlapEntry[],
  patient: Patient,
  window: { fromMs: number; toMs: number },
): OverlapIndex {
  const inWindow = (e: OverlapEntry) => e.startMs >= window.fromMs && e.startMs < window.toMs;
  const clinicians = new Set(
    entries.filter((e) => e.patientId === patient.id && inWindow(e)).map((e) => e.clinicianId),
  );
  const builder = createOverlapIndexBuilder();
  for (const e of entries) if (clinicians.has(e.clinicianId) && inWindow(e)) builder.add(e);
  return builder.finish();
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Generated practices log no overlapping time; this one gets some: entries of one
 * clinician moved onto the instants around each local midnight that starts a month, a few
 * minutes apart across patients, so that they overlap each other and straddle months.
 */
function crowded(dataset: Dataset, months: string[], offsetHours: number): Dataset {
  const byClinician = new Map<string, TimeEntry[]>();
  for (const p of dataset.patients)
    for (const t of p.timeEntries)
      byClinician.set(t.clinicianId, [...(byClinician.get(t.clinicianId) ?? []), t]);
  const busiest = [...byClinician.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  const moved = busiest.filter((_, i) => i % 3 === 0).slice(0, 12 * months.length);
  moved.forEach((t, i) => {
    const month = months[Math.floor(i / 12) % months.length] as string;
    const midnight = Date.parse(`${month}-01T00:00:00Z`) - offsetHours * HOUR;
    const startMs = midnight + ((i % 12) - 6) * 7 * 60_000;
    const length = endMs(t, Date.parse(t.start)) - Date.parse(t.start);
    t.start = iso(startMs);
    if (t.end !== undefined) t.end = iso(startMs + length);
  });
  return dataset;
}

describe('proposePatientMonth', () => {
  it.each([
    [2026, 'America/Chicago', -6],
    [2021, 'Pacific/Kiritimati', 14],
    [2019, 'Pacific/Pago_Pago', -11],
  ])('%i, %s: equals proposeBilling for every patient and month', (year, timezone, offset) => {
    const months = [`${year}-01`, `${year}-02`, `${year}-03`];
    const dataset = crowded(
      generateDataset({ seed: year, patients: 60, year, months: 3, timezone }),
      months.slice(1),
      offset,
    );
    const entries = storedEntries(dataset.patients);
    let compared = 0;
    let overlapsMattered = 0;
    for (const month of [...months, `${year}-04`]) {
      const expected = new Map(
        proposeBilling(dataset, month).patients.map((p) => [p.patientId, p]),
      );
      const window = monthEntryWindow(timezone, month);
      for (const patient of dataset.patients) {
        const input = {
          practice: dataset.practice,
          clinicians: dataset.clinicians,
          patient,
          month,
        };
        const status = proposePatientMonth({
          ...input,
          overlaps: windowedIndex(entries, patient, window),
        });
        const entry = expected.get(patient.id);
        if (entry) {
          expect(status).toEqual(entry);
          compared += 1;
          const blind = proposePatientMonth({
            ...input,
            overlaps: { marks: new Map(), times: new Map() },
          });
          if (JSON.stringify(blind) !== JSON.stringify(entry)) overlapsMattered += 1;
        } else {
          // Not listed: no CCM or PCM time starts in the month, so nothing is billable.
          expect(status.lines).toEqual([]);
          expect(status.dateOfService).toBeNull();
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
    // The crowded midnights must have changed some months' minutes, or the index is untested.
    expect(overlapsMattered).toBeGreaterThan(0);
  });

  it('windows a month from two days before its first local or UTC instant to its last', () => {
    // Chicago is UTC-6 in January: local midnight is 06:00Z.
    expect(monthEntryWindow('America/Chicago', '2026-01')).toEqual({
      fromMs: Date.parse('2025-12-30T00:00:00Z'),
      toMs: Date.parse('2026-02-01T06:00:00Z'),
    });
    // Kiritimati is UTC+14: local midnight is 10:00Z the day before.
    expect(monthEntryWindow('Pacific/Kiritimati', '2026-01')).toEqual({
      fromMs: Date.parse('2025-12-29T10:00:00Z'),
      toMs: Date.parse('2026-02-01T00:00:00Z'),
    });
  });
});
