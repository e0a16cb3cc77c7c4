import type { Dataset } from '@chronicle/dataset';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audit, proposeBilling } from '../src/index.js';
import { addMonths } from '../src/time/calendar.js';
import { entry, patientOf, scenario } from './support/scenario.js';

// Properties of the whole engine, checked on generated months rather than chosen cases.

const minutesList = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 0, maxLength: 6 });

function units(dataset: Dataset, month: string): number {
  const p = proposeBilling(dataset, month).patients[0];
  return (p?.lines ?? []).reduce((n, l) => n + l.units, 0);
}

describe('engine properties', () => {
  it('adding countable minutes never lowers the billable level', () => {
    fc.assert(
      fc.property(
        minutesList,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 28 }),
        (staff, extra, day) => {
          const before = scenario({ staff, lines: [] });
          const after = scenario({ staff, lines: [] });
          patientOf(after).timeEntries.push({
            ...entry('t-extra', 'c-ma', '2026-10', day, extra),
            start: `2026-10-${String(day).padStart(2, '0')}T21:00:00Z`,
          });
          expect(units(after, '2026-10')).toBeGreaterThanOrEqual(units(before, '2026-10'));
        },
      ),
      { numRuns: 60 },
    );
  });

  const faulty = fc.record({
    staff: minutesList,
    practitioner: fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 2 }),
    lines: fc.constantFrom<Array<[string, number]>>(
      [['99490', 1]],
      [
        ['99490', 1],
        ['99439', 2],
      ],
      [['99487', 1]],
      [['99491', 1]],
      [['99439', 1]],
      [],
    ),
    dateOfServiceDay: fc.integer({ min: 1, max: 28 }),
    dropConsent: fc.boolean(),
    overlapDay: fc.option(fc.integer({ min: 2, max: 12 })),
  });

  const build = faultyDataset;

  it('the order of records never changes the report', () => {
    fc.assert(
      fc.property(faulty, fc.integer(), (f, seed) => {
        const dataset = build(f, '2026-10');
        const shuffled = structuredClone(dataset);
        const p = patientOf(shuffled);
        const rnd = mulberry(seed);
        for (const list of [
          p.timeEntries,
          p.claims,
          p.conditions,
          p.consents,
          p.carePlans,
          p.encounters,
          shuffled.clinicians,
        ]) {
          shuffle(list as unknown[], rnd);
        }
        expect(audit(shuffled)).toEqual(audit(dataset));
      }),
      { numRuns: 60 },
    );
  });

  it('shifting a dataset by whole months within a rules year shifts its findings and nothing else', () => {
    fc.assert(
      fc.property(faulty, fc.integer({ min: 1, max: 5 }), (f, k) => {
        const original = build(f, '2026-06');
        const shifted = shiftDataset(original, k);
        // The policy holds calendar dates of its own (the G0511 transition end) that stay put.
        const { policy: _p, ...after } = audit(shifted);
        const { policy: _q, ...before } = audit(original);
        expect(after).toEqual(shiftDataset(before, k));
      }),
      { numRuns: 60 },
    );
  });
});

export function faultyDataset(
  f: {
    staff: number[];
    practitioner: number[];
    lines: Array<[string, number]>;
    dateOfServiceDay: number;
    dropConsent: boolean;
    overlapDay: number | null;
  },
  month: string,
): Dataset {
  const d = scenario({
    month,
    staff: f.staff,
    practitioner: f.practitioner,
    lines: f.lines,
    dateOfService: `${month}-${String(f.dateOfServiceDay).padStart(2, '0')}`,
  });
  const p = patientOf(d);
  if (f.dropConsent) p.consents = [];
  if (f.overlapDay !== null)
    p.timeEntries.push({ ...entry('t-ovl', 'c-rn', month, f.overlapDay, 15), service: 'rpm' });
  return d;
}

/** Every date and month string moved by k months (days kept; the cases use days up to 28). */
function shiftDataset<T>(value: T, k: number): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    typeof v === 'string' ? v.replace(/\b\d{4}-\d{2}(?=-\d{2}|\b)/g, (m) => addMonths(m, k)) : v,
  ) as T;
}

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

function shuffle(list: unknown[], rnd: () => number): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
}
