import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataset, type Dataset, type Patient, type TimeEntry } from '@chronicle/dataset';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assembleReport,
  audit,
  clinicianOverlaps,
  createAuditor,
  createOverlapIndexBuilder,
  type AuditedMonth,
  type OverlapEntry,
  type OverlapIndex,
} from '../src/index.js';
import { patientOf, scenario } from './support/scenario.js';

// The streamed audit (a stored practice read patient by patient, its clinician-overlap
// index built from entries ordered by clinician and start) must give the report that
// `audit` gives for the same dataset in memory; these tests hold the two paths together.

/** The entries as a database gives them: by clinician, then start, ties in any order. */
function storedEntries(patients: readonly Patient[], shuffleTies: () => number): OverlapEntry[] {
  const rows: OverlapEntry[] = [];
  for (const p of patients)
    for (const t of p.timeEntries) {
      const startMs = Date.parse(t.start);
      const endMs =
        t.end !== undefined ? Date.parse(t.end) : startMs + Math.round((t.minutes ?? 0) * 60_000);
      rows.push({ patientId: p.id, entryId: t.id, clinicianId: t.clinicianId, startMs, endMs });
    }
  const tieBreak = new Map(rows.map((r) => [r, shuffleTies()]));
  return rows.sort(
    (a, b) =>
      (a.clinicianId < b.clinicianId ? -1 : a.clinicianId > b.clinicianId ? 1 : 0) ||
      a.startMs - b.startMs ||
      (tieBreak.get(a) as number) - (tieBreak.get(b) as number),
  );
}

function streamedOverlaps(patients: readonly Patient[], shuffleTies = Math.random): OverlapIndex {
  const builder = createOverlapIndexBuilder();
  for (const e of storedEntries(patients, shuffleTies)) builder.add(e);
  return builder.finish();
}

function marksOf(index: OverlapIndex) {
  return Object.fromEntries(
    [...index.marks]
      .map(([patient, byEntry]) => [patient, Object.fromEntries([...byEntry].sort())] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

function streamedAudit(dataset: Dataset, from?: string, to?: string) {
  const auditor = createAuditor({
    practice: dataset.practice,
    clinicians: dataset.clinicians,
    overlaps: streamedOverlaps(dataset.patients),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  });
  const months: AuditedMonth[] = [];
  for (const p of structuredClone(dataset.patients)) months.push(...auditor.auditPatient(p));
  return assembleReport(auditor.head, months, auditor.finish());
}

const EXAMPLES = join(import.meta.dirname, '../../../fixtures/examples');
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => {
    const parsed = parseDataset(
      (JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')) as { dataset: unknown }).dataset,
    );
    if (!parsed.ok) throw new Error(`${f}: invalid fixture`);
    return [f, parsed.value] as const;
  });

/** One RN's month copied onto several patients at shifted times: overlaps across patients. */
function crowdedPractice(shifts: number[]): Dataset {
  const d = scenario({ staff: [21, 4], practitioner: [3] });
  const template = patientOf(d);
  d.patients = shifts.map((shift, i) => {
    const p = structuredClone(template);
    p.id = `p-${i + 1}`;
    p.timeEntries = p.timeEntries.map((t): TimeEntry => ({
      ...t,
      start: new Date(Date.parse(t.start) + shift * 60_000).toISOString(),
    }));
    return p;
  });
  return d;
}

describe('streamed audit', () => {
  it('the streamed overlap index marks the same entries as the in-memory one, whatever the order of ties', () => {
    // Few instants and long entries, so that ties, chains of overlaps and the lookback
    // limit (entries of more than a day) all occur.
    const entry = fc.record({
      patient: fc.integer({ min: 1, max: 4 }),
      clinician: fc.constantFrom('c-a', 'c-b', 'c-c'),
      startMinute: fc.integer({ min: 0, max: 4 * 24 * 60 }).map((m) => m - (m % 7)),
      second: fc.constantFrom(0, 0, 0, 30),
      minutes: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 1000, max: 3000 })),
      withEnd: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), fc.integer(), (rows, seed) => {
        const patients: Patient[] = [1, 2, 3, 4].map((n) => ({
          ...patientOf(scenario()),
          id: `p-${n}`,
          timeEntries: [],
        }));
        rows.forEach((r, i) => {
          const startMs = Date.UTC(2026, 9, 1) + r.startMinute * 60_000 + r.second * 1000;
          const t: TimeEntry = {
            id: `t-${i % 7}-${i}`,
            clinicianId: r.clinician,
            start: new Date(startMs).toISOString(),
            service: 'ccm',
            activity: 'call',
            ...(r.withEnd
              ? { end: new Date(startMs + r.minutes * 60_000).toISOString() }
              : { minutes: r.minutes }),
          };
          (patients[r.patient - 1] as Patient).timeEntries.push(t);
        });
        const random = mulberry(seed);
        expect(marksOf(streamedOverlaps(patients, random))).toEqual(
          marksOf(clinicianOverlaps(patients)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the same marks over a long run of one clinician (the window is trimmed as it goes)', () => {
    const random = mulberry(7);
    const patients: Patient[] = [1, 2, 3].map((n) => ({
      ...patientOf(scenario()),
      id: `p-${n}`,
      timeEntries: [],
    }));
    let at = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 6000; i++) {
      at += Math.floor(random() * 40) * 60_000;
      (patients[i % 3] as Patient).timeEntries.push({
        id: `t-${i}`,
        clinicianId: 'c-rn',
        start: new Date(at).toISOString(),
        service: 'ccm',
        activity: 'call',
        // Now and then an entry longer than a day, which later entries walk past.
        minutes: i % 500 === 0 ? 2000 : Math.floor(random() * 45),
      });
    }
    const expected = marksOf(clinicianOverlaps(patients));
    expect(Object.keys(expected).length).toBe(3);
    expect(marksOf(streamedOverlaps(patients, random))).toEqual(expected);
  });

  it.each(examples)('gives the report audit gives for the worked example %s', (_name, dataset) => {
    expect(JSON.stringify(streamedAudit(dataset))).toBe(JSON.stringify(audit(dataset)));
  });

  it('gives the report audit gives when one clinician overlaps across patients, with a period', () => {
    const dataset = crowdedPractice([0, 10, 15, 24 * 60, 5]);
    const report = audit(dataset);
    expect(report.summary.findingsByRule['TIME-DOUBLE-COUNTED']).toBeGreaterThan(0);
    expect(streamedAudit(dataset)).toEqual(report);
    expect(streamedAudit(dataset, '2026-10', '2026-10')).toEqual(
      audit(dataset, { from: '2026-10', to: '2026-10' }),
    );
  });

  it('refuses entries that are not grouped by clinician or not in start order', () => {
    const at = (clinicianId: string, startMs: number): OverlapEntry => ({
      patientId: 'p',
      entryId: `${clinicianId}-${startMs}`,
      clinicianId,
      startMs,
      endMs: startMs + 1,
    });
    const apart = createOverlapIndexBuilder();
    apart.add(at('c-a', 1));
    apart.add(at('c-b', 1));
    expect(() => apart.add(at('c-a', 2))).toThrow(/not together/);
    const backwards = createOverlapIndexBuilder();
    backwards.add(at('c-a', 2));
    expect(() => backwards.add(at('c-a', 1))).toThrow(/not by start/);
  });
});

function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
